// rnnparams/torch/named_tensor.hpp: parameters and buffers as PyTorch's named_parameters() yields them.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/static_vector.hpp>
#include <rnnparams/shape.hpp>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rnnparams::torch {

/// A tensor's name ("weight_ih_l0_reverse"); converts to and compares with std::string_view.
using tensor_name = detail::fixed_string<63>;

/// One parameter or buffer: its name, shape and dtype, as module.named_parameters() lists it.
struct named_tensor {
  tensor_name name;
  rnnparams::shape shape;
  /// "float32" (parameters, running statistics) or "int64" (num_batches_tracked).
  std::string_view dtype = "float32";

  /// tensor.numel(): the product of the shape, 1 for a scalar.
  [[nodiscard]] constexpr std::uint64_t numel() const {
    return shape.num_elements("rnnparams::torch::named_tensor");
  }

  friend constexpr bool operator==(const named_tensor&, const named_tensor&) = default;
};

/// named_parameters() or named_buffers(): a random-access range computing entry i on demand, so a
/// module of any num_layers needs no storage. Usable in constant expressions and in range-for.
template <class Source>
class tensor_list {
public:
  /// A random-access iterator whose operator* returns the entry by value. It declares no iterator
  /// tags, which would need <iterator>: std::iterator_traits derives them from its operations, a
  /// std::random_access_iterator and a legacy input iterator (operator* returns no reference).
  class iterator {
  public:
    using value_type = named_tensor;
    using difference_type = std::int64_t;

    constexpr iterator() = default;
    constexpr iterator(const Source& source, std::uint64_t index) : source_{source}, index_{index} {}

    constexpr named_tensor operator*() const { return source_.at(index_); }
    constexpr named_tensor operator[](difference_type n) const { return *(*this + n); }

    constexpr iterator& operator++() noexcept {
      ++index_;
      return *this;
    }
    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++index_;
      return old;
    }
    constexpr iterator& operator--() noexcept {
      --index_;
      return *this;
    }
    constexpr iterator operator--(int) noexcept {
      iterator old = *this;
      --index_;
      return old;
    }
    constexpr iterator& operator+=(difference_type n) noexcept {
      index_ += static_cast<std::uint64_t>(n);
      return *this;
    }
    constexpr iterator& operator-=(difference_type n) noexcept {
      index_ -= static_cast<std::uint64_t>(n);
      return *this;
    }

    friend constexpr iterator operator+(iterator i, difference_type n) noexcept { return i += n; }
    friend constexpr iterator operator+(difference_type n, iterator i) noexcept { return i += n; }
    friend constexpr iterator operator-(iterator i, difference_type n) noexcept { return i -= n; }
    friend constexpr difference_type operator-(const iterator& a, const iterator& b) noexcept {
      return static_cast<difference_type>(a.index_ - b.index_);
    }
    friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept {
      return a.index_ == b.index_;
    }
    friend constexpr std::strong_ordering operator<=>(const iterator& a, const iterator& b) noexcept {
      return a.index_ <=> b.index_;
    }

  private:
    Source source_{};
    std::uint64_t index_ = 0;
  };

  constexpr explicit tensor_list(const Source& source) : source_{source} {}

  /// The number of tensors.
  [[nodiscard]] constexpr std::uint64_t size() const { return source_.size(); }
  [[nodiscard]] constexpr bool empty() const { return size() == 0; }
  /// Entry i, for i < size().
  constexpr named_tensor operator[](std::uint64_t i) const { return source_.at(i); }
  constexpr iterator begin() const { return iterator{source_, 0}; }
  constexpr iterator end() const { return iterator{source_, size()}; }

  /// The sum of numel() over the entries, one by one (an overflow error if it exceeds std::uint64_t).
  [[nodiscard]] constexpr std::uint64_t numel() const {
    std::uint64_t total = 0;
    for (std::uint64_t i = 0; i < size(); ++i) {
      total = detail::checked_add(total, source_.at(i).shape.num_elements(source_.who), source_.who);
    }
    return total;
  }

private:
  Source source_;
};

} // namespace rnnparams::torch

namespace rnnparams::detail {

/// The Source of a tensor_list for modules with a short fixed list (Linear, Conv1d, BatchNorm1d, ...).
struct torch_tensor_array {
  std::string_view who;
  static_vector<torch::named_tensor, 3> items;

  constexpr torch_tensor_array& add(std::string_view name, const shape& s,
                                    std::string_view dtype = "float32") {
    items.push_back(torch::named_tensor{torch::tensor_name{name}, s, dtype}, who);
    return *this;
  }
  [[nodiscard]] constexpr std::uint64_t size() const noexcept { return items.size(); }
  [[nodiscard]] constexpr torch::named_tensor at(std::uint64_t i) const noexcept {
    return items[static_cast<std::size_t>(i)];
  }
};

} // namespace rnnparams::detail

namespace rnnparams::torch {

/// What named_parameters() and named_buffers() return for modules with a fixed list of tensors.
using fixed_tensor_list = tensor_list<detail::torch_tensor_array>;

} // namespace rnnparams::torch
