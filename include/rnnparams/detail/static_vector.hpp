// rnnparams/detail/static_vector.hpp: a fixed-capacity vector usable in constant expressions.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/report.hpp>

#include <cstddef>
#include <initializer_list>
#include <string_view>

namespace rnnparams::detail {

/// Up to Capacity values of T, stored inline; T must be default-constructible.
template <class T, std::size_t Capacity>
class static_vector {
public:
  constexpr static_vector() = default;

  constexpr static_vector(std::initializer_list<T> values, std::string_view who) {
    if (values.size() > Capacity) {
      report_invalid(who, "too many entries for this fixed-capacity list"); // raise the capacity
    }
    for (const T& value : values) {
      items_[size_++] = value;
    }
  }

  constexpr void push_back(const T& value, std::string_view who) {
    if (size_ == Capacity) {
      report_invalid(who, "too many entries for this fixed-capacity list"); // raise the capacity
    }
    items_[size_++] = value;
  }
  /// Appends a default value and returns it, to be filled in place (no copy of a large T).
  constexpr T& emplace_back(std::string_view who) {
    if (size_ == Capacity) {
      report_invalid(who, "too many entries for this fixed-capacity list"); // raise the capacity
    }
    return items_[size_++]; // past size() every element is a default one (pop_back resets it)
  }
  constexpr void pop_back() noexcept { items_[--size_] = T{}; }

  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] static constexpr std::size_t capacity() noexcept { return Capacity; }

  constexpr const T& operator[](std::size_t i) const noexcept { return items_[i]; }
  constexpr T& operator[](std::size_t i) noexcept { return items_[i]; }
  constexpr const T& back() const noexcept { return items_[size_ - 1]; }
  constexpr T& back() noexcept { return items_[size_ - 1]; }

  constexpr const T* begin() const noexcept { return items_; }
  constexpr const T* end() const noexcept { return items_ + size_; }

  friend constexpr bool operator==(const static_vector& a, const static_vector& b) {
    if (a.size_ != b.size_) {
      return false;
    }
    for (std::size_t i = 0; i < a.size_; ++i) {
      if (!(a.items_[i] == b.items_[i])) {
        return false;
      }
    }
    return true;
  }

private:
  // A built-in array, not std::array: its subscript is not a function call, which Clang counts
  // against its constant-evaluation step limit.
  T items_[Capacity]{};
  std::size_t size_ = 0;
};

} // namespace rnnparams::detail
