// tests/compile_fail/functional_initial_state_shape.fail.cpp: a GRU of 5 units started from an LSTM's
// 4-unit state (legal twin in control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: an initial_state tensor must have the shape of the layer's state
// expect: (rnnparams::keras::|k::)GRU
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;

constexpr auto model = [] {
  k::Functional f;
  const auto x = f.input({5, 3});
  const auto encoder = f(k::LSTM{.units = 4, .return_state = true}, x);
  const auto decoder = f(k::GRU{.units = 5}, x, k::initial_state{encoder[1]});
  return f.model({x}, {decoder});
}();
