// rnnparams/keras/normalization.hpp: Keras's BatchNormalization and LayerNormalization layers.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.BatchNormalization over the last axis: 4·C parameters, 2·C of them non-trainable.
struct BatchNormalization {
  bool center = true;
  bool scale = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "BatchNormalization";
  static constexpr std::string_view who = "rnnparams::keras::BatchNormalization";

  /// gamma (C) if scale, beta (C) if center, then the non-trainable moving_mean (C) and moving_variance
  /// (C): out.add(name, trainable, dims...) for each weight in Keras's order. weights() and
  /// count_params() are both read from here.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    const std::uint64_t c = detail::keras_last_axis(who, input);
    if (scale) {
      out.add("gamma", trainable, c);
    }
    if (center) {
      out.add("beta", trainable, c);
    }
    out.add("moving_mean", false, c);
    out.add("moving_variance", false, c);
  }
  /// The weight tensors in Keras's order, as for_each_weight lists them.
  [[nodiscard]] constexpr weight_list weights(const shape& input) const {
    return detail::keras_weights(*this, input);
  }
  /// Unchanged.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    detail::keras_last_axis(who, input);
    return input;
  }
  /// Elementwise scaling is not a matrix product: 0.
  [[nodiscard]] constexpr std::optional<std::uint64_t> macs(const shape& input) const {
    detail::keras_last_axis(who, input);
    return 0;
  }
  /// Keras's count_params(): the moving statistics count too.
  [[nodiscard]] constexpr std::uint64_t count_params(const shape& input) const {
    return detail::keras_weight_sums(*this, input).all();
  }
};

/// keras.layers.LayerNormalization over the last axis: 2·C parameters.
struct LayerNormalization {
  bool center = true;
  bool scale = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "LayerNormalization";
  static constexpr std::string_view who = "rnnparams::keras::LayerNormalization";

  /// gamma (C) if scale, beta (C) if center: out.add(name, trainable, dims...) for each weight in
  /// Keras's order. weights() and count_params() are both read from here.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    const std::uint64_t c = detail::keras_last_axis(who, input);
    if (scale) {
      out.add("gamma", trainable, c);
    }
    if (center) {
      out.add("beta", trainable, c);
    }
  }
  /// The weight tensors in Keras's order, as for_each_weight lists them.
  [[nodiscard]] constexpr weight_list weights(const shape& input) const {
    return detail::keras_weights(*this, input);
  }
  /// Unchanged.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    detail::keras_last_axis(who, input);
    return input;
  }
  /// Elementwise scaling is not a matrix product: 0.
  [[nodiscard]] constexpr std::optional<std::uint64_t> macs(const shape& input) const {
    detail::keras_last_axis(who, input);
    return 0;
  }
  /// Keras's count_params().
  [[nodiscard]] constexpr std::uint64_t count_params(const shape& input) const {
    return detail::keras_weight_sums(*this, input).all();
  }
};

} // namespace rnnparams::keras
