// rnnparams/torch/conv.hpp: PyTorch's Conv1d and Conv2d modules.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/int_tuple.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/named_tensor.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rnnparams::torch {

/// A convolution's padding over N spatial axes: zeros on each side (`.padding = 2`, or `{1, 2}` per axis
/// for Conv2d), or "same" or "valid" (`.padding = "same"`).
template <std::size_t N>
class basic_conv_padding {
public:
  /// The spatial axes it pads.
  static constexpr std::size_t axes = N;

  constexpr basic_conv_padding(std::int64_t amount) noexcept : amounts_{amount} {}
  /// One amount per axis: `{1, 2}`.
  template <class... T>
    requires(N > 1 && sizeof...(T) == N)
  constexpr basic_conv_padding(T... amounts) noexcept : amounts_{amounts...} {}
  constexpr basic_conv_padding(fixed_ints<N> amounts) noexcept : amounts_{amounts} {}
  template <std::size_t M>
  constexpr basic_conv_padding(const char (&mode)[M]) noexcept : mode_{mode} {}
  explicit constexpr basic_conv_padding(std::string_view mode) noexcept : mode_{mode} {}

  /// "same", "valid" (or an invalid string), or empty for numbers.
  [[nodiscard]] constexpr std::string_view mode() const noexcept { return mode_; }
  /// The zeros on each side of each axis when mode() is empty.
  [[nodiscard]] constexpr const fixed_ints<N>& amounts() const noexcept { return amounts_; }
  /// The zeros on each side when mode() is empty (Conv1d).
  [[nodiscard]] constexpr std::int64_t amount() const noexcept
    requires(N == 1)
  {
    return amounts_[0];
  }

  friend constexpr bool operator==(const basic_conv_padding&, const basic_conv_padding&) = default;

private:
  fixed_ints<N> amounts_ = 0;
  std::string_view mode_;
};

/// Conv1d's padding: `.padding = 2`, "same" or "valid".
using conv_padding = basic_conv_padding<1>;
/// Conv2d's padding: `.padding = 1`, `{1, 2}`, "same" or "valid".
using conv2d_padding = basic_conv_padding<2>;

} // namespace rnnparams::torch

