// tests/compile_fail/functional_concatenate_mismatch.fail.cpp: (None, 3) concatenated with (None, 5, 2)
// (legal twin in control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: requires inputs with matching shapes except for the concatenation axis
// expect: (rnnparams::keras::|k::)Concatenate
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;

constexpr auto model = [] {
  k::Functional f;
  const auto a = f.input({3});
  const auto b = f.input({5, 2});
  const auto c = f(k::Concatenate{}, {a, b});
  return f.model({a, b}, {c});
}();
