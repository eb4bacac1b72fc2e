// rnnparams/keras/normalization.hpp: Keras's BatchNormalization and LayerNormalization layers.
// SPDX-License-Identifier: MIT
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

/// keras.layers.BatchNormalization over the last axis: 4·C parameters, 2·C of them non-trainable.
struct BatchNormalization {
  bool center = true;
  bool scale = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "BatchNormalization";
  static constexpr std::string_view who = "rnnparams::keras::BatchNormalization";
  /// Takes any input of a rank it accepts, not only a sequence.
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.BatchNormalization's arguments, in the order of its signature
  /// (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.last_axis("axis");
    d.ignored("momentum");
    d.ignored("epsilon");
    d.field("center", &BatchNormalization::center);
    d.field("scale", &BatchNormalization::scale);
    d.ignored("beta_initializer");
    d.ignored("gamma_initializer");
    d.ignored("moving_mean_initializer");
    d.ignored("moving_variance_initializer");
    d.ignored("beta_regularizer");
    d.ignored("gamma_regularizer");
    d.ignored("beta_constraint");
    d.ignored("gamma_constraint");
    d.ignored("synchronized");
    d.unsupported("renorm", "batch renormalization adds moving_stddev, renorm_mean and renorm_stddev",
                  arg{.keyword_only = true});
    d.ignored("renorm_clipping", arg{.keyword_only = true});
    d.ignored("renorm_momentum", arg{.keyword_only = true});
    d.ignored("fused", arg{.keyword_only = true});
    d.ignored("virtual_batch_size", arg{.keyword_only = true});
    d.ignored("adjustment", arg{.keyword_only = true});
  }

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
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// Unchanged.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    detail::keras_last_axis(who, input);
    return input;
  }
  /// Elementwise scaling is not a matrix product: 0.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    detail::keras_last_axis(who, input);
    return 0;
  }
};

/// keras.layers.LayerNormalization over the last axis: 2·C parameters.
struct LayerNormalization {
  bool center = true;
  bool scale = true;
  /// Keras 3's rms_scaling=True (deprecated since 3.11, still honoured): gamma only, whatever center
  /// and scale say.
  bool rms_scaling = false;
  bool trainable = true;

  static constexpr std::string_view class_name = "LayerNormalization";
  static constexpr std::string_view who = "rnnparams::keras::LayerNormalization";
  /// Takes any input of a rank it accepts, not only a sequence.
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.LayerNormalization's arguments, in the order of its signature
  /// (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.last_axis("axis");
    d.ignored("epsilon");
    d.field("center", &LayerNormalization::center);
    d.field("scale", &LayerNormalization::scale);
    d.ignored("beta_initializer");
    d.ignored("gamma_initializer");
    d.ignored("beta_regularizer");
    d.ignored("gamma_regularizer");
    d.ignored("beta_constraint");
    d.ignored("gamma_constraint");
    d.field("rms_scaling", &LayerNormalization::rms_scaling, arg{.keyword_only = true});
  }

  /// gamma (C) if scale or rms_scaling, beta (C) if center and not rms_scaling: out.add(name,
  /// trainable, dims...) for each weight in Keras's order. weights() and count_params() are both read
  /// from here.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    const std::uint64_t c = detail::keras_last_axis(who, input);
    if (scale || rms_scaling) {
      out.add("gamma", trainable, c);
    }
    if (center && !rms_scaling) {
      out.add("beta", trainable, c);
    }
  }
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// Unchanged.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    detail::keras_last_axis(who, input);
    return input;
  }
  /// Elementwise scaling is not a matrix product: 0.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    detail::keras_last_axis(who, input);
    return 0;
  }
};

} // namespace rnnparams::keras
