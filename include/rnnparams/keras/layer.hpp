// rnnparams/keras/layer.hpp: any Keras layer, as one value type, and what every layer answers.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/snake_case.hpp>
#include <rnnparams/detail/type_list.hpp>
#include <rnnparams/keras/bidirectional.hpp>
#include <rnnparams/keras/layer_list.hpp>
#include <rnnparams/keras/time_distributed.hpp>
#include <rnnparams/one_of.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace rnnparams::keras {

/// Any layer a Sequential model can hold, one alternative per class of layer_types: a closed set, so
/// a model is an array, not a tuple. rnnparams::visit, holds_alternative, get and get_if (one_of.hpp)
/// work on it as std::visit and the others do on a std::variant.
using layer = rnnparams::detail::apply_list_t<rnnparams::one_of, layer_types>;

/// A Keras layer descriptor of rnnparams::keras (SimpleRNN, LSTM, Dense, ...). A compile error that
/// names this concept means an argument of Sequential is not such a layer.
template <class T>
concept keras_layer = rnnparams::detail::contains<std::remove_cvref_t<T>, layer_types>;

} // namespace rnnparams::keras

namespace rnnparams::detail {

/// What every class of keras::layer_types declares, from which the rest is derived.
template <class T>
concept keras_layer_class = std::is_aggregate_v<T> && std::default_initializable<T> &&
    requires(const T& l, const shape& s, argument_probe& description) {
  T::describe(description);
  { T::class_name } -> std::convertible_to<std::string_view>;
  { T::who } -> std::convertible_to<std::string_view>;
  { T::takes_a_sequence } -> std::convertible_to<bool>;
  { l.trainable } -> std::convertible_to<bool>;
  { l.compute_output_shape(s) } -> std::same_as<shape>;
  { l.weights(s) } -> std::same_as<weight_list>;
  { l.count_params(s) } -> std::same_as<std::uint64_t>;
  { l.macs(s) } -> std::same_as<std::optional<std::uint64_t>>;
};

template <class T>
constexpr bool keras_check_listed_class() {
  // error here: a class in keras::layer_types lacks a member every layer has; the notes name the
  // class. docs/contributing.md lists what a layer declares.
  static_assert(keras_layer_class<T>, "rnnparams::keras::layer_types: a listed layer lacks class_name, who, "
                                      "takes_a_sequence, describe(), trainable or a query");
  return true;
}
template <class... Ts>
constexpr bool keras_check_listed_classes(type_list<Ts...> /*list*/) {
  return (keras_check_listed_class<Ts>() && ...);
}
static_assert(keras_check_listed_classes(keras::layer_types{}));

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// The Keras class name: "SimpleRNN", "Bidirectional", ...
constexpr std::string_view class_name(const layer& l) noexcept {
  return rnnparams::visit([](const auto& x) { return std::remove_cvref_t<decltype(x)>::class_name; }, l);
}

} // namespace rnnparams::keras

namespace rnnparams::detail {
/// Keras's to_snake_case of a layer class's name: the stem of its automatic names.
template <class T>
inline constexpr fixed_string<63> keras_default_name = keras_snake_case(T::class_name);
} // namespace rnnparams::detail

namespace rnnparams::keras {

/// Keras's to_snake_case(class_name), the stem of its automatic layer names.
constexpr std::string_view default_name(const layer& l) noexcept {
  return rnnparams::visit(
      [](const auto& x) {
        return rnnparams::detail::keras_default_name<std::remove_cvref_t<decltype(x)>>.view();
      },
      l);
}

/// The output shape for an input shape (without the batch axis).
constexpr shape compute_output_shape(const layer& l, const shape& input) {
  return rnnparams::visit([&](const auto& x) { return x.compute_output_shape(input); }, l);
}

/// The weight tensors in Keras's order.
constexpr weight_list weights(const layer& l, const shape& input) {
  return rnnparams::visit([&](const auto& x) { return x.weights(input); }, l);
}

/// Multiply-accumulates per sample, or nullopt when a needed dimension is None (see docs/keras.md).
constexpr std::optional<std::uint64_t> macs(const layer& l, const shape& input) {
  return rnnparams::visit([&](const auto& x) { return x.macs(input); }, l);
}

/// True for SimpleRNN, LSTM and GRU without return_sequences, and Bidirectional around one: the
/// layers whose output has lost its time axis.
constexpr bool returns_last_state_only(const layer& l) noexcept {
  return rnnparams::visit(
      [](const auto& x) {
        using type = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::same_as<type, Bidirectional>) {
          return rnnparams::visit([](const auto& rnn) { return !rnn.return_sequences; }, x.layer);
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

/// f(l): directly for a layer of a known class, through rnnparams::visit for a keras::layer. A model
/// built from classes known at compile time takes the direct path, which costs Clang far fewer
/// constant-evaluation steps than a visit over every alternative.
template <class Layer, class F>
constexpr decltype(auto) keras_apply(const Layer& l, F&& f) {
  if constexpr (std::same_as<Layer, keras::layer>) {
    return rnnparams::visit(std::forward<F>(f), l);
  } else {
    return std::forward<F>(f)(l);
  }
}

/// True when l is a T (a keras::layer, or a layer of a known class).
template <class T, class Layer>
constexpr bool keras_holds(const Layer& l) noexcept {
  if constexpr (std::same_as<Layer, keras::layer>) {
    return l.index() == index_of<T, keras::layer_types>;
  } else {
    return std::same_as<T, Layer>;
  }
}

/// keras::needs_a_sequence for a layer of a known class or a keras::layer.
template <class Layer>
constexpr bool keras_needs_a_sequence(const Layer& l) noexcept {
  return keras_apply(l, [](const auto& x) { return std::remove_cvref_t<decltype(x)>::takes_a_sequence; });
}

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// True for the layers that need a (timesteps, features) input: recurrent, Conv1D, pooling, wrappers.
constexpr bool needs_a_sequence(const layer& l) noexcept {
  return rnnparams::detail::keras_needs_a_sequence(l);
}

} // namespace rnnparams::keras
