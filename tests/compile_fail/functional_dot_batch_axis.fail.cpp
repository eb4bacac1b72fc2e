// tests/compile_fail/functional_dot_batch_axis.fail.cpp: Dot over axis 0, the batch axis (legal twin in
// control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: cannot take the dot product over the batch axis
// expect: (rnnparams::keras::|k::)Dot
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;

constexpr auto model = [] {
  k::Functional f;
  const auto a = f.input({8});
  const auto b = f.input({8});
  const auto d = f(k::Dot{.axes = {0}}, {a, b});
  return f.model({a, b}, {d});
}();
