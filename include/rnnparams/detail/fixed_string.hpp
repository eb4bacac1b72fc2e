// rnnparams/detail/fixed_string.hpp: a short string held by value, usable as a template argument.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/report.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// Up to Capacity characters stored inline, built in constant expressions ("lstm_1", "weight_ih_l12").
/// Its members are public so that it is a structural type: it can be a template argument, and
/// GCC and Clang >= 15 then print it as text in diagnostics.
template <std::size_t Capacity = 63>
struct fixed_string {
  char chars[Capacity + 1] = {};
  std::size_t length = 0;

  constexpr fixed_string() = default;
  constexpr fixed_string(std::string_view text) { append(text); } // NOLINT(google-explicit-constructor)

  /// Appends text; more than Capacity characters in all is an error.
  constexpr fixed_string& append(std::string_view text) {
    if (text.size() > Capacity - length) {
      too_long();
    }
    for (char c : text) {
      chars[length++] = c;
    }
    return *this;
  }
  /// Appends one character.
  constexpr fixed_string& push_back(char c) {
    if (length == Capacity) {
      too_long();
    }
    chars[length++] = c;
    return *this;
  }
  /// Appends the decimal digits of n.
  constexpr fixed_string& append_decimal(std::uint64_t n) {
    char digits[20] = {}; // 2^64 - 1 has 20 digits
    std::size_t count = 0;
    do {
      digits[count++] = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n != 0);
    while (count != 0) {
      push_back(digits[--count]);
    }
    return *this;
  }

  [[nodiscard]] constexpr std::string_view view() const noexcept { return {chars, length}; }
  constexpr operator std::string_view() const noexcept {
    return view();
  } // NOLINT(google-explicit-constructor)
  [[nodiscard]] constexpr std::size_t size() const noexcept { return length; }
  [[nodiscard]] constexpr bool empty() const noexcept { return length == 0; }
  [[nodiscard]] static constexpr std::size_t capacity() noexcept { return Capacity; }

  static constexpr void too_long() {
    // error here: the text does not fit in the fixed_string's Capacity characters
    report_invalid("rnnparams::detail::fixed_string", "the name is longer than its fixed capacity");
  }

  friend constexpr bool operator==(const fixed_string& a, const fixed_string& b) noexcept {
    return a.view() == b.view();
  }
  friend constexpr bool operator==(const fixed_string& a, std::string_view b) noexcept {
    return a.view() == b;
  }
};

} // namespace rnnparams::detail
