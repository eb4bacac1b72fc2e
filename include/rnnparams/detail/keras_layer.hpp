// rnnparams/detail/keras_layer.hpp: input rules shared by several Keras layers, and the members every
// layer derives from its for_each_weight.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/lazy.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/text.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <concepts>
#include <cstdint>
#include <string_view>
#include <type_traits>

/// weights() and count_params() of a Keras layer (inside its struct, after for_each_weight), both read
/// from its for_each_weight, so the list and the count cannot disagree. They are templates whose bodies
/// depend on their parameter (detail/lazy.hpp): a TU instantiates only the ones it calls.
#define RNNPARAMS_KERAS_WEIGHT_QUERIES                                                                       \
  /** The weight tensors in Keras's order, as for_each_weight lists them. */                                 \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr ::rnnparams::weight_list weights(const ::rnnparams::shape& input) const {          \
    return ::rnnparams::detail::keras_weights(::rnnparams::detail::lazy<Lazy>(*this), input);                \
  }                                                                                                          \
  /** Keras's count_params(): every weight, trainable or not. */                                             \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr std::uint64_t count_params(const ::rnnparams::shape& input) const {                \
    return ::rnnparams::detail::keras_weight_sums(::rnnparams::detail::lazy<Lazy>(*this), input).all();      \
  }

/// The members of a Keras layer without weights (inside its struct, after compute_output_shape): no
/// weights and no matrix products, once compute_output_shape has accepted the input.
#define RNNPARAMS_KERAS_WEIGHTLESS_QUERIES                                                                   \
  /** No weights: only checks the input. */                                                                  \
  template <class Out>                                                                                       \
  constexpr void for_each_weight(const ::rnnparams::shape& input, Out& /*out*/) const {                      \
    static_cast<void>(compute_output_shape(input));                                                          \
  }                                                                                                          \
  /** No matrix products: 0. */                                                                              \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr ::rnnparams::optional<std::uint64_t> macs(const ::rnnparams::shape& input) const { \
    static_cast<void>(::rnnparams::detail::lazy<Lazy>(*this).compute_output_shape(input));                   \
    return 0;                                                                                                \
  }                                                                                                          \
  RNNPARAMS_KERAS_WEIGHT_QUERIES

