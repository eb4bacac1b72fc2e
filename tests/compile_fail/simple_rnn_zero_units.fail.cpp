// tests/compile_fail/simple_rnn_zero_units.fail.cpp: units = 0 (legal twin in control.cpp: units = 10).
// SPDX-License-Identifier: MIT
// expect: rnnparams::keras::SimpleRNN
// expect: units must be a positive integer
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::SimpleRNN{.units = 0}.count_params({3, 1}) == 120);
