// rnnparams/keras/bidirectional.hpp: Keras's Bidirectional wrapper.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/lazy.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/text.hpp>
#include <rnnparams/detail/type_list.hpp>
#include <rnnparams/keras/layer_list.hpp>
#include <rnnparams/one_of.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <string_view>
#include <type_traits>

namespace rnnparams::detail {
/// The recurrent layers, which Bidirectional wraps: the layers (not wrappers) with return_sequences.
template <class T>
constexpr bool keras_is_recurrent() noexcept {
  if constexpr (keras_wrapper<T>::value) {
    return false; // incomplete here: not asked for its members
  } else {
    return requires { &T::return_sequences; };
  }
}
template <class T>
struct keras_recurrent : std::bool_constant<keras_is_recurrent<T>()> {};
} // namespace rnnparams::detail

namespace rnnparams::keras {

/// The layers Bidirectional can wrap: the recurrent layers of rnnparams::keras.
using recurrent_layer = rnnparams::detail::apply_list_t<
    rnnparams::one_of, rnnparams::detail::filter_list_t<rnnparams::detail::keras_recurrent, layer_types>>;

/// keras.layers.Bidirectional: a forward and a backward copy of a recurrent layer, 2 × its parameters.
struct Bidirectional {
  recurrent_layer layer;
  /// "concat" (the last axis doubles), "sum", "mul" or "ave" (it stays).
  std::string_view merge_mode = "concat";
  bool trainable = true;

  static constexpr std::string_view class_name = "Bidirectional";
  static constexpr std::string_view who = "rnnparams::keras::Bidirectional";
  /// Needs a (timesteps, features) input: a Sequential model checks the layer before it.
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.Bidirectional's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("layer", &Bidirectional::layer, arg{.required = true});
    d.field("merge_mode", &Bidirectional::merge_mode, arg{.none_as = "None"});
    d.ignored("weights");
    d.backward_layer("backward_layer");
    d.unsupported("num_constants", "constants are extra inputs", arg{.keyword_only = true});
  }
  /// The scopes of the two copies' weights.
  static constexpr std::string_view forward_scope = "forward";
  static constexpr std::string_view backward_scope = "backward";

  /// The forward copy's weights, then the backward copy's (scope "forward", "backward"), each as the
  /// wrapped layer lists them, frozen when this wrapper is not trainable.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    check_merge_mode();
    rnnparams::visit(
        [&](const auto& rnn) {
          detail::weight_wrapper<Out> forward{out, forward_scope, trainable};
          rnn.for_each_weight(input, forward);
          detail::weight_wrapper<Out> backward{out, backward_scope, trainable};
          rnn.for_each_weight(input, backward);
        },
        layer);
  }
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// The wrapped layer's output, its last axis doubled with merge_mode="concat".
  template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    check_merge_mode();
    const shape inner = rnnparams::visit([&](const auto& rnn) { return rnn.compute_output_shape(input); },
                                         detail::lazy<Lazy>(layer));
    if (!detail::text_is(merge_mode, "concat")) {
      return inner;
    }
    return inner.with_back(detail::checked_mul(inner.back().value(), 2, who));
  }
  /// Twice the wrapped layer's.
  template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    check_merge_mode();
    const auto inner =
        rnnparams::visit([&](const auto& rnn) { return rnn.macs(input); }, detail::lazy<Lazy>(layer));
    return inner ? rnnparams::optional<std::uint64_t>{detail::checked_mul(*inner, 2, who)} : std::nullopt;
  }

private:
  constexpr void check_merge_mode() const {
    if (!detail::text_is(merge_mode, "concat") && !detail::text_is(merge_mode, "sum") &&
        !detail::text_is(merge_mode, "mul") && !detail::text_is(merge_mode, "ave")) {
      // error here: merge_mode=None returns two tensors, which a Sequential model cannot pass on.
      detail::report_invalid(who, "merge_mode must be \"concat\", \"sum\", \"mul\" or \"ave\"");
    }
  }
};

} // namespace rnnparams::keras
