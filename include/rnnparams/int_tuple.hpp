// rnnparams/int_tuple.hpp: tuples of integers: Reshape's target_shape and Permute's dims (int_tuple), and
// the per-axis sizes of a window over several axes (fixed_ints, int_pair).
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/static_vector.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <type_traits>

namespace rnnparams {

/// Up to 8 integers, negative ones included: `{3, -1}` is Python's (3, -1).
class int_tuple {
public:
  static constexpr std::size_t max_size = 8;

  constexpr int_tuple() = default;
  constexpr int_tuple(std::initializer_list<std::int64_t> values) : items_{values, class_who} {}

  [[nodiscard]] constexpr std::size_t size() const noexcept { return items_.size(); }
  constexpr std::int64_t operator[](std::size_t i) const noexcept { return items_[i]; }
  constexpr const std::int64_t* begin() const noexcept { return items_.begin(); }
  constexpr const std::int64_t* end() const noexcept { return items_.end(); }

  /// Appends one integer.
  constexpr int_tuple& push_back(std::int64_t value) {
    items_.push_back(value, class_who);
    return *this;
  }

  friend constexpr bool operator==(const int_tuple&, const int_tuple&) = default;

private:
  static constexpr std::string_view class_who = "rnnparams::int_tuple";
  detail::static_vector<std::int64_t, max_size> items_;
};

/// N integers, one for each spatial axis, as PyTorch's `_pair` and Keras's `normalize_tuple` take a
/// window's sizes: one integer stands for N equal ones (`.kernel_size = 3` is (3, 3)), and `{3, 5}`
/// gives each axis its own.
template <std::size_t N>
class fixed_ints {
  static_assert(N >= 1 && N <= 3, "rnnparams::fixed_ints: 1, 2 or 3 spatial axes");

public:
  /// Zeros.
  constexpr fixed_ints() noexcept = default;
  /// The same integer on every axis.
  constexpr fixed_ints(std::int64_t all) noexcept { // NOLINT(google-explicit-constructor): `= 3`
    for (std::int64_t& v : values_) {
      v = all;
    }
  }
  /// One integer per axis: `{3, 5}`.
  template <class... T>
    requires(N > 1 && sizeof...(T) == N && ((std::is_integral_v<T> && !std::is_same_v<T, bool>) && ...))
  constexpr fixed_ints(T... values) noexcept : values_{static_cast<std::int64_t>(values)...} {}

  [[nodiscard]] static constexpr std::size_t size() noexcept { return N; }
  constexpr std::int64_t operator[](std::size_t i) const noexcept { return values_[i]; }
  constexpr const std::int64_t* begin() const noexcept { return values_; }
  constexpr const std::int64_t* end() const noexcept { return values_ + N; }

  friend constexpr bool operator==(const fixed_ints&, const fixed_ints&) = default;

private:
  std::int64_t values_[N] = {};
};

/// A 2-D window's sizes: `3` or `{3, 5}`.
using int_pair = fixed_ints<2>;

} // namespace rnnparams
