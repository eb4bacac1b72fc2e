// rnnparams/torch/linear.hpp: PyTorch's Linear module.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/named_tensor.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// Linear's parameters, weight (out, in) and bias (out), after checking the sizes.
constexpr torch_tensor_array torch_linear_parameters(std::string_view who, std::int64_t in_features,
                                                     std::int64_t out_features, bool bias) {
  if (in_features < 0) {
    report_invalid(who, "in_features must be given, and >= 0"); // error here: set .in_features
  }
  if (out_features < 0) {
    report_invalid(who, "out_features must be given, and >= 0"); // error here: set .out_features
  }
  const auto in = static_cast<std::uint64_t>(in_features);
  const auto out = static_cast<std::uint64_t>(out_features);
  torch_tensor_array p{who, {}};
  p.add("weight", {out, in});
  if (bias) {
    p.add("bias", {out});
  }
  return p;
}

/// (*, in_features) -> (*, out_features).
constexpr shape torch_linear_output(std::string_view who, const shape& input, std::uint64_t in_features,
                                    std::uint64_t out_features) {
  if (input.rank() == 0) {
    // error here: the input needs at least its feature axis
    report_invalid(who, "expects an input of rank >= 1 (*, in_features), got a scalar");
  }
  if (!input.back().known() || input.back().value() != in_features) {
    // error here: the input's last axis must equal in_features
    report_invalid(who, "the input's last axis must equal in_features");
  }
  return input.with_back(out_features);
}

} // namespace rnnparams::detail

namespace rnnparams::torch {

/// torch.nn.Linear: weight (out_features, in_features) and bias (out_features).
struct Linear {
  std::int64_t in_features = -1;
  std::int64_t out_features = -1;
  bool bias = true;

  static constexpr std::string_view class_name = "Linear";
  static constexpr std::string_view who = "rnnparams::torch::Linear";

  /// Linear(in_features, out_features, bias=True, device=None, dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("in_features", &Linear::in_features, arg{.required = true});
    d.field("out_features", &Linear::out_features, arg{.required = true});
    d.field("bias", &Linear::bias);
    d.ignored("device");
    d.float32_only("dtype");
  }

  /// sum(p.numel() for p in module.parameters()): out·in + out.
  [[nodiscard]] constexpr std::uint64_t count_params() const { return named_parameters().numel(); }
  /// weight (out_features, in_features), then bias (out_features).
  [[nodiscard]] constexpr fixed_tensor_list named_parameters() const {
    return fixed_tensor_list{detail::torch_linear_parameters(who, in_features, out_features, bias)};
  }
  /// None.
  [[nodiscard]] constexpr fixed_tensor_list named_buffers() const {
    static_cast<void>(named_parameters());
    return fixed_tensor_list{{who, {}}};
  }
  [[nodiscard]] constexpr std::uint64_t count_buffers() const { return named_buffers().numel(); }
  /// (*, in_features) -> (*, out_features).
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    const auto weight = named_parameters()[0].shape;
    return detail::torch_linear_output(who, input, weight[1].value(), weight[0].value());
  }
};

} // namespace rnnparams::torch
