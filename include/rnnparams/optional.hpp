// rnnparams/optional.hpp: rnnparams::optional, a number or None.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/report.hpp>

#include <optional>
#include <type_traits>

namespace rnnparams {

/// A number or nothing (Keras's and PyTorch's None): the type of the settings that may be None
/// (`MaxPooling1D::strides`, `BatchNorm1d::momentum`, `Embedding::padding_idx`, ...) and of `macs()`,
/// which is unknown when a dimension it needs is None. It is written and read like std::optional:
/// `.strides = 2`, `.strides = std::nullopt`, `if (m)`, `*m`, `m.value()`, `m.value_or(0)`,
/// `m == std::nullopt`, `m == 42`; it converts to and from std::optional<T>.
///
/// Why not std::optional itself: each std::optional<T> costs GCC 12 about 16 M instructions to
/// instantiate, 3.5 % of a TU that includes only <cstdint>, <array> and <string_view>, and every TU that
/// includes the core would pay for three of them (bench/RESULTS.md). This one holds a trivially copyable
/// T and a flag, and costs a small fraction of that.
template <class T>
class optional {
  static_assert(std::is_trivially_copyable_v<T>, "rnnparams::optional holds numbers: use std::optional");

public:
  using value_type = T;

  /// None.
  constexpr optional() noexcept = default;
  /// None.
  constexpr optional(std::nullopt_t /*none*/) noexcept {}
  /// The value `value`.
  constexpr optional(T value) noexcept : value_{value}, engaged_{true} {}
  /// A T made from `value`, for a T that is a class: `.stride = 2` for an optional int_pair.
  template <class U>
    requires(std::is_class_v<T> && !std::is_same_v<U, T> && std::is_convertible_v<U, T>)
  constexpr optional(U value) noexcept : value_{value}, engaged_{true} {}
  /// A T made from its parts, for a T that is a class: `.stride = {2, 1}` for an optional int_pair.
  template <class... U>
    requires(std::is_class_v<T> && sizeof...(U) > 1 && std::is_constructible_v<T, U...>)
  constexpr optional(U... parts) noexcept : value_{parts...}, engaged_{true} {}
  /// From a std::optional whose value converts to T: `rnnparams::optional<double> m = std_optional;`.
  template <class U>
  constexpr optional(const std::optional<U>& other) noexcept
      : value_{other ? static_cast<T>(*other) : T{}}, engaged_{other.has_value()} {}

  /// To a std::optional<U>: `std::optional<std::uint64_t> m = layer.macs(input);`.
  template <class U>
  constexpr operator std::optional<U>() const noexcept {
    return engaged_ ? std::optional<U>{static_cast<U>(value_)} : std::optional<U>{};
  }

  [[nodiscard]] constexpr bool has_value() const noexcept { return engaged_; }
  constexpr explicit operator bool() const noexcept { return engaged_; }

  /// The value. Without one it is an error in a constant expression, and T{} at run time (where
  /// std::optional's is undefined behaviour); value() checks at run time too.
  constexpr const T& operator*() const noexcept {
    if (std::is_constant_evaluated() && !engaged_) {
      detail::report_invalid("rnnparams::optional", "operator* of an optional that holds None");
    }
    return value_;
  }
  /// The value, or an invalid_model error when there is none (std::optional throws bad_optional_access).
  [[nodiscard]] constexpr const T& value() const {
    if (!engaged_) {
      detail::report_invalid("rnnparams::optional", "value() of an optional that holds None");
    }
    return value_;
  }
  /// The value, or `fallback` when there is none.
  [[nodiscard]] constexpr T value_or(T fallback) const noexcept { return engaged_ ? value_ : fallback; }
  /// Makes it None.
  constexpr void reset() noexcept { *this = optional{}; }

  /// Equal when both are None, or both hold equal values.
  friend constexpr bool operator==(const optional& a, const optional& b) noexcept {
    return a.engaged_ == b.engaged_ && (!a.engaged_ || a.value_ == b.value_);
  }
  friend constexpr bool operator==(const optional& a, std::nullopt_t /*none*/) noexcept {
    return !a.engaged_;
  }
  friend constexpr bool operator==(const optional& a, const T& b) noexcept {
    return a.engaged_ && a.value_ == b;
  }

private:
  T value_{};
  bool engaged_ = false;
};

} // namespace rnnparams
