// rnnparams/torch/conv1d.hpp: PyTorch's Conv1d module.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/named_tensor.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rnnparams::torch {

/// Conv1d's padding: zeros on each side (`.padding = 2`), or "same" or "valid" (`.padding = "same"`).
class conv_padding {
public:
  constexpr conv_padding(std::int64_t amount) noexcept : amount_{amount} {}
  template <std::size_t N>
  constexpr conv_padding(const char (&mode)[N]) noexcept : mode_{mode} {}
  explicit constexpr conv_padding(std::string_view mode) noexcept : mode_{mode} {}

  /// "same", "valid" (or an invalid string), or empty for a number.
  [[nodiscard]] constexpr std::string_view mode() const noexcept { return mode_; }
  /// The zeros on each side when mode() is empty.
  [[nodiscard]] constexpr std::int64_t amount() const noexcept { return amount_; }

  friend constexpr bool operator==(const conv_padding&, const conv_padding&) = default;

private:
  std::int64_t amount_ = 0;
  std::string_view mode_;
};

} // namespace rnnparams::torch

namespace rnnparams::detail {

/// Conv1d's parameters, weight (out, in / groups, k) and bias (out), after checking every setting
/// as torch.nn.Conv1d's constructor and F.conv1d do.
constexpr torch_tensor_array torch_conv1d_parameters(std::string_view who, std::int64_t in_channels,
                                                     std::int64_t out_channels, std::int64_t kernel_size,
                                                     std::int64_t stride, torch::conv_padding padding,
                                                     std::int64_t dilation, std::int64_t groups, bool bias,
                                                     std::string_view padding_mode) {
  if (in_channels <= 0) {
    report_invalid(who, "in_channels must be greater than zero"); // error here: set .in_channels
  }
  if (out_channels <= 0) {
    report_invalid(who, "out_channels must be greater than zero"); // error here: set .out_channels
  }
  if (kernel_size <= 0) {
    report_invalid(who, "kernel_size must be greater than zero"); // error here: set .kernel_size
  }
  if (stride <= 0) {
    report_invalid(who, "non-positive stride is not supported"); // error here: stride must be >= 1
  }
  if (dilation <= 0) {
    report_invalid(who, "non-positive dilation is not supported"); // error here: dilation must be >= 1
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
  if (padding.mode().empty()) {
    if (padding.amount() < 0) {
      report_invalid(who, "negative padding is not supported"); // error here: padding must be >= 0
    }
  } else if (padding.mode() != "same" && padding.mode() != "valid") {
    // error here: padding is a number, "same" or "valid"
    report_invalid(who, "Invalid padding string, should be one of {'valid', 'same'}");
  } else if (padding.mode() == "same" && stride != 1) {
    // error here: use stride = 1, or give padding as a number
    report_invalid(who, "padding='same' is not supported for strided convolutions");
  }
  if (padding_mode != "zeros" && padding_mode != "reflect" && padding_mode != "replicate" &&
      padding_mode != "circular") {
    // error here: fix .padding_mode
    report_invalid(who, "padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}");
  }
  const auto out = static_cast<std::uint64_t>(out_channels);
  torch_tensor_array p{who, {}};
  p.add("weight",
        {out, static_cast<std::uint64_t>(in_channels / groups), static_cast<std::uint64_t>(kernel_size)});
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

/// L' = ⌊(L + 2·padding − dilation·(kernel_size − 1) − 1) / stride⌋ + 1, for checked settings.
constexpr std::uint64_t torch_conv1d_length(std::string_view who, std::uint64_t length,
                                            std::int64_t kernel_size, std::int64_t stride,
                                            torch::conv_padding padding, std::int64_t dilation) {
  // The dilated kernel's span, and the zeros on both sides together ("same" adds span − 1).
  const std::uint64_t span = checked_add(
      checked_mul(static_cast<std::uint64_t>(dilation), static_cast<std::uint64_t>(kernel_size) - 1, who), 1,
      who);
  const std::uint64_t zeros = padding.mode() == "same" ? span - 1
                              : padding.mode() == "valid"
                                  ? 0
                                  : checked_mul(2, static_cast<std::uint64_t>(padding.amount()), who);
  const std::uint64_t padded = checked_add(length, zeros, who);
  if (padded < span) {
    // error here: the padded input is shorter than the dilated kernel; pad more or use a shorter kernel
    report_invalid(who, "Kernel size can't be greater than actual input size");
  }
  return (padded - span) / static_cast<std::uint64_t>(stride) + 1;
}

/// Checks an input (C_in, L) or (N, C_in, L).
constexpr void check_torch_conv1d_input(std::string_view who, const shape& input, std::uint64_t in_channels) {
  if (input.rank() != 2 && input.rank() != 3) {
    // error here: Conv1d takes (C_in, L) or (N, C_in, L)
    report_invalid(who, "Expected 2D (unbatched) or 3D (batched) input to conv1d");
  }
  const dim channels = input[input.rank() - 2];
  if (!channels.known() || channels.value() != in_channels) {
    report_invalid(who, "expected the input to have in_channels channels"); // error here: check C_in
  }
}

} // namespace rnnparams::detail

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
    using rnnparams::detail::arg;
    d.field("in_channels", &Conv1d::in_channels, arg{.required = true});
    d.field("out_channels", &Conv1d::out_channels, arg{.required = true});
    d.field("kernel_size", &Conv1d::kernel_size, arg{.required = true, .one_tuple = true});
    d.field("stride", &Conv1d::stride, arg{.one_tuple = true});
    d.field("padding", &Conv1d::padding, arg{.one_tuple = true});
    d.field("dilation", &Conv1d::dilation, arg{.one_tuple = true});
    d.field("groups", &Conv1d::groups);
    d.field("bias", &Conv1d::bias);
    d.field("padding_mode", &Conv1d::padding_mode);
    d.ignored("device");
    d.float32_only("dtype");
  }

  /// sum(p.numel() for p in module.parameters()): out·(in / groups)·k + out.
  [[nodiscard]] constexpr std::uint64_t count_params() const { return named_parameters().numel(); }
  /// weight (out_channels, in_channels / groups, kernel_size), then bias (out_channels).
  [[nodiscard]] constexpr fixed_tensor_list named_parameters() const {
    return fixed_tensor_list{detail::torch_conv1d_parameters(
        who, in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode)};
  }
  /// None.
  [[nodiscard]] constexpr fixed_tensor_list named_buffers() const {
    static_cast<void>(named_parameters());
    return fixed_tensor_list{{who, {}}};
  }
  [[nodiscard]] constexpr std::uint64_t count_buffers() const { return named_buffers().numel(); }
  /// The output length L' for an input length L; L itself with padding "same".
  [[nodiscard]] constexpr std::uint64_t output_length(std::int64_t length) const {
    static_cast<void>(named_parameters());
    return detail::torch_conv1d_length(who, detail::torch_conv1d_input_length(who, length), kernel_size,
                                       stride, padding, dilation);
  }
  /// (C_in, L) -> (C_out, L') or (N, C_in, L) -> (N, C_out, L'); an unknown L stays unknown.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    static_cast<void>(named_parameters());
    detail::check_torch_conv1d_input(who, input, static_cast<std::uint64_t>(in_channels));
    const dim length = input.back();
    const dim out_length =
        length.known()
            ? dim{detail::torch_conv1d_length(who, length.value(), kernel_size, stride, padding, dilation)}
            : length;
    shape output = input;
    output.pop_back().pop_back().push_back(static_cast<std::uint64_t>(out_channels)).push_back(out_length);
    return output;
  }
};

} // namespace rnnparams::torch
