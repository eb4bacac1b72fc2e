// tests/compile_fail/seq_return_state.fail.cpp: a Sequential model's LSTM with return_state=True (legal twin
// in control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: return_state=True returns the states as extra outputs, which a Sequential model cannot pass on
// expect: (rnnparams::keras::|k::)LSTM
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{5, 3}, k::LSTM{.units = 4, .return_state = true}};
