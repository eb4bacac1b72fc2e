// rnnparams/keras/gru.hpp: Keras's GRU layer.
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

/// keras.layers.GRU: 3·(features + units)·units + 6·units parameters (3·units with reset_after=false).
struct GRU {
  std::int64_t units = 0;
  bool use_bias = true;
  bool return_sequences = false;
  /// Also return the last state after the output, [output, h]: a functional model
  /// (keras/functional.hpp) takes it, a Sequential model refuses it.
  bool return_state = false;
  /// Keras 3 and tf.keras 2 default; Keras 2.1.5–2.3 used false (one bias vector instead of two).
  bool reset_after = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "GRU";
  static constexpr std::string_view who = "rnnparams::keras::GRU";
  /// Needs a (timesteps, features) input: a Sequential model checks the layer before it.
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.GRU's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("units", &GRU::units, arg{.required = true});
    d.ignored("activation");
    d.ignored("recurrent_activation");
    d.field("use_bias", &GRU::use_bias);
    d.ignored("kernel_initializer");
    d.ignored("recurrent_initializer");
    d.ignored("bias_initializer");
    detail::keras_rnn_regularization_arguments(d);
    d.ignored("seed");
    d.field("return_sequences", &GRU::return_sequences);
    d.field("return_state", &GRU::return_state);
    d.ignored("go_backwards");
    d.ignored("stateful");
    d.ignored("unroll");
    d.field("reset_after", &GRU::reset_after, arg{.absent_from_old_configs_means_false = true});
    d.ignored("use_cudnn");
    detail::keras_rnn_legacy_arguments(d);
  }

  /// kernel (F, 3U), recurrent_kernel (U, 3U), bias (2, 3U) or (3U) without reset_after: out.add(name,
  /// trainable, dims...) for each weight in Keras's order. weights() and count_params() are both read from
  /// here.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    detail::keras_cell_weights(who, {}, detail::keras_rnn_features(who, input), units, 3, use_bias,
                               reset_after, trainable, out);
  }
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// (units), or (timesteps, units) with return_sequences.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    return detail::keras_rnn_output(who, units, return_sequences, input);
  }
  /// Multiply-accumulates per sample: timesteps × 3·(F·U + U·U); unknown (nullopt) when timesteps is None.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    return detail::keras_rnn_macs(who, units, 3, input);
  }
};

} // namespace rnnparams::keras
