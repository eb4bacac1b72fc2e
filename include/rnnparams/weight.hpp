// rnnparams/weight.hpp: a layer's weight tensors, as a framework lists them.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/static_vector.hpp>
#include <rnnparams/shape.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace rnnparams {

/// One weight tensor: Keras's `weight.name` and `weight.shape`, and whether it is trainable.
struct weight {
  std::string_view name;
  rnnparams::shape shape;
  bool trainable = true;
  /// Which copy of a wrapped layer holds it ("forward", "backward"), or empty.
  std::string_view scope = {};

  /// The number of scalars in the tensor.
  [[nodiscard]] constexpr std::uint64_t size() const { return shape.num_elements(name); }

  friend constexpr bool operator==(const weight&, const weight&) = default;
};

/// A layer's weights in the framework's order, with the counts derived from them.
class weight_list {
public:
  static constexpr std::size_t max_weights = 8;

  constexpr weight_list() = default;
  /// `owner` names the layer in error messages ("rnnparams::keras::LSTM").
  explicit constexpr weight_list(std::string_view owner) noexcept : owner_{owner} {}

  constexpr void push_back(const weight& w) { items_.push_back(w, owner_); }

  [[nodiscard]] constexpr std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] constexpr bool empty() const noexcept { return items_.empty(); }
  constexpr const weight& operator[](std::size_t i) const noexcept { return items_[i]; }
  constexpr const weight* begin() const noexcept { return items_.begin(); }
  constexpr const weight* end() const noexcept { return items_.end(); }

  /// The sum of all sizes: Keras's count_params().
  [[nodiscard]] constexpr std::uint64_t count() const { return sum(true, true); }
  /// The sum of the trainable weights' sizes.
  [[nodiscard]] constexpr std::uint64_t trainable_count() const { return sum(true, false); }
  /// The sum of the non-trainable weights' sizes.
  [[nodiscard]] constexpr std::uint64_t non_trainable_count() const { return sum(false, true); }

  /// count() and trainable_count() in one pass.
  [[nodiscard]] constexpr std::pair<std::uint64_t, std::uint64_t> counts() const {
    std::uint64_t all = 0;
    std::uint64_t trainable = 0;
    for (const weight& w : items_) {
      const std::uint64_t n = w.shape.num_elements(owner_);
      all = detail::checked_add(all, n, owner_);
      trainable += w.trainable ? n : 0; // <= all, so it cannot overflow
    }
    return {all, trainable};
  }

  friend constexpr bool operator==(const weight_list& a, const weight_list& b) {
    return a.items_ == b.items_;
  }

private:
  [[nodiscard]] constexpr std::uint64_t sum(bool trainable, bool non_trainable) const {
    std::uint64_t total = 0;
    for (const weight& w : items_) {
      if (w.trainable ? trainable : non_trainable) {
        total = detail::checked_add(total, w.shape.num_elements(owner_), owner_);
      }
    }
    return total;
  }

  std::string_view owner_;
  detail::static_vector<weight, max_weights> items_;
};

} // namespace rnnparams
