// rnnparams/torch/layer_norm.hpp: PyTorch's LayerNorm module.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/named_tensor.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// LayerNorm's parameters, weight and bias of normalized_shape with elementwise_affine.
constexpr torch_tensor_array torch_layer_norm_parameters(std::string_view who, const shape& normalized_shape,
                                                         bool elementwise_affine) {
  if (normalized_shape.rank() == 0) {
    // error here: set .normalized_shape = {features}
    report_invalid(who, "Expected normalized_shape to be at least 1-dimensional");
  }
  if (!normalized_shape.fully_known()) {
    report_invalid(who, "normalized_shape must not contain None"); // error here: give every size
  }
  torch_tensor_array p{who, {}};
  if (elementwise_affine) {
    p.add("weight", normalized_shape).add("bias", normalized_shape);
  }
  return p;
}

/// Checks that the input ends with normalized_shape.
constexpr void check_torch_layer_norm_input(std::string_view who, const shape& input,
                                            const shape& normalized_shape) {
  const std::size_t n = normalized_shape.rank();
  bool fits = input.rank() >= n;
  for (std::size_t i = 0; fits && i < n; ++i) {
    fits = input[input.rank() - n + i] == normalized_shape[i];
  }
  if (!fits) {
    // error here: the input's last axes must equal normalized_shape
    report_invalid(who, "expected an input of shape (*, normalized_shape)");
  }
}

} // namespace rnnparams::detail

namespace rnnparams::torch {

/// torch.nn.LayerNorm: weight and bias of normalized_shape (PyTorch 1.13 has no bias=False).
struct LayerNorm {
  /// The trailing dimensions to normalise over, e.g. {10} or {4, 10}; at least one.
  rnnparams::shape normalized_shape;
  double eps = 1e-5;
  bool elementwise_affine = true;

  static constexpr std::string_view class_name = "LayerNorm";
  static constexpr std::string_view who = "rnnparams::torch::LayerNorm";

  /// LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True (PyTorch >= 2.1),
  /// device=None, dtype=None); normalized_shape is an integer or a tuple of integers.
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("normalized_shape", &LayerNorm::normalized_shape, arg{.required = true});
    d.field("eps", &LayerNorm::eps);
    d.field("elementwise_affine", &LayerNorm::elementwise_affine);
    d.only_true("bias", "rnnparams models PyTorch 1.13's LayerNorm", arg{.since = "PyTorch >= 2.1"});
    d.ignored("device");
    d.float32_only("dtype");
  }

  /// sum(p.numel() for p in module.parameters()): 2·prod(normalized_shape), or 0 without elementwise_affine.
  [[nodiscard]] constexpr std::uint64_t count_params() const { return named_parameters().numel(); }
  /// weight, bias (normalized_shape) with elementwise_affine.
  [[nodiscard]] constexpr fixed_tensor_list named_parameters() const {
    return fixed_tensor_list{detail::torch_layer_norm_parameters(who, normalized_shape, elementwise_affine)};
  }
  /// None.
  [[nodiscard]] constexpr fixed_tensor_list named_buffers() const {
    static_cast<void>(named_parameters());
    return fixed_tensor_list{{who, {}}};
  }
  [[nodiscard]] constexpr std::uint64_t count_buffers() const { return named_buffers().numel(); }
  /// The input's shape, which must end with normalized_shape.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    static_cast<void>(named_parameters());
    detail::check_torch_layer_norm_input(who, input, normalized_shape);
    return input;
  }
};

} // namespace rnnparams::torch
