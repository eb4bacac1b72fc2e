// tests/compile_fail/functional_graph_disconnected.fail.cpp: an output computed from an Input that is not
// one of the model's inputs (legal twin in control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: graph disconnected: an output depends on an Input that is not one of the model's inputs
// expect: finish|model
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;

constexpr auto model = [] {
  k::Functional f;
  const auto a = f.input({3});
  const auto b = f.input({3});
  const auto y = f(k::Dense{.units = 2}, b);
  return f.model({a}, {y});
}();
