// rnnparams/detail/checked.hpp: std::uint64_t arithmetic that reports overflow instead of wrapping.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/report.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// std::numeric_limits<std::uint64_t>::max(), without <limits>, which costs a TU more than this library.
inline constexpr std::uint64_t max_count = ~std::uint64_t{0};

/// a + b, or an overflow error naming `who`.
constexpr std::uint64_t checked_add(std::uint64_t a, std::uint64_t b, std::string_view who) {
  if (a > max_count - b) {
    report_overflow(who); // error here: the count exceeds std::uint64_t; make the layer smaller
  }
  return a + b;
}

/// a * b, or an overflow error naming `who`.
constexpr std::uint64_t checked_mul(std::uint64_t a, std::uint64_t b, std::string_view who) {
  if (b != 0 && a > max_count / b) {
    report_overflow(who); // error here: the count exceeds std::uint64_t; make the layer smaller
  }
  return a * b;
}

} // namespace rnnparams::detail
