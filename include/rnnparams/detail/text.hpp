// rnnparams/detail/text.hpp: comparing an option's text with a literal, cheaply in constant expressions.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string_view>

namespace rnnparams::detail {

/// value == literal. std::string_view's == first measures a literal and then compares character by
/// character, both loops that Clang counts against its constant-evaluation step limit (about 100
/// steps for "concat"); here the length is the array's and Clang compares with one builtin call.
/// GCC, which has no such limit, cannot compare every constant buffer with the builtin.
template <std::size_t N>
constexpr bool text_is(std::string_view value, const char (&literal)[N]) noexcept {
#if defined(__clang__)
  return value.size() == N - 1 && __builtin_memcmp(value.data(), literal, N - 1) == 0;
#else
  return value == std::string_view{literal, N - 1};
#endif
}

} // namespace rnnparams::detail
