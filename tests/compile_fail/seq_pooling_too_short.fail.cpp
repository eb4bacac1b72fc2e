// tests/compile_fail/seq_pooling_too_short.fail.cpp: MaxPooling1D with a pool longer than its input (legal
// twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: computed output size would be zero or negative
// expect: step<1(UL)?, rnnparams::keras::MaxPooling1D, 0|check\(1,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{3, 4}, k::MaxPooling1D{.pool_size = 4}};
