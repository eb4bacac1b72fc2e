// rnnparams/to_string.hpp: shapes as text, in std::string, for run-time code that prints them.
// SPDX-License-Identifier: MIT
#pragma once

// Kept out of <rnnparams/rnnparams.hpp>, so that a TU which only checks models at compile time does
// not pay for <string>. <rnnparams/format.hpp> has the same spellings as {fmt} formatters.
#include <rnnparams/detail/tuple_text.hpp>
#include <rnnparams/int_tuple.hpp>
#include <rnnparams/shape.hpp>

#include <cstddef>
#include <string>

namespace rnnparams {

/// "None" or the decimal size.
inline std::string to_string(dim d) { return d.known() ? std::to_string(d.value()) : std::string{"None"}; }

/// Python's tuple spelling, as Keras prints shapes: "(3, 1)", "(10,)", "()".
inline std::string to_string(const shape& s) {
  detail::message_text text;
  detail::append_tuple(text, s);
  return std::string{text.view()};
}

/// Keras's spelling of a shape with its batch axis in front: "(None, 3, 1)", "(None, 10)".
inline std::string to_batch_string(const shape& s) {
  detail::message_text text;
  detail::append_tuple(text, s, true);
  return std::string{text.view()};
}

/// Python's tuple spelling of Reshape's target_shape or Permute's dims: "(3, -1)", "(2,)", "()".
inline std::string to_string(const int_tuple& t) {
  detail::message_text text;
  detail::append_tuple(text, t);
  return std::string{text.view()};
}

} // namespace rnnparams
