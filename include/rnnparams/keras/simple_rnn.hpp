// rnnparams/keras/simple_rnn.hpp: Keras's SimpleRNN layer.
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

/// keras.layers.SimpleRNN: (features + units)·units + units parameters.
struct SimpleRNN {
  std::int64_t units = 0;
  bool use_bias = true;
  bool return_sequences = false;
  /// Also return the last state after the output, [output, h]: a functional model
  /// (keras/functional.hpp) takes it, a Sequential model refuses it.
  bool return_state = false;
  bool trainable = true;

  static constexpr std::string_view class_name = "SimpleRNN";
  static constexpr std::string_view who = "rnnparams::keras::SimpleRNN";
  /// Needs a (timesteps, features) input: a Sequential model checks the layer before it.
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.SimpleRNN's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("units", &SimpleRNN::units, arg{.required = true});
    d.ignored("activation");
    d.field("use_bias", &SimpleRNN::use_bias);
    d.ignored("kernel_initializer");
    d.ignored("recurrent_initializer");
    d.ignored("bias_initializer");
    detail::keras_rnn_regularization_arguments(d);
    d.field("return_sequences", &SimpleRNN::return_sequences);
    d.field("return_state", &SimpleRNN::return_state);
    d.ignored("go_backwards");
    d.ignored("stateful");
    d.ignored("unroll");
    d.ignored("seed");
    detail::keras_rnn_legacy_arguments(d);
  }

  /// kernel (F, U), recurrent_kernel (U, U), bias (U), for an input (timesteps, F): out.add(name, trainable,
  /// dims...) for each weight in Keras's order. weights() and count_params() are both read from here.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    detail::keras_cell_weights(who, {}, detail::keras_rnn_features(who, input), units, 1, use_bias, false,
                               trainable, out);
  }
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// (units), or (timesteps, units) with return_sequences.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    return detail::keras_rnn_output(who, units, return_sequences, input);
  }
  /// Multiply-accumulates per sample: timesteps × (F·U + U·U); unknown (nullopt) when timesteps is None.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    return detail::keras_rnn_macs(who, units, 1, input);
  }
};

} // namespace rnnparams::keras
