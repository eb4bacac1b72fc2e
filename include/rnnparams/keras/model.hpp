// rnnparams/keras/model.hpp: a Keras Sequential model whose layers are known only at run time.
// SPDX-License-Identifier: MIT
#pragma once

// Kept out of <rnnparams/rnnparams.hpp>: it needs <vector>, which a TU that only checks models at compile
// time does not pay for.
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/errors.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/keras/sequential.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace rnnparams::detail {

/// A chain's lists on the heap (keras_chain's Store), growing as layers are added (keras::model): what
/// keras_chain and keras_stack use of a list, and truncate() for add()'s rollback; and the layers' own names.
struct keras_growing_store {
  template <class T>
  class list {
  public:
    list() = default;
    list(std::initializer_list<T> values) : items_{values} {}

    void push_back(const T& value) { items_.push_back(value); }
    /// Keeps the first n.
    void truncate(std::size_t n) { items_.resize(n); }

    [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }

    const T& operator[](std::size_t i) const noexcept { return items_[i]; }
    T& operator[](std::size_t i) noexcept { return items_[i]; }

  private:
    std::vector<T> items_;
  };

  using layers = list<keras::layer>;
  using shapes = list<shape>;
  /// Every layer's own name (Keras's name=), empty for an automatic one.
  class names : public list<fixed_string<63>> {
  public:
    [[nodiscard]] std::string_view of(std::size_t layer) const noexcept { return (*this)[layer].view(); }
  };
};

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// keras.Sequential with layers known at run time (read from a file, chosen in a loop): the same
/// checks and numbers as Sequential, reported by rnnparams::invalid_model and overflow_error.
class model : public rnnparams::detail::keras_stack<rnnparams::detail::keras_growing_store> {
public:
  /// `model{Input{3, 1}}` then add(), or all at once: `model{Input{3, 1}, {SimpleRNN{.units = 10}}}`.
  explicit model(const Input& input, const std::vector<layer>& layers = {}) : keras_stack{input.shape, {}} {
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
    const bool last_state_only = last_state_only_;
    const auto restore = [&] {
      layers_.truncate(layers);
      names_.truncate(layers);
      shapes_.truncate(layers + 1);
      last_state_only_ = last_state_only;
    };
    try {
      layers_.push_back(l);
      names_.push_back(rnnparams::detail::fixed_string<63>{name});
      shapes_.push_back(shape{}); // the slot of its output shape
    } catch (...) {               // out of memory: not added, nothing to name
      restore();
      throw;
    }
    try {
      check(layers + 1, l); // the new layer's position: 1 for the first after the Input
    } catch (...) {
      rethrow_at(layers + 1, restore);
    }
    return *this;
  }
};

} // namespace rnnparams::keras
