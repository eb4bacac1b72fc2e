// tests/compile_fail/dense_zero_units.fail.cpp: Dense with units = 0 (legal twin: units = 1).
// SPDX-License-Identifier: MIT
// expect: rnnparams::keras::Dense
// expect: units must be a positive integer
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::Dense{.units = 0}.count_params({10}) == 11);
