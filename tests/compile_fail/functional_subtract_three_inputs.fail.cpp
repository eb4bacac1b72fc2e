// tests/compile_fail/functional_subtract_three_inputs.fail.cpp: Subtract of three tensors (legal twin in
// control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: should be called on exactly 2 inputs
// expect: (rnnparams::keras::|k::)Subtract
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;

constexpr auto model = [] {
  k::Functional f;
  const auto a = f.input({4});
  const auto b = f.input({4});
  const auto c = f.input({4});
  const auto d = f(k::Subtract{}, {a, b, c});
  return f.model({a, b, c}, {d});
}();
