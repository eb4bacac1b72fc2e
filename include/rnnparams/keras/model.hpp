// rnnparams/keras/model.hpp: a Keras Sequential model whose layers are known only at run time.
// SPDX-License-Identifier: MIT
#pragma once

// Kept out of <rnnparams/rnnparams.hpp>: it needs <vector> and <string>, which a TU that only checks
// models at compile time does not pay for.
#include <rnnparams/errors.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/keras/sequential.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rnnparams::keras {

namespace detail {
/// The layers' own names in a keras::model ("" for an automatic name).
struct given_names {
  std::vector<std::string> names;
  [[nodiscard]] std::string_view name_of(std::size_t i) const noexcept {
    return i < names.size() ? std::string_view{names[i]} : std::string_view{};
  }
};
} // namespace detail

/// keras.Sequential with layers known at run time (read from a file, chosen in a loop): the same
/// checks and numbers as Sequential, reported by rnnparams::invalid_model and overflow_error.
class model
    : public rnnparams::detail::keras_stack<std::vector<layer>, std::vector<shape>, detail::given_names> {
public:
  /// `model{Input{3, 1}}` then add(), or all at once: `model{Input{3, 1}, {SimpleRNN{.units = 10}}}`.
  explicit model(const Input& input, const std::vector<layer>& layers = {}) {
    this->shapes_.push_back(input.shape);
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
    this->layers_.push_back(l);
    this->shapes_.emplace_back();
    this->names_.names.emplace_back(name);
    try {
      this->check(this->layers_.size(), this->layers_.back());
    } catch (...) {
      this->rethrow_at(this->layers_.size(), [this] {
        this->layers_.pop_back();
        this->shapes_.pop_back();
        this->names_.names.pop_back();
      });
    }
    return *this;
  }
};

} // namespace rnnparams::keras
