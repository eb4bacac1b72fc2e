// tests/compile_fail/seq_conv1d_too_short.fail.cpp: Conv1D with padding="valid" on an input shorter than its
// kernel (legal twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: computed output size would be zero or negative
// expect: step<1(UL)?, rnnparams::keras::Conv1D, 0|check\(1,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{2, 4}, k::Conv1D{.filters = 8, .kernel_size = 5}};
