// rnnparams/keras/attention.hpp: Keras's attention layers (Attention, AdditiveAttention,
// MultiHeadAttention), called on query, value and an optional key in a functional model.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/keras_multi_input.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/text.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// The query, value and key of an attention layer called on [query, value] or [query, value, key]
/// (the key defaults to the value).
struct keras_attention_operands {
  shape query;
  shape value;
  shape key;
};

/// Attention's and AdditiveAttention's inputs: [query, value] or [query, value, key], usually
/// (T, dim) each, of one rank (tf.keras 2 also ran them on (dim,) vectors, and real saved models do);
/// the query's and key's dim equal, the value's and key's timesteps equal, as their products need.
constexpr keras_attention_operands keras_attention_inputs(std::string_view who,
                                                          const keras::input_shapes& in) {
  if (in.size() < 2 || in.size() > 3) {
    // clang-format off
    report_invalid(who, "accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]"); // error here: [query, value]
    // clang-format on
  }
  const keras_attention_operands t{in[0], in[1], in.size() == 3 ? in[2] : in[1]};
  if (t.query.rank() == 0 || t.value.rank() != t.query.rank() || t.key.rank() != t.query.rank()) {
    // error here: query, value and key are (batch, timesteps, dim) each, as Keras documents them
    // clang-format off
    keras_report_inputs(who, "query, value and key must have one rank, (batch, timesteps, dim)", in);
    // clang-format on
  }
  if (t.query.back().known() && t.key.back().known() && t.query.back() != t.key.back()) {
    // error here: the scores compare each query vector with each key vector: both have dim features
    // clang-format off
    keras_report_inputs(who, "query and key must have the same last axis (dim)", in);
    // clang-format on
  }
  const std::size_t steps = t.query.rank() - 1; // the timesteps axis, when there is one
  if (steps > 0 && t.value[steps - 1].known() && t.key[steps - 1].known() &&
      t.value[steps - 1] != t.key[steps - 1]) {
    // error here: each key scores the value at its timestep: value and key have Tv timesteps
    // clang-format off
    keras_report_inputs(who, "value and key must have the same number of timesteps (Tv)", in);
    // clang-format on
  }
  return t;
}

/// (*query_shape[:-1], value_shape[-1]): Keras's compute_output_shape.
constexpr shape keras_attention_output(const keras_attention_operands& t) {
  shape out = t.query;
  out.pop_back();
  return out.push_back(t.value.back());
}

/// Tq·Tv·(scores_dim + value_dim), times the leading axes: the scores' and the weighted sum's products;
/// nullopt if one is None, or for inputs without a timesteps axis (tf.keras 2's products then mix the
/// batch's samples: not a per-sample count).
constexpr rnnparams::optional<std::uint64_t>
keras_attention_macs(std::string_view who, const keras_attention_operands& t, bool scores_are_products) {
  if (t.query.rank() < 2) {
    return std::nullopt;
  }
  shape lead = t.query; // the axes before (Tq, dim)
  lead.pop_back();
  const dim tq = lead.back();
  lead.pop_back();
  const dim tv = t.key[t.key.rank() - 2];
  if (!lead.fully_known() || !tq.known() || !tv.known() || !t.value.back().known() ||
      (scores_are_products && !t.query.back().known())) {
    return std::nullopt;
  }
  const std::uint64_t pairs =
      checked_mul(checked_mul(tq.value(), tv.value(), who), lead.num_elements(who), who);
  const std::uint64_t per_pair = scores_are_products
                                     ? checked_add(t.query.back().value(), t.value.back().value(), who)
                                     : t.value.back().value();
  return checked_mul(pairs, per_pair, who);
}

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// keras.layers.Attention: dot-product (Luong) attention over [query, value] or [query, value, key],
/// each (batch, T, dim). Output (Tq, value dim). Weights: `scale` () with use_scale, and
/// `concat_score_weight` () with score_mode="concat".
struct Attention {
  bool use_scale = false;
  /// "dot" or "concat".
  std::string_view score_mode = "dot";
  bool trainable = true;

