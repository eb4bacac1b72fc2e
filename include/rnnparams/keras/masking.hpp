// rnnparams/keras/masking.hpp: Keras's Masking layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.Masking: no weights, shape unchanged; the mask it computes changes no count.
struct Masking {
  /// The value that marks a skipped timestep.
  double mask_value = 0.0;
  bool trainable = true;

  static constexpr std::string_view class_name = "Masking";
  static constexpr std::string_view who = "rnnparams::keras::Masking";
  /// Takes any input, not only a sequence (Keras's compute_output_shape returns the input shape).
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.Masking's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    d.field("mask_value", &Masking::mask_value);
  }

  /// Unchanged.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const { return input; }
  /// No weights.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& /*out*/) const {
    (void)compute_output_shape(input);
  }
  /// No weights.
  [[nodiscard]] constexpr weight_list weights(const shape& input) const {
    return detail::keras_weights(*this, input);
  }
  /// No matrix products: 0.
  [[nodiscard]] constexpr std::optional<std::uint64_t> macs(const shape& input) const {
    (void)compute_output_shape(input);
    return 0;
  }
  /// 0.
  [[nodiscard]] constexpr std::uint64_t count_params(const shape& input) const {
    return detail::keras_weight_sums(*this, input).all();
  }
};

} // namespace rnnparams::keras
