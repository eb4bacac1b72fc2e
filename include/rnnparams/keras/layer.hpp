// rnnparams/keras/layer.hpp: any Keras layer, as one value type, and what every layer answers.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/fixed_string.hpp>
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
#include <rnnparams/keras/time_distributed.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

namespace rnnparams::keras {

/// The alternatives of `layer`, in order, named by Keras's automatic-name stem.
enum class layer_kind : std::size_t {
  simple_rnn,
  lstm,
  gru,
  dense,
  embedding,
  conv1d,
  batch_normalization,
  layer_normalization,
  dropout,
  flatten,
  repeat_vector,
  global_average_pooling1d,
  global_max_pooling1d,
  max_pooling1d,
  average_pooling1d,
  bidirectional,
  time_distributed
};

/// Any layer a Sequential model can hold: a closed set, so a model is an array, not a tuple.
using layer =
    std::variant<SimpleRNN, LSTM, GRU, Dense, Embedding, Conv1D, BatchNormalization, LayerNormalization,
                 Dropout, Flatten, RepeatVector, GlobalAveragePooling1D, GlobalMaxPooling1D, MaxPooling1D,
                 AveragePooling1D, Bidirectional, TimeDistributed>;

/// A Keras layer descriptor of rnnparams::keras (SimpleRNN, LSTM, Dense, ...). A compile error that
/// names this concept means an argument of Sequential is not such a layer.
template <class T>
concept keras_layer = rnnparams::detail::is_alternative<std::remove_cvref_t<T>, layer>::value;

/// The Keras class name: "SimpleRNN", "Bidirectional", ...
constexpr std::string_view class_name(const layer& l) noexcept {
  return std::visit([](const auto& x) { return std::remove_cvref_t<decltype(x)>::class_name; }, l);
}

/// Keras's to_snake_case(class_name), the stem of its automatic layer names.
constexpr std::string_view default_name(const layer& l) noexcept {
  constexpr std::string_view names[] = {"simple_rnn",
                                        "lstm",
                                        "gru",
                                        "dense",
                                        "embedding",
                                        "conv1d",
                                        "batch_normalization",
                                        "layer_normalization",
                                        "dropout",
                                        "flatten",
                                        "repeat_vector",
                                        "global_average_pooling1d",
                                        "global_max_pooling1d",
                                        "max_pooling1d",
                                        "average_pooling1d",
                                        "bidirectional",
                                        "time_distributed"};
  static_assert(std::size(names) == std::variant_size_v<layer>);
  return names[l.index()];
}

/// The output shape for an input shape (without the batch axis).
constexpr shape compute_output_shape(const layer& l, const shape& input) {
  return std::visit([&](const auto& x) { return x.compute_output_shape(input); }, l);
}

/// The weight tensors in Keras's order.
constexpr weight_list weights(const layer& l, const shape& input) {
  return std::visit([&](const auto& x) { return x.weights(input); }, l);
}

/// Multiply-accumulates per sample, or nullopt when a needed dimension is None (see docs/keras.md).
constexpr std::optional<std::uint64_t> macs(const layer& l, const shape& input) {
  return std::visit([&](const auto& x) { return x.macs(input); }, l);
}

/// True for SimpleRNN, LSTM and GRU without return_sequences, and Bidirectional around one: the
/// layers whose output has lost its time axis.
constexpr bool returns_last_state_only(const layer& l) noexcept {
  return std::visit(
      [](const auto& x) {
        using type = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::same_as<type, Bidirectional>) {
          return std::visit([](const auto& rnn) { return !rnn.return_sequences; }, x.layer);
        } else if constexpr (requires { x.return_sequences; }) {
          return !x.return_sequences;
        } else {
          return false;
        }
      },
      l);
}

/// True for the layers that need a (timesteps, features) input: recurrent, Conv1D, pooling, wrappers.
constexpr bool needs_a_sequence(const layer& l) noexcept {
  return std::holds_alternative<SimpleRNN>(l) || std::holds_alternative<LSTM>(l) ||
         std::holds_alternative<GRU>(l) || std::holds_alternative<Conv1D>(l) ||
         std::holds_alternative<GlobalAveragePooling1D>(l) || std::holds_alternative<GlobalMaxPooling1D>(l) ||
         std::holds_alternative<MaxPooling1D>(l) || std::holds_alternative<AveragePooling1D>(l) ||
         std::holds_alternative<Bidirectional>(l) || std::holds_alternative<TimeDistributed>(l);
}

} // namespace rnnparams::keras