namespace rnnparams::detail {

/// A convolution's parameters, weight (out, in / groups, k...) and bias (out), after checking every
/// setting as torch.nn.Conv1d's and Conv2d's constructor and F.conv1d / F.conv2d do.
template <std::size_t N>
constexpr torch_tensor_array
torch_conv_parameters(std::string_view who, std::int64_t in_channels, std::int64_t out_channels,
                      const fixed_ints<N>& kernel_size, const fixed_ints<N>& stride,
                      const torch::basic_conv_padding<N>& padding, const fixed_ints<N>& dilation,
                      std::int64_t groups, bool bias, std::string_view padding_mode) {
  if (in_channels <= 0) {
    report_invalid(who, "in_channels must be greater than zero"); // error here: set .in_channels
  }
  if (out_channels <= 0) {
    report_invalid(who, "out_channels must be greater than zero"); // error here: set .out_channels
  }
  bool strided = false;
  for (std::size_t i = 0; i < N; ++i) {
    if (kernel_size[i] <= 0) {
      report_invalid(who, "kernel_size must be greater than zero"); // error here: set .kernel_size
    }
    if (stride[i] <= 0) {
      report_invalid(who, "non-positive stride is not supported"); // error here: stride must be >= 1
    }
    if (dilation[i] <= 0) {
      report_invalid(who, "non-positive dilation is not supported"); // error here: dilation must be >= 1
    }
    if (padding.mode().empty() && padding.amounts()[i] < 0) {
      report_invalid(who, "negative padding is not supported"); // error here: padding must be >= 0
    }
    strided = strided || stride[i] != 1;
  }
  if (groups <= 0) {
    report_invalid(who, "groups must be a positive integer"); // error here: groups must be >= 1
  }
  if (in_channels % groups != 0) {
    report_invalid(who, "in_channels must be divisible by groups"); // error here: choose another groups
  }
  if (out_channels % groups != 0) {
    report_invalid(who, "out_channels must be divisible by groups"); // error here: choose another groups
  }
  if (!padding.mode().empty() && padding.mode() != "same" && padding.mode() != "valid") {
    // error here: padding is a number, "same" or "valid"
    report_invalid(who, "Invalid padding string, should be one of {'valid', 'same'}");
  }
  if (padding.mode() == "same" && strided) {
    // error here: use stride = 1, or give padding as a number
    report_invalid(who, "padding='same' is not supported for strided convolutions");
  }
  if (padding_mode != "zeros" && padding_mode != "reflect" && padding_mode != "replicate" &&
      padding_mode != "circular") {
    // error here: fix .padding_mode
    report_invalid(who, "padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}");
  }
  const auto out = static_cast<std::uint64_t>(out_channels);
  shape weight{out, static_cast<std::uint64_t>(in_channels / groups)};
  for (const std::int64_t k : kernel_size) {
    weight.push_back(static_cast<std::uint64_t>(k));
  }
  torch_tensor_array p{who, {}};
  p.add("weight", weight);
  if (bias) {
    p.add("bias", {out});
  }
  return p;
}

/// An input length given as a number, checked.
constexpr std::uint64_t torch_conv1d_input_length(std::string_view who, std::int64_t length) {
  if (length < 0) {
    report_invalid(who, "the input length must be >= 0"); // error here: L counts timesteps
  }
  return static_cast<std::uint64_t>(length);
}

/// One axis: L' = ⌊(L + 2·padding − dilation·(kernel_size − 1) − 1) / stride⌋ + 1, for checked settings;
/// `mode` is the padding's mode() and `amount` its zeros on each side of this axis.
constexpr std::uint64_t torch_conv_length(std::string_view who, std::uint64_t length,
                                          std::int64_t kernel_size, std::int64_t stride,
                                          std::string_view mode, std::int64_t amount, std::int64_t dilation) {
  // The dilated kernel's span, and the zeros on both sides together ("same" adds span − 1).
  const std::uint64_t span = checked_add(
      checked_mul(static_cast<std::uint64_t>(dilation), static_cast<std::uint64_t>(kernel_size) - 1, who), 1,
      who);
  const std::uint64_t zeros = mode == "same"    ? span - 1
                              : mode == "valid" ? 0
                                                : checked_mul(2, static_cast<std::uint64_t>(amount), who);
  const std::uint64_t padded = checked_add(length, zeros, who);
  if (padded < span) {
    // error here: the padded input is shorter than the dilated kernel; pad more or use a shorter kernel
    report_invalid(who, "Kernel size can't be greater than actual input size");
  }
  return (padded - span) / static_cast<std::uint64_t>(stride) + 1;
}

/// Checks an input (C_in, spatial...) or (N, C_in, spatial...) of a convolution over N axes.
template <std::size_t N>
constexpr void check_torch_conv_input(std::string_view who, const shape& input, std::uint64_t in_channels) {
  if (input.rank() != N + 1 && input.rank() != N + 2) {
    if constexpr (N == 1) {
      // error here: Conv1d takes (C_in, L) or (N, C_in, L)
      report_invalid(who, "Expected 2D (unbatched) or 3D (batched) input to conv1d");
    } else {
      // error here: Conv2d takes (C_in, H, W) or (N, C_in, H, W)
      report_invalid(who, "Expected 3D (unbatched) or 4D (batched) input to conv2d");
    }
  }
  const dim channels = input[input.rank() - N - 1];
  if (!channels.known() || channels.value() != in_channels) {
    report_invalid(who, "expected the input to have in_channels channels"); // error here: check C_in
  }
}

/// What F.pad checks where padding_mode is not "zeros" (the module pads with F.pad, then convolves
/// unpadded): "circular" takes only a batched input in PyTorch 1.13 and wraps at most once; "reflect"
/// pads less than the axis is long. Each side's zeros are those of padding, or of "same" (the total
/// dilation·(k − 1), its lower half on the left).
template <std::size_t N>
constexpr void check_torch_conv_padding_mode(std::string_view who, const shape& input,
                                             const fixed_ints<N>& kernel_size,
                                             const torch::basic_conv_padding<N>& padding,
                                             const fixed_ints<N>& dilation, std::string_view padding_mode) {
  if (padding_mode == "zeros") {
    return;
  }
  if (padding_mode == "circular" && input.rank() == N + 1) {
    // error here: give the input a batch axis, or use padding_mode="zeros"
    report_invalid(who, "padding_mode='circular' takes a batched input (Invalid padding size)");
  }
  for (std::size_t i = 0; i < N; ++i) {
    const dim length = input[input.rank() - N + i];
    if (!length.known() || padding.mode() == "valid") {
      continue;
    }
    const std::uint64_t total = padding.mode() == "same"
                                    ? checked_mul(static_cast<std::uint64_t>(dilation[i]),
                                                  static_cast<std::uint64_t>(kernel_size[i]) - 1, who)
                                    : checked_mul(2, static_cast<std::uint64_t>(padding.amounts()[i]), who);
    const std::uint64_t widest = total - total / 2; // the right side, the larger one
    if (padding_mode == "reflect" && widest > 0 && widest >= length.value()) {
      // error here: reflect pads less than the input is long; pad less or use another padding_mode
      report_invalid(who, "Padding size should be less than the corresponding input dimension");
    }
    if (padding_mode == "circular" && widest > length.value()) {
      // error here: circular pads at most the input's length; pad less or use another padding_mode
      report_invalid(who, "Padding value causes wrapping around more than once");
    }
  }
}

/// The output of a checked convolution over the last N axes: C_out, then each axis by torch_conv_length;
/// an unknown axis stays unknown.
template <std::size_t N>
constexpr shape torch_conv_output(std::string_view who, const shape& input, std::uint64_t out_channels,
                                  const fixed_ints<N>& kernel_size, const fixed_ints<N>& stride,
                                  const torch::basic_conv_padding<N>& padding, const fixed_ints<N>& dilation,
                                  std::string_view padding_mode) {
  check_torch_conv_padding_mode<N>(who, input, kernel_size, padding, dilation, padding_mode);
  shape output = input;
  for (std::size_t i = 0; i <= N; ++i) {
    output.pop_back();
  }
  output.push_back(out_channels);
  for (std::size_t i = 0; i < N; ++i) {
    const dim d = input[input.rank() - N + i];
    output.push_back(d.known() ? dim{torch_conv_length(who, d.value(), kernel_size[i], stride[i],
                                                       padding.mode(), padding.amounts()[i], dilation[i])}
                               : d);
  }
  return output;
}

} // namespace rnnparams::detail

