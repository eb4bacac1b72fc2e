// tests/compile_fail/gru_zero_features.fail.cpp: an input with 0 features (legal twin: 1 feature).
// SPDX-License-Identifier: MIT
// expect: features\) must be > 0
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::GRU{.units = 10}.count_params({3, 0}) == 390);
