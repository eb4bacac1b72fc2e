// rnnparams/torch/pooling.hpp: PyTorch's MaxPool1d, AvgPool1d, AdaptiveAvgPool1d, AdaptiveMaxPool1d,
// MaxPool2d and AvgPool2d. SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/int_tuple.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/weightless.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// ATen's pooling_output_shape for one axis: ⌊(L + 2·padding − dilation·(k − 1) − 1 (+ stride − 1 with
/// ceil_mode)) / stride⌋ + 1, minus one with ceil_mode when the last window would start in the right
/// padding. An unknown L stays unknown; an output below 1 is an error, as the meta and CUDA kernels and
/// every gradient-taking call raise it.
constexpr dim torch_pooling_length(std::string_view who, dim length, std::uint64_t kernel,
                                   std::uint64_t stride, std::uint64_t padding, std::uint64_t dilation,
                                   bool ceil_mode) {
  if (!length.known()) {
    return length;
  }
  const std::uint64_t l = length.value();
  const std::uint64_t span = checked_add(checked_mul(dilation, kernel - 1, who), 1, who);
  const std::uint64_t padded =
      checked_add(checked_add(l, checked_mul(2, padding, who), who), ceil_mode ? stride - 1 : 0, who);
  std::uint64_t out = padded < span ? 0 : (padded - span) / stride + 1;
  if (ceil_mode && out > 0 && (out - 1) * stride >= l + padding) {
    --out;
  }
  if (out == 0) {
    // error here: the input is shorter than the (dilated) window; use a smaller kernel_size or more padding
    report_invalid(who, "Calculated output size is too small (Output size is too small)");
  }
  return out;
}

/// Checks an input (C, L) or (N, C, L) of a 1-D pooling module.
constexpr void check_torch_pooling_input(std::string_view who, const shape& input) {
  if (input.rank() != 2 && input.rank() != 3) {
    // error here: pooling takes (C, L) or (N, C, L)
    report_invalid(who, "Expected 2D or 3D (batch mode) tensor for input");
  }
}

/// The output of an adaptive pooling module: the input with its last axis set to output_size.
constexpr shape torch_adaptive_output(std::string_view who, const shape& input, std::int64_t output_size) {
  if (input.rank() != 2 && input.rank() != 3) {
    // error here: adaptive pooling takes (C, L) or (N, C, L)
    report_invalid(who, "Expected 2 to 3 dimensions for input (C, L) or (N, C, L)");
  }
  if (output_size < 0) {
    // error here: output_size is the length of the output, 0 or more
    report_invalid(who, "elements of output_size must be greater than or equal to 0");
  }
  if ((input.back().known() && input.back().value() == 0) ||
      (input[input.rank() - 2].known() && input[input.rank() - 2].value() == 0)) {
    // error here: C and L must be > 0
    report_invalid(who, "Expected input to have non-zero size for non-batch dimensions");
  }
  return input.with_back(static_cast<std::uint64_t>(output_size));
}

/// max_pool2d's and avg_pool2d's checks and output for (C, H, W) or (N, C, H, W), in ATen's order:
/// pooling_output_shape for H and W (stride, then padding against the kernel), then pool2d_shape_check
/// (kernel, stride, dilation, non-empty axes, an output of at least 1 on each axis).
constexpr shape torch_pool2d_output(std::string_view who, const shape& input, const int_pair& kernel_size,
                                    const int_pair& stride, const int_pair& padding, const int_pair& dilation,
                                    bool ceil_mode) {
  if (input.rank() != 3 && input.rank() != 4) {
    // error here: 2-D pooling takes (C, H, W) or (N, C, H, W)
    report_invalid(who, "non-empty 3D or 4D (batch mode) tensor expected for input");
  }
  for (std::size_t i = 0; i < 2; ++i) {
    if (stride[i] == 0) {
      report_invalid(who, "stride should not be zero"); // error here: stride must be 1 or more
    }
    if (padding[i] < 0) {
      report_invalid(who, "pad must be non-negative"); // error here: padding must be >= 0
    }
    if (padding[i] > kernel_size[i] / 2) {
      // error here: padding must be at most kernel_size / 2 on each axis
      report_invalid(who, "pad should be at most half of kernel size");
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    if (kernel_size[i] <= 0) {
      report_invalid(who, "kernel size should be greater than zero"); // error here: kernel_size >= 1
    }
    if (stride[i] < 0) {
      report_invalid(who, "stride should be greater than zero"); // error here: stride must be >= 1
    }
    if (dilation[i] <= 0) {
      report_invalid(who, "dilation should be greater than zero"); // error here: dilation must be >= 1
    }
  }
  const std::size_t first = input.rank() - 3; // the channel axis
  for (std::size_t axis = first; axis < input.rank(); ++axis) {
    if (input[axis].known() && input[axis].value() == 0) {
      // error here: C, H and W must be > 0 (only the batch axis may be 0)
      report_invalid(who, "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input");
    }
  }
  shape output = input;
  output.pop_back().pop_back();
  for (std::size_t i = 0; i < 2; ++i) {
    output.push_back(
        torch_pooling_length(who, input[first + 1 + i], static_cast<std::uint64_t>(kernel_size[i]),
                             static_cast<std::uint64_t>(stride[i]), static_cast<std::uint64_t>(padding[i]),
                             static_cast<std::uint64_t>(dilation[i]), ceil_mode));
  }
  return output;
}

} // namespace rnnparams::detail

