// tests/compile_fail/dense_scalar_input.fail.cpp: Dense on a rank-0 input (legal twin: {10}).
// SPDX-License-Identifier: MIT
// expect: expects an input of rank >= 1
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::Dense{.units = 1}.count_params({}) == 11);
