// rnnparams/keras/masking.hpp: Keras's Masking layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
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
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES
};

} // namespace rnnparams::keras
