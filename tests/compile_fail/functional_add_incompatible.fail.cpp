// tests/compile_fail/functional_add_incompatible.fail.cpp: a residual Add of (10, 64) and (10, 32),
// which do not broadcast (legal twin in control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: Inputs have incompatible shapes
// expect: (rnnparams::keras::|k::)Add
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;

constexpr auto model = [] {
  k::Functional f;
  const auto x = f.input({10, 64});
  const auto y = f(k::LSTM{.units = 32, .return_sequences = true}, x);
  const auto z = f(k::Add{}, {x, y});
  return f.model({x}, {z});
}();
