// rnnparams/keras/permute.hpp: Keras's Permute layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/tuple_text.hpp>
#include <rnnparams/int_tuple.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.Permute: no weights; axis i of the output is axis dims[i] of the input (from 1).
struct Permute {
  /// A permutation of 1..rank, the input's axes without the batch axis.
  int_tuple dims = {};
  bool trainable = true;

  static constexpr std::string_view class_name = "Permute";
  static constexpr std::string_view who = "rnnparams::keras::Permute";
  /// Takes an input of the rank of dims, not only a sequence.
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.Permute's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("dims", &Permute::dims, arg{.required = true});
  }

  /// The input's axes in the order of dims.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    bool seen[int_tuple::max_size] = {};
    for (std::int64_t axis : dims) {
      const bool in_range = axis >= 1 && static_cast<std::uint64_t>(axis) <= dims.size();
      if (!in_range || seen[in_range ? axis - 1 : 0]) {
        // error here: dims lists each input axis once, counted from 1 (the batch axis is not in it).
        error_dims_must_be_a_permutation_of_1_to_the_input_rank();
      }
      seen[axis - 1] = true;
    }
    if (input.rank() != dims.size()) {
      // error here: dims must name every axis of the input (without the batch axis), no more.
      error_the_input_rank_must_equal_the_length_of_dims(input);
    }
    shape out;
    for (std::int64_t axis : dims) {
      out.push_back(input[static_cast<std::size_t>(axis - 1)]);
    }
    return out;
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES

private:
  // Keras's messages with the values; not constexpr, so a constant evaluation stops at their calls.
  [[noreturn]] void error_dims_must_be_a_permutation_of_1_to_the_input_rank() const {
    detail::message_text message{
        "Invalid permutation argument `dims` for Permute Layer. The set of indices in "
        "`dims` must be consecutive and start from 1. Received dims="};
    detail::append_tuple(message, dims);
    detail::report_invalid(who, message);
  }
  [[noreturn]] void error_the_input_rank_must_equal_the_length_of_dims(const shape& input) const {
    detail::message_text message{"Input 0 is incompatible with the layer: expected ndim="};
    message.append_decimal(dims.size() + 1).append(", found ndim=").append_decimal(input.rank() + 1);
    message.append(". Full shape received: ");
    detail::append_tuple(message, input, true);
    detail::report_invalid(who, message);
  }
};

} // namespace rnnparams::keras
