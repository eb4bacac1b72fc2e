// tests/compile_fail/functional_initial_state_size.fail.cpp: an LSTM started from [h] alone (legal twin in
// control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: initial_state must hold one tensor per state
// expect: (rnnparams::keras::|k::)LSTM
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;

constexpr auto model = [] {
  k::Functional f;
  const auto x = f.input({5, 3});
  const auto encoder = f(k::LSTM{.units = 4, .return_state = true}, x);
  const auto decoder = f(k::LSTM{.units = 4}, x, k::initial_state{encoder[1]});
  return f.model({x}, {decoder});
}();
