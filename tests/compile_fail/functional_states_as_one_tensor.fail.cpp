// tests/compile_fail/functional_states_as_one_tensor.fail.cpp: [output, h, c] passed on as one tensor
// (legal twin in control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: returns several tensors with return_state=True
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;

constexpr auto model = [] {
  k::Functional f;
  const auto x = f.input({5, 3});
  const auto y = f(k::Dense{.units = 2}, f(k::LSTM{.units = 4, .return_state = true}, x));
  return f.model({x}, {y});
}();
