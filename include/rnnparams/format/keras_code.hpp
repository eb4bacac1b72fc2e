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
/// The same for any class with a describe(): a layer, or a cell of RNN ("LSTMCell(8)").
template <class T>
std::string keras_call_of(const T& x);

template <class Layer>
class keras_call_writer : public argument_probe { // the other words write nothing
public:
  explicit keras_call_writer(const Layer& layer) : layer_{layer} {}

  template <class T>
  void field(std::string_view key, T Layer::* member, arg options = {}) {
    const T& value = layer_.*member;
    if (options.required && !options.keyword_only) {
      write({}, value);
    } else if constexpr (!requires { value.index(); } && requires { value == value; }) {
      // (a wrapped layer and a list of cells are always required)
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
    } else if constexpr (requires { value.index(); }) { // a wrapped layer, RNN's cell
      args_ += rnnparams::visit([](const auto& inner) { return keras_call_of(inner); }, value);
    } else if constexpr (std::is_same_v<T, keras::cell_list>) { // StackedRNNCells's cells
      std::string cells;
      for (const keras::keras_cell& c : value) {
        cells +=
            (cells.empty() ? "" : ", ") + rnnparams::visit([](const auto& x) { return keras_call_of(x); }, c);
      }
      args_ += "[" + cells + "]";
    } else {
      args_ += fmt::format("{}", value);
    }
  }

  const Layer& layer_;
  std::string args_;
};

template <class T>
std::string keras_call_of(const T& x) {
  keras_call_writer<T> writer{x};
  T::describe(writer);
  return writer.text();
}

inline std::string keras_call(const keras::layer& l) {
  return rnnparams::visit([](const auto& x) { return keras_call_of(x); }, l);
}

} // namespace rnnparams::detail
