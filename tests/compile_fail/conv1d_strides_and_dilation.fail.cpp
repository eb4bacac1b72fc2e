// tests/compile_fail/conv1d_strides_and_dilation.fail.cpp: Conv1D with strides > 1 and dilation_rate > 1
// (legal twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: strides > 1 is not supported together with dilation_rate > 1
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(
    k::Conv1D{.filters = 4, .kernel_size = 3, .strides = 2, .dilation_rate = 2}.count_params({10, 8}) > 0);
