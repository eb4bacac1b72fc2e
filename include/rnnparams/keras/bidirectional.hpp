// rnnparams/keras/bidirectional.hpp: Keras's Bidirectional wrapper.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/text.hpp>
#include <rnnparams/detail/variant.hpp>
#include <rnnparams/keras/gru.hpp>
#include <rnnparams/keras/lstm.hpp>
#include <rnnparams/keras/simple_rnn.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

namespace rnnparams::keras {

/// The layers Bidirectional can wrap.
using recurrent_layer = std::variant<SimpleRNN, LSTM, GRU>;

/// keras.layers.Bidirectional: a forward and a backward copy of a recurrent layer, 2 × its parameters.
struct Bidirectional {
  recurrent_layer layer;
  /// "concat" (the last axis doubles), "sum", "mul" or "ave" (it stays).
  std::string_view merge_mode = "concat";
  bool trainable = true;

  static constexpr std::string_view class_name = "Bidirectional";
  static constexpr std::string_view who = "rnnparams::keras::Bidirectional";
  /// The scopes of the two copies' weights.
  static constexpr std::string_view forward_scope = "forward";
  static constexpr std::string_view backward_scope = "backward";

  /// The forward copy's weights, then the backward copy's (scope "forward", "backward"), each as the
  /// wrapped layer lists them, frozen when this wrapper is not trainable.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    check_merge_mode();
    detail::visit(
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
        detail::visit([&](const auto& rnn) { return rnn.compute_output_shape(input); }, layer);
    if (!detail::text_is(merge_mode, "concat")) {
      return inner;
    }
    return inner.with_back(detail::checked_mul(inner.back().value(), 2, who));
  }
  /// Twice the wrapped layer's.
  [[nodiscard]] constexpr std::optional<std::uint64_t> macs(const shape& input) const {
    check_merge_mode();
    const auto inner = detail::visit([&](const auto& rnn) { return rnn.macs(input); }, layer);
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
