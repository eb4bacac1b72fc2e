// rnnparams/keras/dropout.hpp: Keras's Dropout layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.Dropout: no weights, shape unchanged.
struct Dropout {
  double rate = 0.0;
  bool trainable = true;

  static constexpr std::string_view class_name = "Dropout";
  static constexpr std::string_view who = "rnnparams::keras::Dropout";
  /// Takes any input of a rank it accepts, not only a sequence.
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.Dropout's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("rate", &Dropout::rate, arg{.required = true});
    d.ignored("noise_shape");
    d.ignored("seed");
  }

  /// Unchanged.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      detail::report_invalid(who, "rate must be between 0 and 1"); // error here: a fraction of the inputs
    }
    return input;
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES
};

} // namespace rnnparams::keras
