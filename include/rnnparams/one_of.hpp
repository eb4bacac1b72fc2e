// rnnparams/one_of.hpp: one value of a closed list of types, usable in constant expressions.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/type_list.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace rnnparams::detail {

template <std::size_t I>
struct alternative_index {};

/// The storage of one_of: a union of the alternatives, nested one level per alternative, so that a
/// constant evaluation can make any of them the active member.
template <class... Ts>
union one_of_storage {};

template <class T, class... Ts>
union one_of_storage<T, Ts...> {
  T head;
  one_of_storage<Ts...> tail;

  constexpr one_of_storage() : head{} {}
  template <std::size_t I, class U>
  requires(I > 0) constexpr one_of_storage(alternative_index<I> /*at*/, const U& value)
      : tail{alternative_index<I - 1>{}, value} {}
  template <class U>
  constexpr one_of_storage(alternative_index<0> /*at*/, const U& value) : head(value) {}

  template <std::size_t I>
  [[nodiscard]] constexpr const auto& get() const noexcept {
    if constexpr (I == 0) {
      return head;
    } else {
      return tail.template get<I - 1>();
    }
  }
  template <std::size_t I>
  [[nodiscard]] constexpr auto& get() noexcept {
    if constexpr (I == 0) {
      return head;
    } else {
      return tail.template get<I - 1>();
    }
  }
};

} // namespace rnnparams::detail

namespace rnnparams {

/// One value of Ts..., like std::variant<Ts...> but built for what rnnparams needs of it: the
/// alternatives are aggregates that are trivially copyable, so one_of is too, it is never
/// valueless, and a switch on its index() is all a visit costs, in a constant expression or not.
/// Default-constructed, it holds a value-initialized first alternative, as std::variant does.
template <class... Ts>
class one_of {
  static_assert(sizeof...(Ts) > 0);
  // The compilers' own trait (which std::is_trivially_copyable is made of) and not the library's class
  // templates: one of each per alternative in every TU is the larger part of what a one_of costs. A
  // trivially copyable type has a trivial destructor.
  static_assert((__is_trivially_copyable(Ts) && ...),
                "rnnparams::one_of: every alternative must be trivially copyable");

public:
  using types = detail::type_list<Ts...>;
  static constexpr std::size_t size = sizeof...(Ts);

  constexpr one_of() = default;
  /// Holds `value`, which must be of one of the listed types exactly.
  template <class T>
  requires detail::contains<T, types>
  constexpr one_of(const T& value) noexcept // NOLINT(google-explicit-constructor): as std::variant
      : index_{detail::index_of<T, types>}, storage_{detail::alternative_index<detail::index_of<T, types>>{},
                                                     value} {}

  /// The position of the held alternative in Ts...
  [[nodiscard]] constexpr std::size_t index() const noexcept { return index_; }

  /// The I-th alternative; I must be index().
  template <std::size_t I>
  [[nodiscard]] constexpr const auto& unchecked_get() const noexcept {
    return storage_.template get<I>();
  }
  template <std::size_t I>
  [[nodiscard]] constexpr auto& unchecked_get() noexcept {
    return storage_.template get<I>();
  }

private:
  std::size_t index_ = 0;
  detail::one_of_storage<Ts...> storage_{};
};

namespace detail {
template <class T>
inline constexpr bool is_one_of = false;
template <class... Ts>
inline constexpr bool is_one_of<one_of<Ts...>> = true;
} // namespace detail

/// True when v holds a T.
template <class T, class... Ts>
[[nodiscard]] constexpr bool holds_alternative(const one_of<Ts...>& v) noexcept {
  return v.index() == detail::index_of<T, detail::type_list<Ts...>>;
}

/// A pointer to v's T, or nullptr when it holds another alternative.
template <class T, class... Ts>
[[nodiscard]] constexpr const T* get_if(const one_of<Ts...>* v) noexcept {
  constexpr std::size_t i = detail::index_of<T, detail::type_list<Ts...>>;
  return v != nullptr && v->index() == i ? &v->template unchecked_get<i>() : nullptr;
}
template <class T, class... Ts>
[[nodiscard]] constexpr T* get_if(one_of<Ts...>* v) noexcept {
  constexpr std::size_t i = detail::index_of<T, detail::type_list<Ts...>>;
  return v != nullptr && v->index() == i ? &v->template unchecked_get<i>() : nullptr;
}

/// v's T; throws invalid_model when v holds another alternative.
template <class T, class... Ts>
[[nodiscard]] constexpr const T& get(const one_of<Ts...>& v) {
  if (!holds_alternative<T>(v)) {
    // error here: the value holds another type; test holds_alternative<T>(v) or use get_if first
    detail::report_invalid("rnnparams::get", "the one_of holds another alternative");
  }
  return v.template unchecked_get<detail::index_of<T, detail::type_list<Ts...>>>();
}
template <class T, class... Ts>
[[nodiscard]] constexpr T& get(one_of<Ts...>& v) {
  if (!holds_alternative<T>(v)) {
    // error here: the value holds another type; test holds_alternative<T>(v) or use get_if first
    detail::report_invalid("rnnparams::get", "the one_of holds another alternative");
  }
  return v.template unchecked_get<detail::index_of<T, detail::type_list<Ts...>>>();
}

/// f(the held alternative), as std::visit(f, v) for one variant: a switch on v.index(), four cases
/// at a time (Clang counts each comparison against its constant-evaluation step budget).
template <std::size_t First = 0, class F, class OneOf>
requires detail::is_one_of<std::remove_cvref_t<OneOf>>
constexpr decltype(auto) visit(F&& f, OneOf&& v) { // NOLINT(cppcoreguidelines-missing-std-forward)
  constexpr std::size_t size = std::remove_cvref_t<OneOf>::size;
  if constexpr (First + 1 == size) {
    return std::forward<F>(f)(v.template unchecked_get<First>());
  } else if constexpr (First + 4 < size) {
    switch (v.index() - First) {
    case 0:
      return std::forward<F>(f)(v.template unchecked_get<First>());
    case 1:
      return std::forward<F>(f)(v.template unchecked_get<First + 1>());
    case 2:
      return std::forward<F>(f)(v.template unchecked_get<First + 2>());
    case 3:
      return std::forward<F>(f)(v.template unchecked_get<First + 3>());
    default:
      return rnnparams::visit<First + 4>(std::forward<F>(f), v);
    }
  } else {
    if (v.index() == First) {
      return std::forward<F>(f)(v.template unchecked_get<First>());
    }
    return rnnparams::visit<First + 1>(std::forward<F>(f), v);
  }
}

} // namespace rnnparams
