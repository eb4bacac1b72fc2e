// rnnparams/keras/repeat_vector.hpp: Keras's RepeatVector layer.
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

/// keras.layers.RepeatVector: no weights; (F) becomes (n, F).
struct RepeatVector {
  std::int64_t n = 0;
  bool trainable = true;

  static constexpr std::string_view class_name = "RepeatVector";
  static constexpr std::string_view who = "rnnparams::keras::RepeatVector";
  /// Takes any input of a rank it accepts, not only a sequence.
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.RepeatVector's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("n", &RepeatVector::n, arg{.required = true});
  }

  /// (n, F).
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    if (n <= 0) {
      detail::report_invalid(who, "n must be a positive integer"); // error here: the number of repetitions
    }
    if (input.rank() != 1) {
      // error here: RepeatVector takes a 2-D input (batch, features), e.g. an RNN without return_sequences.
      detail::report_invalid(who, "expects a 2-D input (batch, features)");
    }
    return {n, input[0]};
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES
};

} // namespace rnnparams::keras
