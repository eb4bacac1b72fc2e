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
#include <utility>
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
  return rnnparams::detail::visit([](const auto& x) { return std::remove_cvref_t<decltype(x)>::class_name; },
                                  l);
}

} // namespace rnnparams::keras

namespace rnnparams::detail {
/// Keras's to_snake_case of each class name, in the order of `layer`'s alternatives.
inline constexpr std::string_view keras_default_names[] = {"simple_rnn",
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
static_assert(std::size(keras_default_names) == std::variant_size_v<keras::layer>);
} // namespace rnnparams::detail

namespace rnnparams::keras {

/// Keras's to_snake_case(class_name), the stem of its automatic layer names.
constexpr std::string_view default_name(const layer& l) noexcept {
  return rnnparams::detail::keras_default_names[l.index()];
}

/// The output shape for an input shape (without the batch axis).
constexpr shape compute_output_shape(const layer& l, const shape& input) {
  return rnnparams::detail::visit([&](const auto& x) { return x.compute_output_shape(input); }, l);
}

/// The weight tensors in Keras's order.
constexpr weight_list weights(const layer& l, const shape& input) {
  return rnnparams::detail::visit([&](const auto& x) { return x.weights(input); }, l);
}

/// Multiply-accumulates per sample, or nullopt when a needed dimension is None (see docs/keras.md).
constexpr std::optional<std::uint64_t> macs(const layer& l, const shape& input) {
  return rnnparams::detail::visit([&](const auto& x) { return x.macs(input); }, l);
}

/// True for SimpleRNN, LSTM and GRU without return_sequences, and Bidirectional around one: the
/// layers whose output has lost its time axis.
constexpr bool returns_last_state_only(const layer& l) noexcept {
  return rnnparams::detail::visit(
      [](const auto& x) {
        using type = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::same_as<type, Bidirectional>) {
          return rnnparams::detail::visit([](const auto& rnn) { return !rnn.return_sequences; }, x.layer);
        } else if constexpr (requires { x.return_sequences; }) {
          return !x.return_sequences;
        } else {
          return false;
        }
      },
      l);
}

} // namespace rnnparams::keras

namespace rnnparams::detail {

/// f(l): directly for a layer of a known class, through std::visit for a keras::layer. A model built
/// from classes known at compile time takes the direct path, which costs Clang far fewer
/// constant-evaluation steps than std::visit over 17 alternatives.
template <class Layer, class F>
constexpr decltype(auto) keras_apply(const Layer& l, F&& f) {
  if constexpr (std::same_as<Layer, keras::layer>) {
    return visit(std::forward<F>(f), l);
  } else {
    return std::forward<F>(f)(l);
  }
}

/// True when l is a T; `l.index() == ...` rather than std::holds_alternative, whose search of the
/// alternatives runs again at every call during constant evaluation.
template <class T, class Layer>
constexpr bool keras_holds(const Layer& l) noexcept {
  if constexpr (std::same_as<Layer, keras::layer>) {
    return l.index() == variant_index<T, keras::layer>;
  } else {
    return std::same_as<T, Layer>;
  }
}

/// True for the classes that need a (timesteps, features) input: recurrent, Conv1D, pooling, wrappers.
template <class T>
inline constexpr bool keras_takes_a_sequence = is_alternative<
    T, std::variant<keras::SimpleRNN, keras::LSTM, keras::GRU, keras::Conv1D, keras::GlobalAveragePooling1D,
                    keras::GlobalMaxPooling1D, keras::MaxPooling1D, keras::AveragePooling1D,
                    keras::Bidirectional, keras::TimeDistributed>>::value;

/// keras::needs_a_sequence for a layer of a known class or a keras::layer.
template <class Layer>
constexpr bool keras_needs_a_sequence(const Layer& l) noexcept {
  return keras_apply(l,
                     [](const auto& x) { return keras_takes_a_sequence<std::remove_cvref_t<decltype(x)>>; });
}

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// True for the layers that need a (timesteps, features) input: recurrent, Conv1D, pooling, wrappers.
constexpr bool needs_a_sequence(const layer& l) noexcept {
  return rnnparams::detail::keras_needs_a_sequence(l);
}

} // namespace rnnparams::keras
