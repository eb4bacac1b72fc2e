// rnnparams/keras/flatten.hpp: Keras's Flatten layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/text.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.Flatten: no weights; (d1, d2, ...) becomes (d1·d2·...).
struct Flatten {
  /// "channels_last" or "channels_first". channels_first moves the channels axis last before
  /// flattening: the order of the values changes, not the output's size.
  std::string_view data_format = "channels_last";
  bool trainable = true;

  static constexpr std::string_view class_name = "Flatten";
  static constexpr std::string_view who = "rnnparams::keras::Flatten";
  /// Takes any input of a rank it accepts, not only a sequence.
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.Flatten's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("data_format", &Flatten::data_format, arg{.none_as = "channels_last"});
  }

  /// (product of the input's dimensions); (1) for a rank-0 input.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    if (!detail::text_is(data_format, "channels_last") && !detail::text_is(data_format, "channels_first")) {
      // error here: Keras takes "channels_last" (its default, also for None) or "channels_first".
      detail::report_invalid(who, "data_format must be \"channels_last\" or \"channels_first\"");
    }
    if (!input.fully_known()) {
      // error here: the layers after Flatten need its size; give the input a fixed length
      // (e.g. Input((100, 8)) instead of Input((None, 8))) or use GlobalAveragePooling1D.
      detail::report_invalid(who, "cannot flatten an input with a None dimension");
    }
    return {input.num_elements(who)};
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES
};

} // namespace rnnparams::keras
