// rnnparams/int_tuple.hpp: a tuple of integers, as Keras takes Reshape's target_shape and Permute's dims.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/static_vector.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

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

} // namespace rnnparams