namespace rnnparams::detail {

/// Conv1d's and Conv2d's signature, (in_channels, out_channels, kernel_size, stride=1, padding=0,
/// dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None); `sizes` says how
/// kernel_size, stride, padding and dilation are read.
template <class M, class D>
constexpr void describe_torch_conv(D& d, arg sizes) {
  d.field("in_channels", &M::in_channels, arg{.required = true});
  d.field("out_channels", &M::out_channels, arg{.required = true});
  d.field("kernel_size", &M::kernel_size, arg{.required = true, .one_tuple = sizes.one_tuple});
  d.field("stride", &M::stride, sizes);
  d.field("padding", &M::padding, sizes);
  d.field("dilation", &M::dilation, sizes);
  d.field("groups", &M::groups);
  d.field("bias", &M::bias);
  d.field("padding_mode", &M::padding_mode);
  d.ignored("device");
  d.float32_only("dtype");
}

} // namespace rnnparams::detail

// The tensors and the output of a convolution over N axes, from its fields: Conv1d's and Conv2d's.
#define RNNPARAMS_TORCH_CONV_MEMBERS(N)                                                                      \
  /** sum(p.numel() for p in module.parameters()): out·(in / groups)·∏k + out. */                            \
  [[nodiscard]] constexpr std::uint64_t count_params() const { return named_parameters().numel(); }          \
  /** weight (out_channels, in_channels / groups, k...), then bias (out_channels). */                        \
  [[nodiscard]] constexpr fixed_tensor_list named_parameters() const {                                       \
    return fixed_tensor_list{detail::torch_conv_parameters<N>(who, in_channels, out_channels, kernel_size,   \
                                                              stride, padding, dilation, groups, bias,       \
                                                              padding_mode)};                                \
  }                                                                                                          \
  /** None. */                                                                                               \
  [[nodiscard]] constexpr fixed_tensor_list named_buffers() const {                                          \
    static_cast<void>(named_parameters());                                                                   \
    return fixed_tensor_list{{who, {}}};                                                                     \
  }                                                                                                          \
  [[nodiscard]] constexpr std::uint64_t count_buffers() const { return named_buffers().numel(); }            \
  /** (C_in, spatial...) -> (C_out, spatial'...), or with a batch axis in front; each axis by Conv1d's */    \
  /** rule, an unknown one unknown. */                                                                       \
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {                                     \
    static_cast<void>(named_parameters());                                                                   \
    detail::check_torch_conv_input<N>(who, input, static_cast<std::uint64_t>(in_channels));                  \
    return detail::torch_conv_output<N>(who, input, static_cast<std::uint64_t>(out_channels), kernel_size,   \
                                        stride, padding, dilation, padding_mode);                            \
  }

