// rnnparams/format/keras_code.hpp: a Keras layer as the Keras code that builds it, from its describe().
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/to_string.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace rnnparams::detail {

/// A layer as Keras code: its class, its required arguments by position, and every other described
/// argument whose value differs from its default, by keyword: "LSTM(64, return_sequences=True)",
/// "Bidirectional(GRU(8), merge_mode=\"sum\")". Walks the layer's describe(), as the readers do.
inline std::string keras_call(const keras::layer& l);

template <class Layer>
class keras_call_writer : public argument_probe { // the other words write nothing
public:
  explicit keras_call_writer(const Layer& layer) : layer_{layer} {}

  template <class T>
  void field(std::string_view key, T Layer::* member, arg options = {}) {
    const T& value = layer_.*member;
    if (options.required && !options.keyword_only) {
      write({}, value);
    } else if constexpr (!requires { value.index(); }) { // a wrapped layer is always required
      if (!(value == Layer{}.*member)) {
        write(key, value);
      }
    }
  }
  [[nodiscard]] std::string text() {
    if (!layer_.trainable) {
      write("trainable", false);
    }
    return fmt::format("{}({})", Layer::class_name, args_);
  }

private:
  template <class T>
  void write(std::string_view key, const T& value) {
    args_ += args_.empty() ? "" : ", ";
    if (!key.empty()) {
      args_ += fmt::format("{}=", key);
    }
    if constexpr (std::is_same_v<T, bool>) {
      args_ += value ? "True" : "False";
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      args_ += fmt::format("\"{}\"", value);
    } else if constexpr (std::is_same_v<T, rnnparams::optional<std::int64_t>>) {
      args_ += value ? fmt::format("{}", *value) : std::string{"None"};
    } else if constexpr (std::is_same_v<T, int_tuple>) { // Reshape's target_shape, Permute's dims
      args_ += to_string(value);
    } else if constexpr (requires { value.index(); }) { // a wrapped layer
      args_ += rnnparams::visit([](const auto& inner) { return keras_call(keras::layer{inner}); }, value);
    } else {
      args_ += fmt::format("{}", value);
    }
  }

  const Layer& layer_;
  std::string args_;
};

inline std::string keras_call(const keras::layer& l) {
  return rnnparams::visit(
      [](const auto& x) {
        keras_call_writer<std::remove_cvref_t<decltype(x)>> writer{x};
        std::remove_cvref_t<decltype(x)>::describe(writer);
        return writer.text();
      },
      l);
}

} // namespace rnnparams::detail
