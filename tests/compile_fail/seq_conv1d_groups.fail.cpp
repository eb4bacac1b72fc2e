// tests/compile_fail/seq_conv1d_groups.fail.cpp: Conv1D whose input channels are not divisible by groups
// (legal twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: channels must be divisible by groups
// expect: step<1(UL)?, rnnparams::keras::Conv1D, 0|check\(1,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{10, 6}, k::Conv1D{.filters = 8, .kernel_size = 3, .groups = 4}};
