// rnnparams/keras/dense.hpp: Keras's Dense layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.Dense: features·units + units parameters, applied to the last axis.
struct Dense {
  std::int64_t units = 0;
  bool use_bias = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "Dense";
  static constexpr std::string_view who = "rnnparams::keras::Dense";
  /// Takes any input of a rank it accepts, not only a sequence.
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.Dense's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("units", &Dense::units, arg{.required = true});
    d.ignored("activation");
    d.field("use_bias", &Dense::use_bias);
    detail::keras_kernel_bias_arguments(d);
    d.unsupported("lora_rank", "LoRA adds lora_kernel_a and lora_kernel_b weights");
    d.ignored("lora_alpha");
    d.unsupported("quantization_config", "quantization replaces the float weights",
                  arg{.keyword_only = true});
  }

  /// kernel (F, U), bias (U), for an input (..., F): out.add(name, trainable, dims...) for each
  /// weight in Keras's order. weights() and count_params() are both read from here.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    const std::uint64_t f = detail::keras_last_axis(who, input);
    const std::uint64_t u = detail::keras_units(who, units);
    out.add("kernel", trainable, f, u);
    if (use_bias) {
      out.add("bias", trainable, u);
    }
  }
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// The input shape with its last axis replaced by units.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    detail::keras_last_axis(who, input);
    return input.with_back(detail::keras_units(who, units));
  }
  /// Multiply-accumulates per sample: F·U at every position of the leading axes; nullopt if one is None.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    const std::uint64_t per_position =
        detail::checked_mul(detail::keras_last_axis(who, input), detail::keras_units(who, units), who);
    shape positions = input;
    positions.pop_back();
    if (!positions.fully_known()) {
      return std::nullopt;
    }
    return detail::checked_mul(positions.num_elements(who), per_position, who);
  }
};

} // namespace rnnparams::keras
