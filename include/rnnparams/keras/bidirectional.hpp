// rnnparams/keras/bidirectional.hpp: Keras's Bidirectional wrapper.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/text.hpp>
#include <rnnparams/detail/type_list.hpp>
#include <rnnparams/one_of.hpp>
#include <rnnparams/keras/layer_list.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

namespace rnnparams::detail {
template <class T>
    struct keras_has_return_sequences : std::bool_constant < requires {
  &T::return_sequences;
} > {};
/// The recurrent layers, which Bidirectional wraps: the layers (not wrappers) with return_sequences.
template <class T>
struct keras_recurrent : std::conjunction<std::negation<keras_wrapper<T>>, keras_has_return_sequences<T>> {};
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
  /// The weight tensors in Keras's order, as for_each_weight lists them.
  [[nodiscard]] constexpr weight_list weights(const shape& input) const {
    return detail::keras_weights(*this, input);
  }
  /// The wrapped layer's output, its last axis doubled with merge_mode="concat".
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    check_merge_mode();
    const shape inner =
        rnnparams::visit([&](const auto& rnn) { return rnn.compute_output_shape(input); }, layer);
    if (!detail::text_is(merge_mode, "concat")) {
      return inner;
    }
    return inner.with_back(detail::checked_mul(inner.back().value(), 2, who));
  }
  /// Twice the wrapped layer's.
  [[nodiscard]] constexpr std::optional<std::uint64_t> macs(const shape& input) const {
    check_merge_mode();
    const auto inner = rnnparams::visit([&](const auto& rnn) { return rnn.macs(input); }, layer);
    return inner ? std::optional{detail::checked_mul(*inner, 2, who)} : std::nullopt;
  }
  /// Keras's count_params(): both copies.
  [[nodiscard]] constexpr std::uint64_t count_params(const shape& input) const {
    return detail::keras_weight_sums(*this, input).all();
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