  static constexpr std::string_view class_name = "Attention";
  static constexpr std::string_view who = "rnnparams::keras::Attention";
  /// keras.layers.Attention's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    d.field("use_scale", &Attention::use_scale);
    d.field("score_mode", &Attention::score_mode);
    d.ignored("dropout");
    d.ignored("seed");
  }

  /// scale () with use_scale, then concat_score_weight () with score_mode="concat".
  template <class Out>
  constexpr void for_each_weight(const input_shapes& inputs, Out& out) const {
    static_cast<void>(compute_output_shape(inputs));
    if (use_scale) {
      out.add("scale", trainable);
    }
    if (rnnparams::detail::text_is(score_mode, "concat")) {
      out.add("concat_score_weight", trainable);
    }
  }
  RNNPARAMS_KERAS_MULTI_INPUT_WEIGHT_QUERIES
  /// (Tq, value dim): Keras's (*query_shape[:-1], value_shape[-1]).
  [[nodiscard]] constexpr shape compute_output_shape(const input_shapes& inputs) const {
    check_score_mode();
    return rnnparams::detail::keras_attention_output(rnnparams::detail::keras_attention_inputs(who, inputs));
  }
  /// Tq·Tv·dim for the dot scores (none for "concat", a sum of tanh) plus Tq·Tv·value dim for the
  /// weighted sum of the values.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const input_shapes& inputs) const {
    check_score_mode();
    return rnnparams::detail::keras_attention_macs(who,
                                                   rnnparams::detail::keras_attention_inputs(who, inputs),
                                                   rnnparams::detail::text_is(score_mode, "dot"));
  }

private:
  constexpr void check_score_mode() const {
    if (!rnnparams::detail::text_is(score_mode, "dot") && !rnnparams::detail::text_is(score_mode, "concat")) {
      // clang-format off
      rnnparams::detail::report_invalid(who, "Invalid value for argument score_mode: expected one of {'dot', 'concat'}"); // error here: "dot" or "concat"
      // clang-format on
    }
  }
};

/// keras.layers.AdditiveAttention: additive (Bahdanau) attention over [query, value] or
/// [query, value, key]. Output (Tq, value dim). Weights: `scale` (dim,) with use_scale (the default).
struct AdditiveAttention {
  bool use_scale = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "AdditiveAttention";
  static constexpr std::string_view who = "rnnparams::keras::AdditiveAttention";
  /// keras.layers.AdditiveAttention's arguments, in the order of its signature
  /// (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    d.field("use_scale", &AdditiveAttention::use_scale);
    d.ignored("dropout");
  }

  /// scale (dim,), dim the query's last axis, with use_scale.
  template <class Out>
  constexpr void for_each_weight(const input_shapes& inputs, Out& out) const {
    const rnnparams::detail::keras_attention_operands t =
        rnnparams::detail::keras_attention_inputs(who, inputs);
    if (use_scale) {
      if (!t.query.back().known()) {
        // clang-format off
        rnnparams::detail::report_invalid(who, "the last axis of the query (dim) must be known: it is the size of the scale weight"); // error here: a known dim
        // clang-format on
      }
      out.add("scale", trainable, t.query.back().value());
    }
  }
  RNNPARAMS_KERAS_MULTI_INPUT_WEIGHT_QUERIES
  /// (Tq, value dim).
  [[nodiscard]] constexpr shape compute_output_shape(const input_shapes& inputs) const {
    return rnnparams::detail::keras_attention_output(rnnparams::detail::keras_attention_inputs(who, inputs));
  }
  /// Tq·Tv·dim for the scaled sum of the scores with use_scale (none without: a plain sum) plus
  /// Tq·Tv·value dim for the weighted sum of the values.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const input_shapes& inputs) const {
    return rnnparams::detail::keras_attention_macs(
        who, rnnparams::detail::keras_attention_inputs(who, inputs), use_scale);
  }
};

