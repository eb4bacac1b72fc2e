// rnnparams/keras/model.hpp: a Keras Sequential model whose layers are known only at run time.
// SPDX-License-Identifier: MIT
#pragma once

// Kept out of <rnnparams/rnnparams.hpp>: it needs <vector>, which a TU that only checks models at compile
// time does not pay for.
#include <rnnparams/errors.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/keras/sequential.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace rnnparams::detail {

/// A graph's lists on the heap, growing as layers are added (keras::model): what keras_graph and
/// keras_stack use of a list, and truncate() for add()'s rollback.
struct keras_growing_store {
  using call = keras_graph_call<1, 1>; // a chain's call: one input, one output
  template <class T>
  class type {
  public:
    type() = default;
    template <class... Args>
    explicit type(std::in_place_t /*tag*/, const Args&... args) {
      (items_.emplace_back(args), ...);
    }

    void push_back(const T& value, std::string_view /*who*/) { items_.push_back(value); }
    T& emplace_back(std::string_view /*who*/) { return items_.emplace_back(); }
    /// Keeps the first n.
    void truncate(std::size_t n) { items_.resize(n); }

    [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
    [[nodiscard]] static constexpr std::size_t capacity() noexcept { return ~std::size_t{0}; }

    const T& operator[](std::size_t i) const noexcept { return items_[i]; }
    T& operator[](std::size_t i) noexcept { return items_[i]; }

  private:
    std::vector<T> items_;
  };
};

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// keras.Sequential with layers known at run time (read from a file, chosen in a loop): the same
/// checks and numbers as Sequential, reported by rnnparams::invalid_model and overflow_error.
class model : public rnnparams::detail::keras_stack<rnnparams::detail::keras_growing_store> {
public:
  /// `model{Input{3, 1}}` then add(), or all at once: `model{Input{3, 1}, {SimpleRNN{.units = 10}}}`.
  explicit model(const Input& input, const std::vector<layer>& layers = {}) : keras_stack{input.shape} {
    for (const layer& l : layers) {
      add(l);
    }
  }

  /// Keras's model.add(layer): appends a layer, checked against the current output shape. `name` is
  /// Keras's name= (at most 63 characters); empty gives the automatic name.
  model& add(const layer& l, std::string_view name = {}) {
    if (name.size() > 63) {
      throw invalid_model("rnnparams::keras::model: a layer name has at most 63 characters");
    }
    const std::size_t layers = layers_.size();
    const std::size_t calls = calls_.size();
    const bool last_state_only = last_state_only_;
    try {
      // the new layer's position is the number of layers before it, Input included
      check(add_layer_of(l, name), l);
    } catch (...) {
      const auto restore = [&] {
        layers_.truncate(layers);
        calls_.truncate(calls);
        last_state_only_ = last_state_only;
      };
      if (layers_.size() == layers) { // it was not added: nothing to name
        restore();
        throw;
      }
      rethrow_at(layers, restore);
    }
    return *this;
  }
};

} // namespace rnnparams::keras
