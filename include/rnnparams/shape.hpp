// rnnparams/shape.hpp: tensor shapes without the batch axis, where a dimension may be unknown.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/static_vector.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace rnnparams {

/// The type of rnnparams::none, an unknown dimension (Keras's None).
struct none_t {
  explicit constexpr none_t(int /*tag*/) noexcept {}
};

/// An unknown dimension, printed as None: `shape{rnnparams::none, 8}` is Keras's (None, 8).
inline constexpr none_t none{0};

/// A signed or unsigned integer type other than bool.
template <class T>
concept integer = std::integral<T> && !std::same_as<std::remove_cv_t<T>, bool>;

/// One dimension of a shape: a non-negative size, or unknown (rnnparams::none).
class dim {
public:
  constexpr dim() noexcept = default;
  constexpr dim(none_t /*unknown*/) noexcept : value_{unknown} {}

  template <integer T>
  constexpr dim(T size) : value_{static_cast<std::uint64_t>(size)} {
    if constexpr (std::signed_integral<T>) {
      if (size < 0) {
        detail::report_invalid("rnnparams::dim", "a dimension must be >= 0 or rnnparams::none");
      }
    }
    if (value_ == unknown) {
      detail::report_invalid("rnnparams::dim", "a dimension must be < 2^64 - 1");
    }
  }

  /// True unless the dimension is None.
  [[nodiscard]] constexpr bool known() const noexcept { return value_ != unknown; }

  /// The size; only meaningful when known().
  [[nodiscard]] constexpr std::uint64_t value() const noexcept { return value_; }

  friend constexpr bool operator==(dim, dim) noexcept = default;

private:
  static constexpr std::uint64_t unknown = detail::max_count;
  std::uint64_t value_ = 0;
};

/// A tensor shape without the batch axis, rank 0 to 8: `shape{3, 1}` is Keras's input_shape=(3, 1).
class shape {
public:
  static constexpr std::size_t max_rank = 8;

  constexpr shape() = default;
  constexpr shape(std::initializer_list<dim> dims) : dims_{dims, class_who} {}

  [[nodiscard]] constexpr std::size_t rank() const noexcept { return dims_.size(); }
  constexpr dim operator[](std::size_t axis) const noexcept { return dims_[axis]; }
  /// The last axis (features, channels); rank() must be at least 1.
  [[nodiscard]] constexpr dim back() const noexcept { return dims_.back(); }
  constexpr const dim* begin() const noexcept { return dims_.begin(); }
  constexpr const dim* end() const noexcept { return dims_.end(); }

  /// Appends one axis.
  constexpr shape& push_back(dim d) {
    dims_.push_back(d, class_who);
    return *this;
  }
  /// Removes the last axis; rank() must be at least 1.
  constexpr shape& pop_back() noexcept {
    dims_.pop_back();
    return *this;
  }
  /// This shape with its last axis replaced by d; rank() must be at least 1.
  [[nodiscard]] constexpr shape with_back(dim d) const noexcept {
    shape result = *this;
    result.dims_.back() = d;
    return result;
  }

  /// True when every dimension is known.
  [[nodiscard]] constexpr bool fully_known() const noexcept {
    for (dim d : dims_) {
      if (!d.known()) {
        return false;
      }
    }
    return true;
  }

  /// The number of elements (1 for rank 0); every dimension must be known.
  [[nodiscard]] constexpr std::uint64_t num_elements(std::string_view who) const {
    std::uint64_t n = 1;
    for (dim d : dims_) {
      if (!d.known()) {
        detail::report_invalid(who, "the number of elements of a shape with a None dimension is unknown");
      }
      n = detail::checked_mul(n, d.value(), who);
    }
    return n;
  }

  friend constexpr bool operator==(const shape&, const shape&) = default;

private:
  static constexpr std::string_view class_who = "rnnparams::shape";
  detail::static_vector<dim, max_rank> dims_;
};

} // namespace rnnparams
