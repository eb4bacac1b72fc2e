// rnnparams/keras/time_distributed.hpp: Keras's TimeDistributed wrapper.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/lazy.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/type_list.hpp>
#include <rnnparams/keras/bidirectional.hpp> // the other wrapper, which TimeDistributed wraps too
#include <rnnparams/keras/layer_list.hpp>
#include <rnnparams/one_of.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace rnnparams::detail {
/// The classes TimeDistributed can wrap: every class of keras::layer_types but itself.
template <class T>
struct keras_time_distributable : std::bool_constant<!std::is_same_v<T, keras::TimeDistributed>> {};
} // namespace rnnparams::detail

namespace rnnparams::keras {

/// The layers TimeDistributed can wrap: every layer but TimeDistributed itself.
using time_distributed_layer = rnnparams::detail::apply_list_t<
    rnnparams::one_of,
    rnnparams::detail::filter_list_t<rnnparams::detail::keras_time_distributable, layer_types>>;

/// keras.layers.TimeDistributed: one layer applied to every timestep, with the same weights.
struct TimeDistributed {
  time_distributed_layer layer;
  bool trainable = true;

  static constexpr std::string_view class_name = "TimeDistributed";
  static constexpr std::string_view who = "rnnparams::keras::TimeDistributed";
  /// Needs a (timesteps, features) input: a Sequential model checks the layer before it.
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.TimeDistributed's arguments, in the order of its signature
  /// (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("layer", &TimeDistributed::layer, arg{.required = true});
  }

  /// The wrapped layer's weights for one timestep's shape, frozen when this wrapper is not trainable.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    const shape step = step_shape(input);
    detail::weight_wrapper<Out> inner{out, {}, trainable};
    rnnparams::visit([&](const auto& l) { l.for_each_weight(step, inner); }, layer);
  }
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// (timesteps, the wrapped layer's output for one timestep...).
  template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    const shape inner = rnnparams::visit(
        [&](const auto& l) { return l.compute_output_shape(step_shape(input)); }, detail::lazy<Lazy>(layer));
    shape output{input[0]};
    for (dim d : inner) {
      output.push_back(d);
    }
    return output;
  }
  /// timesteps × the wrapped layer's MACs for one timestep.
  template <class Lazy = void> // instantiated only where it is called (detail/lazy.hpp)
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    const auto inner =
        rnnparams::visit([&](const auto& l) { return l.macs(step_shape(input)); }, detail::lazy<Lazy>(layer));
    return inner ? detail::keras_times(input[0], *inner, who) : std::nullopt;
  }

  /// What the wrapped layer sees: one timestep, the input without its first axis (timesteps).
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
