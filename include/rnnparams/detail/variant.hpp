// rnnparams/detail/variant.hpp: std::variant helpers.
// SPDX-License-Identifier: MIT
#pragma once

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <variant>

namespace rnnparams::detail {

/// True when T is one of the Variant's alternatives.
template <class T, class Variant>
struct is_alternative : std::false_type {};
template <class T, class... Ts>
struct is_alternative<T, std::variant<Ts...>> : std::bool_constant<(std::same_as<T, Ts> || ...)> {};

/// The index of T among the Variant's alternatives (T must be one of them).
template <class T, class Variant>
inline constexpr std::size_t variant_index = 0;
template <class T, class... Ts>
inline constexpr std::size_t variant_index<T, std::variant<Ts...>> = [] {
  constexpr bool matches[] = {std::same_as<T, Ts>...};
  std::size_t i = 0;
  while (!matches[i]) {
    ++i;
  }
  return i;
}();

/// True when every value is true; over a braced list instead of a fold expression, which Clang
/// limits to 256 operands.
constexpr bool all_of(std::initializer_list<bool> values) noexcept {
  for (bool value : values) {
    if (!value) {
      return false;
    }
  }
  return true;
}

} // namespace rnnparams::detail
