// tests/compile_fail/negative_dimension.fail.cpp: a negative dimension in a shape (legal twin: 3).
// SPDX-License-Identifier: MIT
// expect: a dimension must be >= 0 or rnnparams::none
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::SimpleRNN{.units = 10}.count_params({-3, 1}) == 120);
