// rnnparams/keras/layer.hpp: any Keras layer, as one value type, and what every layer answers.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/lazy.hpp>
#include <rnnparams/detail/snake_case.hpp>
#include <rnnparams/detail/type_list.hpp>
#include <rnnparams/keras/bidirectional.hpp>
#include <rnnparams/keras/layer_list.hpp>
#include <rnnparams/keras/time_distributed.hpp>
#include <rnnparams/one_of.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
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
concept keras_layer_class = keras_class_basics<T> && requires(const T& l, const shape& s) {
  { T::takes_a_sequence } -> std::convertible_to<bool>;
  { l.compute_output_shape(s) } -> std::same_as<shape>;
  { l.weights(s) } -> std::same_as<weight_list>;
  { l.count_params(s) } -> std::same_as<std::uint64_t>;
  { l.macs(s) } -> std::same_as<rnnparams::optional<std::uint64_t>>;
};

/// The listed classes' static facts, indexed as keras::layer's index(): a table, not a visit.
template <class List>
struct keras_class_table;
template <class... Ts>
struct keras_class_table<type_list<Ts...>> {
  static constexpr std::string_view class_names[sizeof...(Ts)] = {Ts::class_name...};
  static constexpr bool takes_a_sequence[sizeof...(Ts)] = {Ts::takes_a_sequence...};
};

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// The Keras class name: "SimpleRNN", "Bidirectional", ...
template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
constexpr std::string_view class_name(const layer& l) noexcept {
  const auto& x = rnnparams::detail::lazy<Lazy>(l);
  return rnnparams::detail::keras_class_table<
      typename std::remove_cvref_t<decltype(x)>::types>::class_names[x.index()];
}

} // namespace rnnparams::keras

namespace rnnparams::detail {
/// Keras's to_snake_case of a layer class's name: the stem of its automatic names.
template <class T>
inline constexpr fixed_string<63> keras_default_name = keras_snake_case(T::class_name);

template <class List>
struct keras_stem_table;
template <class... Ts>
struct keras_stem_table<type_list<Ts...>> {
  static constexpr std::string_view stems[sizeof...(Ts)] = {keras_default_name<Ts>.view()...};
};

/// The stem of a layer's automatic names: from its class when that is known, else from a table.
template <class Layer>
constexpr std::string_view keras_stem(const Layer& l) noexcept {
  if constexpr (std::same_as<Layer, keras::layer>) {
    return keras_stem_table<typename Layer::types>::stems[l.index()];
  } else {
    return keras_default_name<Layer>.view();
  }
}

/// How many layers of class `cls` a keras::layer holds inside it: Bidirectional's and TimeDistributed's
/// `layer`. Keras names the wrapped layer when the code constructs it, before its wrapper, so it takes an
/// automatic name: after `Bidirectional(LSTM(8))`, a standalone `LSTM(4)` is "lstm_1". Table lookups and
/// two get_if, no visit: each alternative a visit or a get reaches is an instantiation in every TU that
/// names a layer, which bench/RESULTS.md's header weight counts. (A Bidirectional inside a
/// TimeDistributed is not looked into.)
template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
constexpr std::uint64_t keras_wrapped_of_class(const keras::layer& l, std::string_view cls) noexcept {
  const keras::layer& x = lazy<Lazy>(l);
  if (const auto* b = rnnparams::get_if<keras::Bidirectional>(&x)) {
    return keras_class_table<keras::recurrent_layer::types>::class_names[b->layer.index()] == cls ? 1U : 0U;
  }
  if (const auto* t = rnnparams::get_if<keras::TimeDistributed>(&x)) {
    // time_distributed_layer is keras::layer_types without TimeDistributed, in the same order.
    constexpr std::size_t skipped = index_of<keras::TimeDistributed, keras::layer_types>;
    const std::size_t inner = t->layer.index();
    return keras_class_table<keras::layer_types>::class_names[inner < skipped ? inner : inner + 1] == cls
               ? 1U
               : 0U;
  }
  return 0;
}
} // namespace rnnparams::detail

namespace rnnparams::keras {

/// Keras's to_snake_case(class_name), the stem of its automatic layer names.
template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
constexpr std::string_view default_name(const layer& l) noexcept {
  return rnnparams::detail::keras_stem(rnnparams::detail::lazy<Lazy>(l));
}

/// The output shape for an input shape (without the batch axis).
template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
constexpr shape compute_output_shape(const layer& l, const shape& input) {
  return rnnparams::visit([&](const auto& x) { return x.compute_output_shape(input); },
                          rnnparams::detail::lazy<Lazy>(l));
}

/// The weight tensors in Keras's order.
template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
constexpr weight_list weights(const layer& l, const shape& input) {
  return rnnparams::visit([&](const auto& x) { return x.weights(input); }, rnnparams::detail::lazy<Lazy>(l));
}

/// Multiply-accumulates per sample, or nullopt when a needed dimension is None (see docs/keras.md).
template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
constexpr rnnparams::optional<std::uint64_t> macs(const layer& l, const shape& input) {
  return rnnparams::visit([&](const auto& x) { return x.macs(input); }, rnnparams::detail::lazy<Lazy>(l));
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
  if constexpr (std::same_as<Layer, keras::layer>) {
    return keras_class_table<typename Layer::types>::takes_a_sequence[l.index()];
  } else {
    return Layer::takes_a_sequence;
  }
}

/// keras::returns_last_state_only for a layer of a known class or a keras::layer.
template <class Layer>
constexpr bool keras_returns_last_state_only(const Layer& l) noexcept {
  return keras_apply(l, [](const auto& x) {
    using type = std::remove_cvref_t<decltype(x)>;
    if constexpr (std::same_as<type, keras::Bidirectional>) {
      return rnnparams::visit([](const auto& rnn) { return !rnn.return_sequences; }, x.layer);
    } else if constexpr (requires { x.return_sequences; }) {
      return !x.return_sequences;
    } else {
      return false;
    }
  });
}

/// True for SimpleRNN, LSTM and GRU with return_state, and Bidirectional around one: the layers that
/// return their last states as extra outputs.
template <class Layer>
constexpr bool keras_returns_state(const Layer& l) noexcept {
  return keras_apply(l, [](const auto& x) {
    using type = std::remove_cvref_t<decltype(x)>;
    if constexpr (std::same_as<type, keras::Bidirectional>) {
      return rnnparams::visit([](const auto& rnn) { return rnn.return_state; }, x.layer);
    } else if constexpr (requires { x.return_state; }) {
      return x.return_state;
    } else {
      return false;
    }
  });
}

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// True for SimpleRNN, LSTM and GRU without return_sequences, and Bidirectional around one: the
/// layers whose output has lost its time axis.
template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
constexpr bool returns_last_state_only(const layer& l) noexcept {
  return rnnparams::detail::keras_returns_last_state_only(rnnparams::detail::lazy<Lazy>(l));
}

/// True for the layers that need a (timesteps, features) input: recurrent, Conv1D, pooling, wrappers.
template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
constexpr bool needs_a_sequence(const layer& l) noexcept {
  return rnnparams::detail::keras_needs_a_sequence(rnnparams::detail::lazy<Lazy>(l));
}

} // namespace rnnparams::keras
