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

  /// gamma (C) if scale, beta (C) if center, then the non-trainable moving_mean (C) and moving_variance (C).
  [[nodiscard]] constexpr weight_list weights(const shape& input) const {
    const std::uint64_t c = detail::keras_last_axis(who, input);
    weight_list w{who};
    if (scale) {
      w.push_back({"gamma", {c}, trainable});
    }
    if (center) {
      w.push_back({"beta", {c}, trainable});
    }
    w.push_back({"moving_mean", {c}, false});
    w.push_back({"moving_variance", {c}, false});
    return w;
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
    return weights(input).count();
  }
};

/// keras.layers.LayerNormalization over the last axis: 2·C parameters.
struct LayerNormalization {
  bool center = true;
  bool scale = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "LayerNormalization";
  static constexpr std::string_view who = "rnnparams::keras::LayerNormalization";

  /// gamma (C) if scale, beta (C) if center.
  [[nodiscard]] constexpr weight_list weights(const shape& input) const {
    const std::uint64_t c = detail::keras_last_axis(who, input);
    weight_list w{who};
    if (scale) {
      w.push_back({"gamma", {c}, trainable});
    }
    if (center) {
      w.push_back({"beta", {c}, trainable});
    }
    return w;
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
    return weights(input).count();
  }
};

} // namespace rnnparams::keras
