// rnnparams/keras/multi_input_list.hpp: the one list of rnnparams's Keras layers that are called on a
// list of tensors (merges and attention), which only a functional model can hold.
// SPDX-License-Identifier: MIT
#pragma once

// Kept apart from keras/layer_list.hpp: a Sequential model passes one tensor from layer to layer, so
// these layers are not alternatives of keras::layer, and a TU that does not build graphs does not pay
// for them. A new one is its header, included here, and its entry in `multi_input_layer_types`.
#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/keras_multi_input.hpp>
#include <rnnparams/detail/snake_case.hpp>
#include <rnnparams/detail/type_list.hpp>
#include <rnnparams/keras/attention.hpp>
#include <rnnparams/keras/merging.hpp>
#include <rnnparams/one_of.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <concepts>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace rnnparams::keras {

/// Every Keras layer class of rnnparams called on a list of tensors, in the order of
/// multi_input_layer's alternatives.
using multi_input_layer_types =
    rnnparams::detail::type_list<Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum, Dot,
                                 Attention, AdditiveAttention, MultiHeadAttention>;

/// Any layer called on a list of tensors, one alternative per class of multi_input_layer_types.
using multi_input_layer = rnnparams::detail::apply_list_t<rnnparams::one_of, multi_input_layer_types>;

/// A Keras layer descriptor called on a list of tensors (Concatenate, Add, MultiHeadAttention, ...).
template <class T>
concept keras_multi_input_layer =
    rnnparams::detail::contains<std::remove_cvref_t<T>, multi_input_layer_types>;

} // namespace rnnparams::keras

namespace rnnparams::detail {

/// What every class of keras::multi_input_layer_types declares, from which the rest is derived.
template <class T>
concept keras_multi_input_class =
    keras_class_basics<T> && requires(const T& l, const keras::input_shapes& s) {
      { l.compute_output_shape(s) } -> std::same_as<shape>;
      { l.weights(s) } -> std::same_as<weight_list>;
      { l.count_params(s) } -> std::same_as<std::uint64_t>;
      { l.macs(s) } -> std::same_as<rnnparams::optional<std::uint64_t>>;
    };

template <class List>
struct keras_multi_input_table;
template <class... Ts>
struct keras_multi_input_table<type_list<Ts...>> {
  static_assert((keras_multi_input_class<Ts> && ...),
                "each listed class declares what a multi-input layer needs");
  static constexpr std::string_view class_names[sizeof...(Ts)] = {Ts::class_name...};
  static constexpr fixed_string<63> stems[sizeof...(Ts)] = {keras_snake_case(Ts::class_name)...};
};

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// The Keras class name: "Concatenate", "MultiHeadAttention", ...
constexpr std::string_view class_name(const multi_input_layer& l) noexcept {
  return rnnparams::detail::keras_multi_input_table<multi_input_layer_types>::class_names[l.index()];
}

/// Keras's to_snake_case(class_name), the stem of its automatic layer names ("multi_head_attention").
constexpr std::string_view default_name(const multi_input_layer& l) noexcept {
  return rnnparams::detail::keras_multi_input_table<multi_input_layer_types>::stems[l.index()].view();
}

/// The output shape for the input shapes (without the batch axis).
constexpr shape compute_output_shape(const multi_input_layer& l, const input_shapes& inputs) {
  return rnnparams::visit([&](const auto& x) { return x.compute_output_shape(inputs); }, l);
}

/// The weight tensors in Keras's order.
constexpr weight_list weights(const multi_input_layer& l, const input_shapes& inputs) {
  return rnnparams::visit([&](const auto& x) { return x.weights(inputs); }, l);
}

/// Multiply-accumulates per sample, or nullopt when a needed dimension is None.
constexpr rnnparams::optional<std::uint64_t> macs(const multi_input_layer& l, const input_shapes& inputs) {
  return rnnparams::visit([&](const auto& x) { return x.macs(inputs); }, l);
}

} // namespace rnnparams::keras
