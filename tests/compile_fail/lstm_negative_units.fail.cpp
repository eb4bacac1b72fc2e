// tests/compile_fail/lstm_negative_units.fail.cpp: negative units (legal twin: units = 10).
// SPDX-License-Identifier: MIT
// expect: rnnparams::keras::LSTM.*units must be a positive integer|units must be a positive integer.*rnnparams::keras::LSTM
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::LSTM{.units = -5}.count_params({3, 1}) == 480);