namespace rnnparams::detail {

/// What every Keras layer class declares, whatever it is called on: it is an aggregate of Keras's
/// keywords, describes its arguments, and names its class. keras_layer_class (one input) and
/// keras_multi_input_class (a list) add the queries.
template <class T>
concept keras_class_basics = std::is_aggregate_v<T> && std::default_initializable<T> &&
                             requires(const T& l, argument_probe& description) {
                               T::describe(description);
                               { T::class_name } -> std::convertible_to<std::string_view>;
                               { T::who } -> std::convertible_to<std::string_view>;
                               { l.trainable } -> std::convertible_to<bool>;
                             };

/// `units` of a layer, checked the way Keras checks it.
constexpr std::uint64_t keras_units(std::string_view who, std::int64_t units) {
  if (units <= 0) {
    report_invalid(who, "units must be a positive integer"); // error here: set units to 1 or more
  }
  return static_cast<std::uint64_t>(units);
}

/// The size of the last axis, which must be known and non-zero (Dense, RNN features).
constexpr std::uint64_t keras_last_axis(std::string_view who, const shape& input) {
  if (input.rank() == 0) {
    report_invalid(who, "expects an input of rank >= 1 (without the batch axis), got a scalar");
  }
  if (!input.back().known()) {
    report_invalid(who, "the last axis of the input (features) must be known, got None");
  }
  if (input.back().value() == 0) {
    report_invalid(who, "the last axis of the input (features) must be > 0, got 0");
  }
  return input.back().value();
}

/// The feature count of a recurrent layer's input, which must be (timesteps, features).
constexpr std::uint64_t keras_rnn_features(std::string_view who, const shape& input) {
  if (input.rank() != 2) {
    // error here: Keras RNN layers take a 3-D input (batch, timesteps, features). A 2-D input
    // usually comes from a recurrent layer below without return_sequences=True.
    // clang-format off
    report_invalid(who, "expects a 3-D input (batch, timesteps, features); set return_sequences=True on the recurrent layer before it");
    // clang-format on
  }
  return keras_last_axis(who, input);
}

/// (units) or (timesteps, units): the output of SimpleRNN, LSTM and GRU.
constexpr shape keras_rnn_output(std::string_view who, std::int64_t units, bool return_sequences,
                                 const shape& input) {
  keras_rnn_features(who, input);
  const std::uint64_t u = keras_units(who, units);
  return return_sequences ? shape{input[0], u} : shape{u};
}

/// The channel count of a Conv1D or pooling input, which must be (steps, channels), and known.
constexpr std::uint64_t keras_steps_channels(std::string_view who, const shape& input) {
  if (input.rank() != 2) {
    // error here: Conv1D and the 1-D pooling layers take a 3-D input (batch, steps, channels).
    report_invalid(who, "expects a 3-D input (batch, steps, channels)");
  }
  return keras_last_axis(who, input);
}

/// The length of a 1-D window op's output: Keras's compute_conv_output_shape and
/// compute_pooling_output_shape for one spatial axis; None stays None.
constexpr dim keras_window_output(std::string_view who, dim length, std::uint64_t window,
                                  std::uint64_t stride, std::uint64_t dilation, std::string_view padding) {
  if (!length.known()) {
    return none;
  }
  const std::uint64_t l = length.value();
  if (!detail::text_is(padding, "valid")) {
    return l == 0 ? 0 : (l - 1) / stride + 1; // "same" and "causal": floor((L - 1) / s) + 1
  }
  const std::uint64_t span = checked_add(checked_mul(dilation, window - 1, who), 1, who);
  if (l < span) {
    // error here: with padding="valid" the window (kernel_size, pool_size, dilation_rate) is longer
    // than the input; use padding="same" or a longer input.
    report_invalid(who, "computed output size would be zero or negative (padding=\"valid\")");
  }
  return (l - span) / stride + 1;
}

/// (timesteps) × a per-step product: the MACs of a layer applied along a time axis; nullopt if unknown.
constexpr rnnparams::optional<std::uint64_t> keras_times(dim steps, std::uint64_t per_step,
                                                         std::string_view who) {
  if (!steps.known()) {
    return std::nullopt;
  }
  return checked_mul(steps.value(), per_step, who);
}

/// gates·(F·U + U·U): one time step's matrix products of a recurrent layer or cell on F inputs.
constexpr std::uint64_t keras_rnn_step_macs(std::string_view who, std::uint64_t f, std::uint64_t u,
                                            std::uint64_t gates) {
  return checked_mul(gates, checked_add(checked_mul(f, u, who), checked_mul(u, u, who), who), who);
}

/// timesteps × gates·(F·U + U·U): the matrix products of SimpleRNN (1 gate), GRU (3) and LSTM (4).
constexpr rnnparams::optional<std::uint64_t> keras_rnn_macs(std::string_view who, std::int64_t units,
                                                            std::uint64_t gates, const shape& input) {
  const std::uint64_t f = keras_rnn_features(who, input);
  const std::uint64_t u = keras_units(who, units);
  return keras_times(input[0], keras_rnn_step_macs(who, f, u, gates), who);
}

/// A cell's weights on `features` inputs, as each cell's build() makes them: kernel (F, G·U),
/// recurrent_kernel (U, G·U), then bias (G·U), or GRUCell's (2, 3U) with reset_after.
template <class Out>
constexpr void keras_cell_weights(std::string_view who, std::string_view scope, std::uint64_t features,
                                  std::int64_t units, std::uint64_t gates, bool use_bias, bool two_biases,
                                  bool trainable, Out& out) {
  const std::uint64_t u = keras_units(who, units);
  const std::uint64_t g = checked_mul(gates, u, who);
  out.add_in(scope, "kernel", trainable, features, g);
  out.add_in(scope, "recurrent_kernel", trainable, u, g);
  if (use_bias && two_biases) {
    out.add_in(scope, "bias", trainable, 2, g);
  } else if (use_bias) {
    out.add_in(scope, "bias", trainable, g);
  }
}

/// The channel axis of a 1-D pooling input (steps, channels): pooling keeps it, so None stays None, as
/// Keras 3's compute_pooling_output_shape and its global pooling layers keep it.
constexpr dim keras_pooling_channels(std::string_view who, const shape& input) {
  if (input.rank() == 2 && !input[1].known()) {
    return none;
  }
  return keras_steps_channels(who, input);
}

/// pool_size, strides (None: pool_size) and padding of MaxPooling1D and AveragePooling1D.
constexpr shape keras_pooling_1d_output(std::string_view who, const shape& input, std::int64_t pool_size,
                                        rnnparams::optional<std::int64_t> strides, std::string_view padding) {
  if (pool_size <= 0) {
    report_invalid(who, "pool_size must be a positive integer"); // error here: pool_size >= 1
  }
  const std::int64_t stride = strides.value_or(pool_size);
  if (stride <= 0) {
    report_invalid(who, "strides must be a positive integer"); // error here: strides >= 1
  }
  if (!detail::text_is(padding, "valid") && !detail::text_is(padding, "same")) {
    report_invalid(who, "padding must be \"valid\" or \"same\"");
  }
  const dim channels = keras_pooling_channels(who, input);
  return {keras_window_output(who, input[0], static_cast<std::uint64_t>(pool_size),
                              static_cast<std::uint64_t>(stride), 1, padding),
          channels};
}

/// (channels), or (1, channels) with keepdims: GlobalMaxPooling1D and GlobalAveragePooling1D.
constexpr shape keras_global_pooling_1d_output(std::string_view who, const shape& input, bool keepdims) {
  const dim channels = keras_pooling_channels(who, input);
  return keepdims ? shape{1, channels} : shape{channels};
}

/// The initializers, regularizers and constraints of a kernel and a bias (Dense, Conv1D,
/// MultiHeadAttention), where their signatures have them: accepted, changing no count.
template <class D>
constexpr void keras_kernel_bias_arguments(D& d) {
  d.ignored("kernel_initializer");
  d.ignored("bias_initializer");
  d.ignored("kernel_regularizer");
  d.ignored("bias_regularizer");
  d.ignored("activity_regularizer");
  d.ignored("kernel_constraint");
  d.ignored("bias_constraint");
}

/// The regularizers, constraints and dropouts of SimpleRNN, LSTM and GRU, where their signatures have
/// them (after the initializers): accepted, changing no count.
template <class D>
constexpr void keras_rnn_regularization_arguments(D& d) {
  d.ignored("kernel_regularizer");
  d.ignored("recurrent_regularizer");
  d.ignored("bias_regularizer");
  d.ignored("activity_regularizer");
  d.ignored("kernel_constraint");
  d.ignored("recurrent_constraint");
  d.ignored("bias_constraint");
  d.ignored("dropout");
  d.ignored("recurrent_dropout");
}

/// The keyword-only arguments tf.keras 2 gave SimpleRNN, LSTM and GRU.
template <class D>
constexpr void keras_rnn_legacy_arguments(D& d) {
  d.unsupported("time_major", "rnnparams models (batch, timesteps, features) inputs",
                arg{.keyword_only = true});
  d.ignored("implementation", arg{.keyword_only = true});
  d.unsupported("num_constants", "constants are extra inputs", arg{.keyword_only = true});
}

} // namespace rnnparams::detail
