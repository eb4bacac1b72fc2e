// tests/compile_fail/dropout_rate.fail.cpp: Dropout with a rate above 1 (legal twin in control_keras.cpp).
// SPDX-License-Identifier: MIT
// expect: rate must be between 0 and 1
// expect: (rnnparams::keras|k)::Dropout
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::Dropout{.rate = 1.5}.count_params({3}) == 0);
