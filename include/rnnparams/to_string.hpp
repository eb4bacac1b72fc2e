// rnnparams/to_string.hpp: shapes as text, in std::string, for run-time code that prints them.
// SPDX-License-Identifier: MIT
#pragma once

// Kept out of <rnnparams/rnnparams.hpp>, so that a TU which only checks models at compile time does
// not pay for <string>. <rnnparams/format.hpp> has the same spellings as {fmt} formatters.
#include <rnnparams/shape.hpp>

#include <cstddef>
#include <string>

namespace rnnparams {

/// "None" or the decimal size.
inline std::string to_string(dim d) { return d.known() ? std::to_string(d.value()) : std::string{"None"}; }

/// Python's tuple spelling, as Keras prints shapes: "(3, 1)", "(10,)", "()".
inline std::string to_string(const shape& s) {
  std::string text = "(";
  for (std::size_t axis = 0; axis < s.rank(); ++axis) {
    text += axis == 0 ? "" : ", ";
    text += to_string(s[axis]);
  }
  text += s.rank() == 1 ? ",)" : ")";
  return text;
}

/// Keras's spelling of a shape with its batch axis in front: "(None, 3, 1)", "(None, 10)".
inline std::string to_batch_string(const shape& s) {
  std::string text = "(None";
  for (dim d : s) {
    text += ", ";
    text += to_string(d);
  }
  text += ")";
  return text;
}

} // namespace rnnparams
