// rnnparams/keras/lstm.hpp: Keras's LSTM layer.
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

/// keras.layers.LSTM: 4·((features + units)·units + units) parameters (gates i, f, c, o).
struct LSTM {
  std::int64_t units = 0;
  bool use_bias = true;
  bool return_sequences = false;
  /// Also return the last states after the output, [output, h, c]: a functional model
  /// (keras/functional.hpp) takes them, a Sequential model refuses them.
  bool return_state = false;
  bool trainable = true;

  static constexpr std::string_view class_name = "LSTM";
  static constexpr std::string_view who = "rnnparams::keras::LSTM";
  /// Needs a (timesteps, features) input: a Sequential model checks the layer before it.
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.LSTM's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("units", &LSTM::units, arg{.required = true});
    d.ignored("activation");
    d.ignored("recurrent_activation");
    d.field("use_bias", &LSTM::use_bias);
    d.ignored("kernel_initializer");
    d.ignored("recurrent_initializer");
    d.ignored("bias_initializer");
    d.ignored("unit_forget_bias");
    detail::keras_rnn_regularization_arguments(d);
    d.ignored("seed");
    d.field("return_sequences", &LSTM::return_sequences);
    d.field("return_state", &LSTM::return_state);
    d.ignored("go_backwards");
    d.ignored("stateful");
    d.ignored("unroll");
    d.ignored("use_cudnn");
    detail::keras_rnn_legacy_arguments(d);
  }

  /// kernel (F, 4U), recurrent_kernel (U, 4U), bias (4U), for an input (timesteps, F): out.add(name,
  /// trainable, dims...) for each weight in Keras's order. weights() and count_params() are both read from
  /// here.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    detail::keras_cell_weights(who, {}, detail::keras_rnn_features(who, input), units, 4, use_bias, false,
                               trainable, out);
  }
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// (units), or (timesteps, units) with return_sequences.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    return detail::keras_rnn_output(who, units, return_sequences, input);
  }
  /// Multiply-accumulates per sample: timesteps × 4·(F·U + U·U); unknown (nullopt) when timesteps is None.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    return detail::keras_rnn_macs(who, units, 4, input);
  }
};

} // namespace rnnparams::keras
