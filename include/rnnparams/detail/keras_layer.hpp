// rnnparams/detail/keras_layer.hpp: input rules shared by several Keras layers.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/report.hpp>
#include <rnnparams/shape.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// `units` of a layer, checked the way Keras checks it.
constexpr std::uint64_t keras_units(std::string_view who, std::int64_t units) {
  if (units <= 0) {
    report_invalid(who, "units must be a positive integer"); // error here: set units to 1 or more
  }
  return static_cast<std::uint64_t>(units);
}

/// The size of the last axis, which must be known and non-zero (Dense, RNN features).
constexpr std::uint64_t keras_last_axis(std::string_view who, const shape& input) {
  if (input.rank() == 0) {
    report_invalid(who, "expects an input of rank >= 1 (without the batch axis), got a scalar");
  }
  if (!input.back().known()) {
    report_invalid(who, "the last axis of the input (features) must be known, got None");
  }
  if (input.back().value() == 0) {
    report_invalid(who, "the last axis of the input (features) must be > 0, got 0");
  }
  return input.back().value();
}

/// The feature count of a recurrent layer's input, which must be (timesteps, features).
constexpr std::uint64_t keras_rnn_features(std::string_view who, const shape& input) {
  if (input.rank() != 2) {
    // error here: Keras RNN layers take a 3-D input (batch, timesteps, features). A 2-D input
    // usually comes from a recurrent layer below without return_sequences=True.
    report_invalid(who, "expects a 3-D input (batch, timesteps, features); set "
                        "return_sequences=True on the recurrent layer before it");
  }
  return keras_last_axis(who, input);
}

/// (units) or (timesteps, units): the output of SimpleRNN, LSTM and GRU.
constexpr shape keras_rnn_output(std::string_view who, std::int64_t units, bool return_sequences,
                                 const shape& input) {
  keras_rnn_features(who, input);
  const std::uint64_t u = keras_units(who, units);
  return return_sequences ? shape{input[0], u} : shape{u};
}

} // namespace rnnparams::detail
