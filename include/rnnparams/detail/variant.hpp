// rnnparams/detail/variant.hpp: std::variant helpers.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <initializer_list>
#include <utility>
#include <variant>

namespace rnnparams::detail {

/// std::visit(f, v) for one variant, as a switch on v.index(). In constant evaluation Clang counts
/// about half of std::visit's steps for a variant's first alternatives, which the step limit of a
/// long constant model makes worth it. The alternatives here are never valueless. (std::get, not
/// std::get_if: GCC 12 cannot evaluate get_if's null test on a variant inside a constant temporary.)
template <std::size_t First = 0, class F, class Variant>
constexpr decltype(auto) visit(F&& f, const Variant& v) {
  constexpr std::size_t size = std::variant_size_v<Variant>;
  if constexpr (First + 1 == size) {
    return f(std::get<First>(v));
  } else if constexpr (First + 4 < size) {
    switch (v.index() - First) {
    case 0:
      return f(std::get<First>(v));
    case 1:
      return f(std::get<First + 1>(v));
    case 2:
      return f(std::get<First + 2>(v));
    case 3:
      return f(std::get<First + 3>(v));
    default:
      return visit<First + 4>(std::forward<F>(f), v);
    }
  } else {
    if (v.index() == First) {
      return f(std::get<First>(v));
    }
    return visit<First + 1>(std::forward<F>(f), v);
  }
}

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
