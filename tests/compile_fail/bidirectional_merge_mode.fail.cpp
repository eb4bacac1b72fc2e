// tests/compile_fail/bidirectional_merge_mode.fail.cpp: Bidirectional with an unknown merge_mode (legal twin
// in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: merge_mode must be
// expect: (rnnparams::keras|k)::Bidirectional
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::Bidirectional{.layer = k::LSTM{.units = 4}, .merge_mode = "max"}.count_params({3, 1}) > 0);
