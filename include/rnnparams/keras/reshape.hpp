// rnnparams/keras/reshape.hpp: Keras's Reshape layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
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

/// keras.layers.Reshape: no weights; the input becomes target_shape, where one -1 is inferred.
struct Reshape {
  /// The output shape without the batch axis; at most one -1, the size that keeps the element count.
  int_tuple target_shape = {};
  bool trainable = true;

  static constexpr std::string_view class_name = "Reshape";
  static constexpr std::string_view who = "rnnparams::keras::Reshape";
  /// Takes any input, not only a sequence.
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.Reshape's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("target_shape", &Reshape::target_shape, arg{.required = true});
  }

  /// target_shape with its -1 inferred: Keras 3's compute_reshape_output_shape. With a None in the
  /// input nothing is checked and the -1 becomes None.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    std::size_t unknowns = 0;
    std::size_t unknown_axis = 0;
    for (std::size_t axis = 0; axis < target_shape.size(); ++axis) {
      if (target_shape[axis] < -1) {
        // error here: a size of target_shape is negative; write the sizes, and -1 for one inferred size.
        // clang-format off
        report_received("Each dimension in `target_shape` must be a non-negative integer, or `-1` for a single unknown dimension", nullptr);
        // clang-format on
      }
      if (target_shape[axis] == -1) {
        ++unknowns;
        unknown_axis = axis;
      }
    }
    if (unknowns > 1) {
      // error here: only one size of target_shape can be inferred; write the others.
      report_received("There must be at most one unknown dimension (-1) in `target_shape`", nullptr);
    }
    shape out;
    for (std::int64_t size : target_shape) {
      out.push_back(size == -1 ? dim{none} : dim{size});
    }
    if (!input.fully_known()) {
      return out;
    }
    const std::uint64_t input_size = input.num_elements(who);
    std::uint64_t known = 1;
    for (std::int64_t size : target_shape) {
      known = size == -1 ? known : detail::checked_mul(known, static_cast<std::uint64_t>(size), who);
    }
    if (unknowns == 0) {
      if (known != input_size) {
        // error here: target_shape must hold as many values as the input (the product of its sizes).
        report_received("The total size of the tensor must be unchanged", &input);
      }
      return out;
    }
    if (known == 0 || input_size % known != 0) {
      // error here: the input's size is not a multiple of the product of target_shape's other sizes.
      // clang-format off
      report_received("The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape", &input);
      // clang-format on
    }
    shape inferred;
    for (std::size_t axis = 0; axis < target_shape.size(); ++axis) {
      inferred.push_back(axis == unknown_axis ? dim{input_size / known} : out[axis]);
    }
    return inferred;
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES

private:
  /// Keras's message followed by the values it names ("Received: input_shape=(12,), target_shape=(5,
  /// -1)"); not constexpr, so a constant evaluation stops at its call and the compiler quotes that line.
  [[noreturn]] void report_received(std::string_view what, const shape* input) const {
    detail::message_text message{what};
    message.append(". Received: ");
    if (input != nullptr) {
      message.append("input_shape=");
      detail::append_tuple(message, *input);
      message.append(", ");
    }
    message.append("target_shape=");
    detail::append_tuple(message, target_shape);
    detail::report_invalid(who, message);
  }
};

} // namespace rnnparams::keras
