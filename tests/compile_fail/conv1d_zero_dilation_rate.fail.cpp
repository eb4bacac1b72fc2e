// tests/compile_fail/conv1d_zero_dilation_rate.fail.cpp: Conv1D with dilation_rate = 0; the message must be
// on the line the compilers quote (legal twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: dilation_rate must be a positive integer
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::Conv1D{.filters = 4, .kernel_size = 3, .dilation_rate = 0}.count_params({10, 8}) > 0);