/// keras.layers.MultiHeadAttention, called as mha(query, value) or mha(query, value, key): inputs
/// {query, value} or {query, value, key}, each (T..., dim). Four EinsumDense projections, each a
/// kernel and (with use_bias) a bias: query (Dq, H, key_dim), key (Dk, H, key_dim), value (Dv, H,
/// value_dim), attention_output (H, value_dim, *output_shape); with use_gate a gate (Dq, H, value_dim)
/// before the value's. Output: the query's shape with its last axis replaced by output_shape (default
/// Dq).
struct MultiHeadAttention {
  std::int64_t num_heads = 0;
  std::int64_t key_dim = 0;
  /// None: key_dim.
  rnnparams::optional<std::int64_t> value_dim = std::nullopt;
  bool use_bias = true;
  /// The output's trailing axes; empty (None): the query's last axis.
  shape output_shape = {};
  bool use_gate = false;
  bool trainable = true;

  static constexpr std::string_view class_name = "MultiHeadAttention";
  static constexpr std::string_view who = "rnnparams::keras::MultiHeadAttention";
  /// keras.layers.MultiHeadAttention's arguments, in the order of its signature
  /// (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("num_heads", &MultiHeadAttention::num_heads, arg{.required = true});
    d.field("key_dim", &MultiHeadAttention::key_dim, arg{.required = true});
    d.field("value_dim", &MultiHeadAttention::value_dim);
    d.ignored("dropout");
    d.field("use_bias", &MultiHeadAttention::use_bias);
    d.field("output_shape", &MultiHeadAttention::output_shape);
    d.ignored("attention_axes");
    d.ignored("sliding_window");
    d.ignored("flash_attention");
    rnnparams::detail::keras_kernel_bias_arguments(d);
    d.field("use_gate", &MultiHeadAttention::use_gate);
    d.ignored("seed");
  }

  /// query, key, (gate), value and attention_output, each kernel then bias: Keras's order.
  template <class Out>
  constexpr void for_each_weight(const input_shapes& inputs, Out& out) const {
    const operands t = check(inputs);
    const std::uint64_t h = heads();
    const std::uint64_t kd = key_size();
    const std::uint64_t vd = value_size();
    const auto projection = [&](const char* scope, std::uint64_t in, std::uint64_t size) {
      out.add_in(scope, "kernel", trainable, in, h, size);
      if (use_bias) {
        out.add_in(scope, "bias", trainable, h, size);
      }
    };
    projection("query", t.query_dim, kd);
    projection("key", t.key_dim, kd);
    if (use_gate) {
      projection("gate", t.query_dim, vd);
    }
    projection("value", t.value_dim, vd);
    shape kernel{h, vd};
    for (const dim d : t.output) {
      kernel.push_back(d);
    }
    out.add_tensor("attention_output", "kernel", trainable, kernel);
    if (use_bias) {
      out.add_tensor("attention_output", "bias", trainable, t.output);
    }
  }
  RNNPARAMS_KERAS_MULTI_INPUT_WEIGHT_QUERIES
  /// The query's shape, its last axis replaced by output_shape (Keras's
  /// query_shape[:-1] + output_shape).
  [[nodiscard]] constexpr shape compute_output_shape(const input_shapes& inputs) const {
    const operands t = check(inputs);
    shape out = inputs[0];
    out.pop_back();
    for (const dim d : t.output) {
      out.push_back(d);
    }
    return out;
  }
  /// Multiply-accumulates per sample, with Tq and Tv the products of the query's and value's axes but
  /// the last: the projections Tq·Dq·H·key_dim, Tv·Dk·H·key_dim, Tv·Dv·H·value_dim (and the gate's
  /// Tq·Dq·H·value_dim), the scores H·Tq·Tv·key_dim, the weighted sum H·Tq·Tv·value_dim, and the
  /// output H·value_dim·(output size) at each of Tq positions; nullopt if an axis is None.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const input_shapes& inputs) const {
    const operands t = check(inputs);
    shape query_steps = inputs[0];
    query_steps.pop_back();
    shape value_steps = inputs[1];
    value_steps.pop_back();
    if (!query_steps.fully_known() || !value_steps.fully_known()) {
      return std::nullopt;
    }
    using rnnparams::detail::checked_add;
    using rnnparams::detail::checked_mul;
    const std::uint64_t tq = query_steps.num_elements(who);
    const std::uint64_t tv = value_steps.num_elements(who);
    const std::uint64_t hk = checked_mul(heads(), key_size(), who);
    const std::uint64_t hv = checked_mul(heads(), value_size(), who);
    std::uint64_t total = checked_mul(checked_mul(tq, t.query_dim, who), hk, who);
    total = checked_add(total, checked_mul(checked_mul(tv, t.key_dim, who), hk, who), who);
    total = checked_add(total, checked_mul(checked_mul(tv, t.value_dim, who), hv, who), who);
    if (use_gate) {
      total = checked_add(total, checked_mul(checked_mul(tq, t.query_dim, who), hv, who), who);
    }
    const std::uint64_t pairs = checked_mul(tq, tv, who);
    total = checked_add(total, checked_mul(pairs, checked_add(hk, hv, who), who), who);
    return checked_add(total, checked_mul(checked_mul(tq, hv, who), t.output.num_elements(who), who), who);
  }

