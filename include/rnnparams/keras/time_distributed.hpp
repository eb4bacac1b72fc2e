// rnnparams/keras/time_distributed.hpp: Keras's TimeDistributed wrapper.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/variant.hpp>
#include <rnnparams/keras/bidirectional.hpp>
#include <rnnparams/keras/conv1d.hpp>
#include <rnnparams/keras/dense.hpp>
#include <rnnparams/keras/dropout.hpp>
#include <rnnparams/keras/embedding.hpp>
#include <rnnparams/keras/flatten.hpp>
#include <rnnparams/keras/gru.hpp>
#include <rnnparams/keras/lstm.hpp>
#include <rnnparams/keras/normalization.hpp>
#include <rnnparams/keras/pooling.hpp>
#include <rnnparams/keras/repeat_vector.hpp>
#include <rnnparams/keras/simple_rnn.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

namespace rnnparams::keras {

/// The layers TimeDistributed can wrap: every layer but TimeDistributed itself.
using time_distributed_layer =
    std::variant<Dense, SimpleRNN, LSTM, GRU, Embedding, Conv1D, BatchNormalization, LayerNormalization,
                 Dropout, Flatten, RepeatVector, GlobalAveragePooling1D, GlobalMaxPooling1D, MaxPooling1D,
                 AveragePooling1D, Bidirectional>;

/// keras.layers.TimeDistributed: one layer applied to every timestep, with the same weights.
struct TimeDistributed {
  time_distributed_layer layer;
  bool trainable = true;

  static constexpr std::string_view class_name = "TimeDistributed";
  static constexpr std::string_view who = "rnnparams::keras::TimeDistributed";

  /// The wrapped layer's weights for one timestep's shape, frozen when this wrapper is not trainable.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    const shape step = step_shape(input);
    detail::weight_wrapper<Out> inner{out, {}, trainable};
    detail::visit([&](const auto& l) { l.for_each_weight(step, inner); }, layer);
  }
  /// The weight tensors in Keras's order, as for_each_weight lists them.
  [[nodiscard]] constexpr weight_list weights(const shape& input) const {
    return detail::keras_weights(*this, input);
  }
  /// (timesteps, the wrapped layer's output for one timestep...).
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    const shape inner =
        detail::visit([&](const auto& l) { return l.compute_output_shape(step_shape(input)); }, layer);
    shape output{input[0]};
    for (dim d : inner) {
      output.push_back(d);
    }
    return output;
  }
  /// timesteps × the wrapped layer's MACs for one timestep.
  [[nodiscard]] constexpr std::optional<std::uint64_t> macs(const shape& input) const {
    const auto inner = detail::visit([&](const auto& l) { return l.macs(step_shape(input)); }, layer);
    return inner ? detail::keras_times(input[0], *inner, who) : std::nullopt;
  }
  /// Keras's count_params(): the wrapped layer's, once.
  [[nodiscard]] constexpr std::uint64_t count_params(const shape& input) const {
    return detail::keras_weight_sums(*this, input).all();
  }

private:
  [[nodiscard]] static constexpr shape step_shape(const shape& input) {
    if (input.rank() < 2) {
      // error here: TimeDistributed splits the input along axis 1 (timesteps); its input must be
      // (batch, timesteps, ...), e.g. the output of an RNN with return_sequences=True.
      detail::report_invalid(who, "expects an input of at least 3 dimensions (batch, timesteps, ...)");
    }
    shape step;
    for (std::size_t axis = 1; axis < input.rank(); ++axis) {
      step.push_back(input[axis]);
    }
    return step;
  }
};

} // namespace rnnparams::keras
