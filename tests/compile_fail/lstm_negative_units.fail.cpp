// tests/compile_fail/lstm_negative_units.fail.cpp: negative units (legal twin: units = 10).
// SPDX-License-Identifier: MIT
// expect: rnnparams::keras::LSTM
// expect: units must be a positive integer
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::LSTM{.units = -5}.count_params({3, 1}) == 480);
