// rnnparams/keras/spatial_dropout.hpp: Keras's SpatialDropout1D layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.SpatialDropout1D: Dropout of whole channels of a (timesteps, channels) input; no
/// weights, shape unchanged.
struct SpatialDropout1D {
  double rate = 0.0;
  bool trainable = true;

  static constexpr std::string_view class_name = "SpatialDropout1D";
  static constexpr std::string_view who = "rnnparams::keras::SpatialDropout1D";
  /// Its input is (timesteps, channels): Keras's InputSpec(ndim=3).
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.SpatialDropout1D's arguments, in the order of its signature
  /// (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("rate", &SpatialDropout1D::rate, arg{.required = true});
    d.ignored("seed");
  }

  /// Unchanged.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      // error here: Keras 3's Dropout.__init__ takes a fraction of the channels, 0 <= rate <= 1.
      // clang-format off
      detail::report_invalid(who, "Invalid value received for argument `rate`. Expected a float value between 0 and 1.");
      // clang-format on
    }
    if (input.rank() != 2) {
      // error here: SpatialDropout1D drops whole channels of a sequence, a 3-D input (batch, timesteps,
      // channels); a 2-D input usually comes from a recurrent layer without return_sequences=True.
      detail::report_invalid(who, "expects a 3-D input (batch, timesteps, channels)");
    }
    return input;
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES
};

} // namespace rnnparams::keras
