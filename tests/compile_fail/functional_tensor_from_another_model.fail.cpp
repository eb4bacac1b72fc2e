// tests/compile_fail/functional_tensor_from_another_model.fail.cpp: a Dense called on another model's
// Input (legal twin in control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: a tensor from another model
// expect: (rnnparams::keras::|k::)Dense
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;

constexpr auto model = [] {
  k::Functional f;
  k::Functional other;
  const auto x = f.input({3});
  const auto y = f(k::Dense{.units = 2}, other.input({3}));
  return f.model({x}, {y});
}();
