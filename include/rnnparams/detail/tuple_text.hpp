// rnnparams/detail/tuple_text.hpp: Python's tuple spelling of shapes and integer tuples, without <string>.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/int_tuple.hpp>
#include <rnnparams/shape.hpp>

#include <cstddef>
#include <cstdint>

namespace rnnparams::detail {

/// Room for any of them: 8 dimensions of 20 digits each, with separators, twice over.
using message_text = fixed_string<511>;

/// Appends "None" or the decimal size.
template <std::size_t N>
constexpr void append_dim(fixed_string<N>& out, dim d) {
  if (d.known()) {
    out.append_decimal(d.value());
  } else {
    out.append("None");
  }
}

/// Appends Python's tuple of the items, as Keras prints shapes: "(3, 1)", "(10,)", "()"; with
/// `batch`, "(None, 3, 1)".
template <std::size_t N, class Items, class Append>
constexpr void append_tuple(fixed_string<N>& out, const Items& items, std::size_t size, bool batch,
                            Append item) {
  out.append(batch ? "(None" : "(");
  for (std::size_t i = 0; i < size; ++i) {
    out.append(i == 0 && !batch ? "" : ", ");
    item(out, items[i]);
  }
  out.append(size == 1 && !batch ? ",)" : ")");
}

template <std::size_t N>
constexpr void append_tuple(fixed_string<N>& out, const shape& s, bool batch = false) {
  append_tuple(out, s, s.rank(), batch, [](fixed_string<N>& o, dim d) { append_dim(o, d); });
}

template <std::size_t N>
constexpr void append_tuple(fixed_string<N>& out, const int_tuple& t) {
  append_tuple(out, t, t.size(), false, [](fixed_string<N>& o, std::int64_t v) {
    if (v < 0) {
      o.append("-");
    }
    o.append_decimal(v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v));
  });
}

} // namespace rnnparams::detail
