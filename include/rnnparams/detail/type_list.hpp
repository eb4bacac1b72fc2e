// rnnparams/detail/type_list.hpp: a list of types, from which one_of types, indices and filters are computed.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <initializer_list>
#include <type_traits>

namespace rnnparams::detail {

/// A list of types; its types may be incomplete until a property of one is asked for.
template <class... Ts>
struct type_list {
  static constexpr std::size_t size = sizeof...(Ts);
};

/// True when T is one of the List's types.
template <class T, class List>
inline constexpr bool contains = false;
template <class T, class... Ts>
inline constexpr bool contains<T, type_list<Ts...>> = (std::is_same_v<T, Ts> || ...);

/// The position of T in the List; a compile error when T is not there.
template <class T, class List>
inline constexpr std::size_t index_of = 0;
template <class T, class... Ts>
inline constexpr std::size_t index_of<T, type_list<Ts...>> = [] {
  static_assert(contains<T, type_list<Ts...>>, "rnnparams: the type is not in the list");
  constexpr bool matches[] = {std::is_same_v<T, Ts>...};
  std::size_t i = 0;
  while (!matches[i]) {
    ++i;
  }
  return i;
}();

template <template <class...> class To, class List>
struct apply_list;
template <template <class...> class To, class... Ts>
struct apply_list<To, type_list<Ts...>> {
  using type = To<Ts...>;
};
/// To<Ts...> for the List's types, e.g. rnnparams::one_of<Ts...>.
template <template <class...> class To, class List>
using apply_list_t = typename apply_list<To, List>::type;

template <class List, class T>
struct push_back_list;
template <class... Ts, class T>
struct push_back_list<type_list<Ts...>, T> {
  using type = type_list<Ts..., T>;
};

template <template <class> class Keep, class List, class Kept = type_list<>>
struct filter_list {
  using type = Kept;
};
template <template <class> class Keep, class T, class... Ts, class Kept>
struct filter_list<Keep, type_list<T, Ts...>, Kept>
    : filter_list<Keep, type_list<Ts...>,
                  std::conditional_t<Keep<T>::value, typename push_back_list<Kept, T>::type, Kept>> {};
/// The List's types T for which Keep<T>::value is true, in order.
template <template <class> class Keep, class List>
using filter_list_t = typename filter_list<Keep, List>::type;

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
