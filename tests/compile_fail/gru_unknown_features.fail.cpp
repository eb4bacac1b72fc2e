// tests/compile_fail/gru_unknown_features.fail.cpp: an input whose features are None (legal twin: 1 feature).
// SPDX-License-Identifier: MIT
// expect: features\) must be known
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::GRU{.units = 10}.count_params({3, rnnparams::none}) == 390);