private:
  struct operands {
    std::uint64_t query_dim = 0;
    std::uint64_t key_dim = 0;
    std::uint64_t value_dim = 0;
    /// The output's trailing axes: output_shape, or (Dq,).
    shape output;
  };

  [[nodiscard]] constexpr std::uint64_t heads() const {
    if (num_heads <= 0) {
      // clang-format off
      rnnparams::detail::report_invalid(who, "Received an invalid value for argument `num_heads`, expected a positive integer"); // error here: num_heads >= 1
      // clang-format on
    }
    return static_cast<std::uint64_t>(num_heads);
  }
  [[nodiscard]] constexpr std::uint64_t key_size() const {
    if (key_dim <= 0) {
      // clang-format off
      rnnparams::detail::report_invalid(who, "Received an invalid value for argument `key_dim`, expected a positive integer"); // error here: key_dim >= 1
      // clang-format on
    }
    return static_cast<std::uint64_t>(key_dim);
  }
  [[nodiscard]] constexpr std::uint64_t value_size() const {
    if (value_dim && *value_dim <= 0) {
      // clang-format off
      rnnparams::detail::report_invalid(who, "Received an invalid value for argument `value_dim`, expected a positive integer or `None`"); // error here: value_dim >= 1, or None
      // clang-format on
    }
    return value_dim ? static_cast<std::uint64_t>(*value_dim) : key_size();
  }

  /// Keras's checks of build and compute_output_shape, and the ranks its attention equations need.
  [[nodiscard]] constexpr operands check(const input_shapes& inputs) const {
    static_cast<void>(heads());
    static_cast<void>(value_size());
    if (inputs.size() < 2 || inputs.size() > 3) {
      // clang-format off
      rnnparams::detail::report_invalid(who, "is called on query and value, and an optional key: {query, value} or {query, value, key}"); // error here: {query, value}
      // clang-format on
    }
    const shape& query = inputs[0];
    const shape& value = inputs[1];
    const shape& key = inputs.size() == 3 ? inputs[2] : inputs[1];
    if (query.rank() < 2 || value.rank() != query.rank() || key.rank() != query.rank()) {
      // error here: query, value and key are (batch, timesteps, dim), or of one higher rank each
      // clang-format off
      rnnparams::detail::keras_report_inputs(who, "query, value and key must have one rank of 3 or more, (batch, timesteps, dim)", inputs);
      // clang-format on
    }
    for (std::size_t a = 0; a + 1 < value.rank(); ++a) {
      if (value[a] != key[a]) {
        // error here: value and key have the same timesteps; only their last axes may differ
        // clang-format off
        rnnparams::detail::keras_report_inputs(who, "All dimensions of `value` and `key`, except the last one, must be equal", inputs);
        // clang-format on
      }
    }
    operands t;
    t.query_dim = rnnparams::detail::keras_last_axis(who, query);
    t.key_dim = rnnparams::detail::keras_last_axis(who, key);
    t.value_dim = rnnparams::detail::keras_last_axis(who, value);
    if (output_shape.rank() == 0) {
      t.output = shape{t.query_dim};
    } else {
      for (const dim d : output_shape) {
        if (!d.known() || d.value() == 0) {
          // clang-format off
          rnnparams::detail::report_invalid(who, "output_shape must hold positive integers"); // error here: output_shape = {64}, or empty for the query's dim
          // clang-format on
        }
      }
      t.output = output_shape;
    }
    return t;
  }
};

} // namespace rnnparams::keras