namespace rnnparams::torch {

/// torch.nn.MaxPool1d: no parameters; (N, C, L) -> (N, C, L') by ATen's pooling_output_shape.
struct MaxPool1d {
  std::int64_t kernel_size = 0;
  /// None: kernel_size.
  rnnparams::optional<std::int64_t> stride = std::nullopt;
  std::int64_t padding = 0;
  std::int64_t dilation = 1;
  bool ceil_mode = false;

  static constexpr std::string_view class_name = "MaxPool1d";
  static constexpr std::string_view who = "rnnparams::torch::MaxPool1d";

  /// MaxPool1d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("kernel_size", &MaxPool1d::kernel_size, arg{.required = true, .one_tuple = true});
    d.field("stride", &MaxPool1d::stride, arg{.one_tuple = true});
    d.field("padding", &MaxPool1d::padding, arg{.one_tuple = true});
    d.field("dilation", &MaxPool1d::dilation, arg{.one_tuple = true});
    d.unsupported("return_indices", "it returns (output, indices), which rnnparams does not model");
    d.field("ceil_mode", &MaxPool1d::ceil_mode);
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// (C, L) -> (C, L') or (N, C, L) -> (N, C, L'), checked in max_pool1d's order.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    detail::check_torch_pooling_input(who, input);
    if (kernel_size <= 0) {
      // error here: kernel_size must be 1 or more
      detail::report_invalid(who, "max_pool1d() kernel_size must be greater than zero");
    }
    const std::int64_t step = stride.value_or(kernel_size);
    if (step <= 0) {
      // error here: stride must be 1 or more (None: kernel_size)
      detail::report_invalid(who, "max_pool1d() stride must be greater than zero");
    }
    if (padding < 0) {
      detail::report_invalid(who, "max_pool1d() padding must be non-negative"); // error here: padding >= 0
    }
    if (padding > kernel_size / 2) {
      // error here: padding must be at most kernel_size / 2
      detail::report_invalid(who, "max_pool1d() padding should be at most half of kernel size");
    }
    if (dilation <= 0) {
      // error here: dilation must be 1 or more
      detail::report_invalid(who, "max_pool1d() dilation must be greater than zero");
    }
    const auto k = static_cast<std::uint64_t>(kernel_size);
    const auto s = static_cast<std::uint64_t>(step);
    const auto d = static_cast<std::uint64_t>(dilation);
    return input.with_back(detail::torch_pooling_length(who, input.back(), k, s,
                                                        static_cast<std::uint64_t>(padding), d, ceil_mode));
  }
};

/// torch.nn.AvgPool1d: no parameters; (N, C, L) -> (N, C, L') by ATen's pooling_output_shape.
struct AvgPool1d {
  std::int64_t kernel_size = 0;
  /// None: kernel_size.
  rnnparams::optional<std::int64_t> stride = std::nullopt;
  std::int64_t padding = 0;
  bool ceil_mode = false;
  /// No effect on shapes.
  bool count_include_pad = true;

  static constexpr std::string_view class_name = "AvgPool1d";
  static constexpr std::string_view who = "rnnparams::torch::AvgPool1d";

  /// AvgPool1d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("kernel_size", &AvgPool1d::kernel_size, arg{.required = true, .one_tuple = true});
    d.field("stride", &AvgPool1d::stride, arg{.one_tuple = true});
    d.field("padding", &AvgPool1d::padding, arg{.one_tuple = true});
    d.field("ceil_mode", &AvgPool1d::ceil_mode);
    d.field("count_include_pad", &AvgPool1d::count_include_pad);
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// (C, L) -> (C, L') or (N, C, L) -> (N, C, L'), checked in avg_pool2d's order.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    detail::check_torch_pooling_input(who, input);
    const std::int64_t step = stride.value_or(kernel_size);
    if (step == 0) {
      detail::report_invalid(who, "stride should not be zero"); // error here: stride must be 1 or more
    }
    if (kernel_size <= 0) {
      detail::report_invalid(who, "kernel size should be greater than zero"); // error here: kernel_size >= 1
    }
    if (step < 0) {
      detail::report_invalid(who, "stride should be greater than zero"); // error here: stride must be >= 1
    }
    if (padding < 0) {
      detail::report_invalid(who, "pad must be non-negative"); // error here: padding must be >= 0
    }
    if (padding > kernel_size / 2) {
      // error here: padding must be at most kernel_size / 2
      detail::report_invalid(who, "pad should be at most half of kernel size");
    }
    const auto k = static_cast<std::uint64_t>(kernel_size);
    const auto s = static_cast<std::uint64_t>(step);
    return input.with_back(detail::torch_pooling_length(who, input.back(), k, s,
                                                        static_cast<std::uint64_t>(padding), 1, ceil_mode));
  }
};