namespace rnnparams::torch {

/// torch.nn.Conv1d: weight (out_channels, in_channels / groups, kernel_size) and bias (out_channels).
struct Conv1d {
  std::int64_t in_channels = 0;
  std::int64_t out_channels = 0;
  std::int64_t kernel_size = 0;
  std::int64_t stride = 1;
  conv_padding padding = 0;
  std::int64_t dilation = 1;
  std::int64_t groups = 1;
  bool bias = true;
  /// "zeros", "reflect", "replicate" or "circular"; no effect on counts.
  std::string_view padding_mode = "zeros";

  static constexpr std::string_view class_name = "Conv1d";
  static constexpr std::string_view who = "rnnparams::torch::Conv1d";

  /// Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
  /// padding_mode='zeros', device=None, dtype=None); the sizes may be 1-tuples, as `_single` allows.
  template <class D>
  static constexpr void describe(D& d) {
    detail::describe_torch_conv<Conv1d>(d, detail::arg{.one_tuple = true});
  }

  RNNPARAMS_TORCH_CONV_MEMBERS(1)

  /// The output length L' for an input length L; L itself with padding "same".
  [[nodiscard]] constexpr std::uint64_t output_length(std::int64_t length) const {
    static_cast<void>(named_parameters());
    return detail::torch_conv_length(who, detail::torch_conv1d_input_length(who, length), kernel_size, stride,
                                     padding.mode(), padding.amount(), dilation);
  }
};

/// torch.nn.Conv2d: weight (out_channels, in_channels / groups, kH, kW) and bias (out_channels).
struct Conv2d {
  std::int64_t in_channels = 0;
  std::int64_t out_channels = 0;
  /// `3` or `{kH, kW}`.
  int_pair kernel_size = 0;
  int_pair stride = 1;
  /// `1`, `{pH, pW}`, "same" or "valid".
  conv2d_padding padding = 0;
  int_pair dilation = 1;
  std::int64_t groups = 1;
  bool bias = true;
  /// "zeros", "reflect", "replicate" or "circular"; no effect on counts.
  std::string_view padding_mode = "zeros";

  static constexpr std::string_view class_name = "Conv2d";
  static constexpr std::string_view who = "rnnparams::torch::Conv2d";

  /// Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
  /// padding_mode='zeros', device=None, dtype=None); each size an integer or a pair, as `_pair` takes it.
  template <class D>
  static constexpr void describe(D& d) {
    detail::describe_torch_conv<Conv2d>(d, {});
  }

  RNNPARAMS_TORCH_CONV_MEMBERS(2)
};

} // namespace rnnparams::torch
