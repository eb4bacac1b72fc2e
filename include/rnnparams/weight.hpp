// rnnparams/weight.hpp: a layer's weight tensors, as a framework lists them.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/static_vector.hpp>
#include <rnnparams/shape.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

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
  /// Bidirectional(RNN(StackedRNNCells)) of four cells has the most: 2 · 4 · 3 (MultiHeadAttention with
  /// use_gate has ten).
  static constexpr std::size_t max_weights = 24;

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

namespace rnnparams::detail {

// A Keras layer describes its weights once, in `for_each_weight(input, out)`, which calls
// `out.add(name, trainable, dims...)` for each tensor in Keras's order. The sinks below turn that one
// description into the weight_list (weights()) or into the sums (count_params(), Sequential's totals),
// the latter without building a list: a long constant model stays within the compiler's step budget.

/// Sums the sizes: every tensor, and the trainable ones.
class weight_sums {
public:
  explicit constexpr weight_sums(std::string_view owner) noexcept : owner_{owner} {}

  template <class... Dims>
  constexpr void add(const char* name, bool trainable, Dims... dims) {
    add_in({}, name, trainable, dims...);
  }
  template <class... Dims>
  constexpr void add_in(std::string_view /*scope*/, const char* /*name*/, bool trainable, Dims... dims) {
    std::uint64_t size = 1;
    ((size = checked_mul(size, static_cast<std::uint64_t>(dims), owner_)), ...);
    all_ = checked_add(all_, size, owner_);
    trainable_ += trainable ? size : 0; // <= all_, so it cannot overflow
  }
  /// A tensor whose rank is known only at run time (MultiHeadAttention's output kernel).
  constexpr void add_tensor(std::string_view /*scope*/, const char* /*name*/, bool trainable,
                            const shape& dims) {
    const std::uint64_t size = dims.num_elements(owner_);
    all_ = checked_add(all_, size, owner_);
    trainable_ += trainable ? size : 0;
  }

  /// Keras's count_params() of the layer.
  [[nodiscard]] constexpr std::uint64_t all() const noexcept { return all_; }
  /// The trainable part.
  [[nodiscard]] constexpr std::uint64_t trainable() const noexcept { return trainable_; }

private:
  std::string_view owner_;
  std::uint64_t all_ = 0;
  std::uint64_t trainable_ = 0;
};

/// Collects the tensors into a weight_list.
class weight_collector {
public:
  explicit constexpr weight_collector(std::string_view owner) noexcept : list_{owner} {}

  template <class... Dims>
  constexpr void add(const char* name, bool trainable, Dims... dims) {
    add_in({}, name, trainable, dims...);
  }
  template <class... Dims>
  constexpr void add_in(std::string_view scope, const char* name, bool trainable, Dims... dims) {
    list_.push_back({name, shape{static_cast<std::uint64_t>(dims)...}, trainable, scope});
  }
  constexpr void add_tensor(std::string_view scope, const char* name, bool trainable, const shape& dims) {
    list_.push_back({name, dims, trainable, scope});
  }

  [[nodiscard]] constexpr const weight_list& list() const noexcept { return list_; }

private:
  weight_list list_;
};

/// A wrapper's scope around a wrapped layer's own: "forward" and "cells[1]" are "forward/cells[1]" (a
/// Bidirectional RNN of stacked cells); either alone is itself.
constexpr std::string_view nested_scope(std::string_view outer, std::string_view inner) noexcept {
  if (inner.empty() || outer.empty()) {
    return inner.empty() ? outer : inner;
  }
  constexpr std::string_view combined[] = {"forward/cells[0]",  "forward/cells[1]",  "forward/cells[2]",
                                           "forward/cells[3]",  "backward/cells[0]", "backward/cells[1]",
                                           "backward/cells[2]", "backward/cells[3]"};
  for (const std::string_view c : combined) {
    if (c.size() == outer.size() + 1 + inner.size() && c.substr(0, outer.size()) == outer &&
        c[outer.size()] == '/' && c.substr(outer.size() + 1) == inner) {
      return c;
    }
  }
  return inner;
}

/// Passes a wrapped layer's tensors on to `out`: in `scope` ("forward", "backward", around the wrapped
/// layer's own: nested_scope), and frozen when the wrapper is not trainable.
template <class Out>
class weight_wrapper {
public:
  constexpr weight_wrapper(Out& out, std::string_view scope, bool trainable) noexcept
      : out_{out}, scope_{scope}, trainable_{trainable} {}

  template <class... Dims>
  constexpr void add(const char* name, bool trainable, Dims... dims) {
    add_in({}, name, trainable, dims...);
  }
  template <class... Dims>
  constexpr void add_in(std::string_view scope, const char* name, bool trainable, Dims... dims) {
    out_.add_in(nested_scope(scope_, scope), name, trainable && trainable_, dims...);
  }
  constexpr void add_tensor(std::string_view scope, const char* name, bool trainable, const shape& dims) {
    out_.add_tensor(nested_scope(scope_, scope), name, trainable && trainable_, dims);
  }

private:
  Out& out_;
  std::string_view scope_;
  bool trainable_;
};

/// The weight_list of a layer that has for_each_weight.
template <class Layer, class Input>
constexpr weight_list keras_weights(const Layer& layer, const Input& input) {
  weight_collector out{Layer::who};
  layer.for_each_weight(input, out);
  return out.list();
}

/// The sums of a layer that has for_each_weight.
template <class Layer, class Input>
constexpr weight_sums keras_weight_sums(const Layer& layer, const Input& input) {
  weight_sums out{Layer::who};
  layer.for_each_weight(input, out);
  return out;
}

} // namespace rnnparams::detail