/// torch.nn.MaxPool2d: no parameters; (N, C, H, W) -> (N, C, H', W'), each axis by MaxPool1d's rule.
struct MaxPool2d {
  /// `3` or `{kH, kW}`.
  int_pair kernel_size = 0;
  /// None: kernel_size.
  rnnparams::optional<int_pair> stride = std::nullopt;
  int_pair padding = 0;
  int_pair dilation = 1;
  bool ceil_mode = false;

  static constexpr std::string_view class_name = "MaxPool2d";
  static constexpr std::string_view who = "rnnparams::torch::MaxPool2d";

  /// MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("kernel_size", &MaxPool2d::kernel_size, arg{.required = true});
    d.field("stride", &MaxPool2d::stride);
    d.field("padding", &MaxPool2d::padding);
    d.field("dilation", &MaxPool2d::dilation);
    d.unsupported("return_indices", "it returns (output, indices), which rnnparams does not model");
    d.field("ceil_mode", &MaxPool2d::ceil_mode);
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// (C, H, W) -> (C, H', W') or (N, C, H, W) -> (N, C, H', W').
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    return detail::torch_pool2d_output(who, input, kernel_size, stride.value_or(kernel_size), padding,
                                       dilation, ceil_mode);
  }
};

/// torch.nn.AvgPool2d: no parameters; (N, C, H, W) -> (N, C, H', W'), each axis by AvgPool1d's rule.
struct AvgPool2d {
  /// `3` or `{kH, kW}`.
  int_pair kernel_size = 0;
  /// None: kernel_size.
  rnnparams::optional<int_pair> stride = std::nullopt;
  int_pair padding = 0;
  bool ceil_mode = false;
  /// No effect on shapes.
  bool count_include_pad = true;
  /// None: the window's size; not 0.
  rnnparams::optional<std::int64_t> divisor_override = std::nullopt;

  static constexpr std::string_view class_name = "AvgPool2d";
  static constexpr std::string_view who = "rnnparams::torch::AvgPool2d";

  /// AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
  /// divisor_override=None).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("kernel_size", &AvgPool2d::kernel_size, arg{.required = true});
    d.field("stride", &AvgPool2d::stride);
    d.field("padding", &AvgPool2d::padding);
    d.field("ceil_mode", &AvgPool2d::ceil_mode);
    d.field("count_include_pad", &AvgPool2d::count_include_pad);
    d.field("divisor_override", &AvgPool2d::divisor_override);
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// (C, H, W) -> (C, H', W') or (N, C, H, W) -> (N, C, H', W').
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    if (divisor_override == 0) {
      // error here: divisor_override is None or the number each window's sum is divided by
      detail::report_invalid(who, "divisor must be not zero");
    }
    return detail::torch_pool2d_output(who, input, kernel_size, stride.value_or(kernel_size), padding, 1,
                                       ceil_mode);
  }
};

/// torch.nn.AdaptiveAvgPool1d: no parameters; (N, C, L) -> (N, C, output_size).
struct AdaptiveAvgPool1d {
  std::int64_t output_size = -1;

  static constexpr std::string_view class_name = "AdaptiveAvgPool1d";
  static constexpr std::string_view who = "rnnparams::torch::AdaptiveAvgPool1d";

  /// AdaptiveAvgPool1d(output_size).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("output_size", &AdaptiveAvgPool1d::output_size, arg{.required = true, .one_tuple = true});
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// (C, L) -> (C, output_size) or (N, C, L) -> (N, C, output_size).
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    return detail::torch_adaptive_output(who, input, output_size);
  }
};

/// torch.nn.AdaptiveMaxPool1d: no parameters; (N, C, L) -> (N, C, output_size).
struct AdaptiveMaxPool1d {
  std::int64_t output_size = -1;

  static constexpr std::string_view class_name = "AdaptiveMaxPool1d";
  static constexpr std::string_view who = "rnnparams::torch::AdaptiveMaxPool1d";

  /// AdaptiveMaxPool1d(output_size, return_indices=False).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("output_size", &AdaptiveMaxPool1d::output_size, arg{.required = true, .one_tuple = true});
    d.unsupported("return_indices", "it returns (output, indices), which rnnparams does not model");
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// (C, L) -> (C, output_size) or (N, C, L) -> (N, C, output_size).
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    return detail::torch_adaptive_output(who, input, output_size);
  }
};

} // namespace rnnparams::torch
