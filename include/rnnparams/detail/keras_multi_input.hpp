// rnnparams/detail/keras_multi_input.hpp: what the Keras layers called on a list of tensors (merges,
// attention) share: the list of their input shapes, and the members every one derives.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/lazy.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/static_vector.hpp>
#include <rnnparams/detail/tuple_text.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace rnnparams::keras {

/// The shapes (without the batch axis) of the tensors a layer of several inputs is called on, in the
/// order of its call: `Concatenate{}.compute_output_shape({{5, 3}, {5, 2}})`, MultiHeadAttention's
/// {query, value} or {query, value, key}.
class input_shapes {
public:
  static constexpr std::size_t max_size = 8;

  constexpr input_shapes() = default;
  constexpr input_shapes(std::initializer_list<shape> shapes) : items_{shapes, class_who} {}

  [[nodiscard]] constexpr std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] constexpr bool empty() const noexcept { return items_.empty(); }
  constexpr const shape& operator[](std::size_t i) const noexcept { return items_[i]; }
  constexpr const shape* begin() const noexcept { return items_.begin(); }
  constexpr const shape* end() const noexcept { return items_.end(); }
  constexpr input_shapes& push_back(const shape& s) {
    items_.push_back(s, class_who);
    return *this;
  }

  friend constexpr bool operator==(const input_shapes&, const input_shapes&) = default;

private:
  static constexpr std::string_view class_who = "rnnparams::keras::input_shapes";
  rnnparams::detail::static_vector<shape, max_size> items_;
};

} // namespace rnnparams::keras

/// weights(inputs) and count_params(inputs) of a Keras layer of several inputs (inside its struct,
/// after for_each_weight), both read from its for_each_weight.
#define RNNPARAMS_KERAS_MULTI_INPUT_WEIGHT_QUERIES                                                           \
  /** The weight tensors in Keras's order, as for_each_weight lists them. */                                 \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr ::rnnparams::weight_list weights(const ::rnnparams::keras::input_shapes& inputs)   \
      const {                                                                                                \
    return ::rnnparams::detail::keras_weights(::rnnparams::detail::lazy<Lazy>(*this), inputs);               \
  }                                                                                                          \
  /** Keras's count_params(): every weight, trainable or not. */                                             \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr std::uint64_t count_params(const ::rnnparams::keras::input_shapes& inputs) const { \
    return ::rnnparams::detail::keras_weight_sums(::rnnparams::detail::lazy<Lazy>(*this), inputs).all();     \
  }

/// The members of a layer of several inputs without weights or matrix products (the merges): it only
/// checks its inputs.
#define RNNPARAMS_KERAS_MULTI_INPUT_WEIGHTLESS_QUERIES                                                       \
  /** No weights: only checks the inputs. */                                                                 \
  template <class Out>                                                                                       \
  constexpr void for_each_weight(const ::rnnparams::keras::input_shapes& inputs, Out& /*out*/) const {       \
    static_cast<void>(compute_output_shape(inputs));                                                         \
  }                                                                                                          \
  /** Elementwise work, no matrix products: 0. */                                                            \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr ::rnnparams::optional<std::uint64_t> macs(                                         \
      const ::rnnparams::keras::input_shapes& inputs) const {                                                \
    static_cast<void>(::rnnparams::detail::lazy<Lazy>(*this).compute_output_shape(inputs));                  \
    return 0;                                                                                                \
  }                                                                                                          \
  RNNPARAMS_KERAS_MULTI_INPUT_WEIGHT_QUERIES

namespace rnnparams::detail {

/// Keras's shapes in a message: "(5, 3)", with the batch axis as Keras prints them: "(None, 5, 3)".
constexpr void append_input_shapes(message_text& out, const keras::input_shapes& inputs) {
  out.append("[");
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    out.append(i == 0 ? "" : ", ");
    append_tuple(out, inputs[i], true);
  }
  out.append("]");
}

/// Throws "<who>: <what>. Received: input_shape=[(None, 5, 3), (None, 2)]"; not constexpr, so a
/// constant evaluation stops at its call and the compiler quotes that line, which holds `what`.
[[noreturn]] inline void keras_report_inputs(std::string_view who, std::string_view what,
                                             const keras::input_shapes& inputs) {
  message_text message{what};
  message.append(". Received: input_shape=");
  append_input_shapes(message, inputs);
  report_invalid(who, message);
}

} // namespace rnnparams::detail
