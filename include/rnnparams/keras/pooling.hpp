// rnnparams/keras/pooling.hpp: Keras's 1-D pooling layers: MaxPooling1D, AveragePooling1D,
// GlobalMaxPooling1D, GlobalAveragePooling1D. SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.MaxPooling1D: no weights; (steps, C) becomes (steps', C).
struct MaxPooling1D {
  std::int64_t pool_size = 2;
  /// None (std::nullopt) means pool_size.
  rnnparams::optional<std::int64_t> strides = std::nullopt;
  /// "valid" or "same".
  std::string_view padding = "valid";
  bool trainable = true;

  static constexpr std::string_view class_name = "MaxPooling1D";
  static constexpr std::string_view who = "rnnparams::keras::MaxPooling1D";
  /// Needs a (timesteps, features) input: a Sequential model checks the layer before it.
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.MaxPooling1D's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.alias("MaxPool1D");
    d.field("pool_size", &MaxPooling1D::pool_size, arg{.one_tuple = true});
    d.field("strides", &MaxPooling1D::strides, arg{.one_tuple = true});
    d.field("padding", &MaxPooling1D::padding);
    d.only("data_format", "channels_last", "rnnparams models channels_last inputs (batch, steps, channels)");
  }

  /// (⌊(steps − pool_size) / strides⌋ + 1, C) for "valid", (⌊(steps − 1) / strides⌋ + 1, C) for "same".
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    return detail::keras_pooling_1d_output(who, input, pool_size, strides, padding);
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES
};

/// keras.layers.AveragePooling1D: no weights; (steps, C) becomes (steps', C).
struct AveragePooling1D {
  std::int64_t pool_size = 2;
  /// None (std::nullopt) means pool_size.
  rnnparams::optional<std::int64_t> strides = std::nullopt;
  /// "valid" or "same".
  std::string_view padding = "valid";
  bool trainable = true;

  static constexpr std::string_view class_name = "AveragePooling1D";
  static constexpr std::string_view who = "rnnparams::keras::AveragePooling1D";
  /// Needs a (timesteps, features) input: a Sequential model checks the layer before it.
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.AveragePooling1D's arguments, in the order of its signature
  /// (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.alias("AvgPool1D");
    d.field("pool_size", &AveragePooling1D::pool_size, arg{.one_tuple = true});
    d.field("strides", &AveragePooling1D::strides, arg{.one_tuple = true});
    d.field("padding", &AveragePooling1D::padding);
    d.only("data_format", "channels_last", "rnnparams models channels_last inputs (batch, steps, channels)");
  }

  /// As MaxPooling1D.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    return detail::keras_pooling_1d_output(who, input, pool_size, strides, padding);
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES
};

/// keras.layers.GlobalMaxPooling1D: no weights; (steps, C) becomes (C).
struct GlobalMaxPooling1D {
  bool keepdims = false;
  bool trainable = true;

  static constexpr std::string_view class_name = "GlobalMaxPooling1D";
  static constexpr std::string_view who = "rnnparams::keras::GlobalMaxPooling1D";
  /// Needs a (timesteps, features) input: a Sequential model checks the layer before it.
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.GlobalMaxPooling1D's arguments, in the order of its signature
  /// (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.alias("GlobalMaxPool1D");
    d.only("data_format", "channels_last", "rnnparams models channels_last inputs (batch, steps, channels)");
    d.field("keepdims", &GlobalMaxPooling1D::keepdims);
  }

  /// (C), or (1, C) with keepdims.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    return detail::keras_global_pooling_1d_output(who, input, keepdims);
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES
};

/// keras.layers.GlobalAveragePooling1D: no weights; (steps, C) becomes (C).
struct GlobalAveragePooling1D {
  bool keepdims = false;
  bool trainable = true;

  static constexpr std::string_view class_name = "GlobalAveragePooling1D";
  static constexpr std::string_view who = "rnnparams::keras::GlobalAveragePooling1D";
  /// Needs a (timesteps, features) input: a Sequential model checks the layer before it.
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.GlobalAveragePooling1D's arguments, in the order of its signature
  /// (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.alias("GlobalAvgPool1D");
    d.only("data_format", "channels_last", "rnnparams models channels_last inputs (batch, steps, channels)");
    d.field("keepdims", &GlobalAveragePooling1D::keepdims);
  }

  /// (C), or (1, C) with keepdims.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    return detail::keras_global_pooling_1d_output(who, input, keepdims);
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES
};

} // namespace rnnparams::keras
