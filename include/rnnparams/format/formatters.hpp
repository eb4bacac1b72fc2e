// rnnparams/format/formatters.hpp: {fmt} formatters for dims, shapes, weights, Keras layers and Keras models.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/format/keras_code.hpp>
#include <rnnparams/format/keras_summary.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/to_string.hpp>
#include <rnnparams/weight.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>

/// "None" or the size.
template <>
struct fmt::formatter<rnnparams::dim> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(rnnparams::dim d, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rnnparams::to_string(d), ctx);
  }
};

/// "(3, 1)", Python's tuple as Keras prints input_shape; "{:b}" adds the batch axis: "(None, 3, 1)".
template <>
struct fmt::formatter<rnnparams::shape> {
  bool batch = false;

  constexpr auto parse(format_parse_context& ctx) -> decltype(ctx.begin()) {
    auto it = ctx.begin();
    if (it != ctx.end() && *it == 'b') {
      batch = true;
      ++it;
    }
    if (it != ctx.end() && *it != '}') {
      throw format_error("rnnparams::shape takes {} or {:b}");
    }
    return it;
  }
  template <class FormatContext>
  auto format(const rnnparams::shape& s, FormatContext& ctx) const -> decltype(ctx.out()) {
    const std::string text = batch ? rnnparams::to_batch_string(s) : rnnparams::to_string(s);
    return std::copy(text.begin(), text.end(), ctx.out());
  }
};

/// "kernel (1, 10)", "forward/kernel (1, 10)" for a Bidirectional copy's weight.
template <>
struct fmt::formatter<rnnparams::weight> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const rnnparams::weight& w, FormatContext& ctx) const -> decltype(ctx.out()) {
    const std::string scope = w.scope.empty() ? std::string{} : fmt::format("{}/", w.scope);
    return fmt::formatter<std::string_view>::format(
        fmt::format("{}{} {}", scope, w.name, rnnparams::to_string(w.shape)), ctx);
  }
};

/// A Keras layer as Keras code: "SimpleRNN(10)", "Bidirectional(LSTM(64, return_sequences=True))".
template <>
struct fmt::formatter<rnnparams::keras::layer> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const rnnparams::keras::layer& l, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rnnparams::detail::keras_call(l), ctx);
  }
};

/// Keras 3's summary() of a Sequential or keras::model, with the default options.
template <class Model>
struct fmt::formatter<Model, char, std::enable_if_t<rnnparams::detail::keras_model<Model>>>
    : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const Model& m, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rnnparams::keras::summary(m), ctx);
  }
};
