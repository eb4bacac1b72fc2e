// tests/compile_fail/conv1d_filters_groups.fail.cpp: Conv1D whose filters are not divisible by groups (legal
// twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: filters must be divisible by groups
// expect: (rnnparams::keras|k)::Conv1D
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::Conv1D{.filters = 6, .kernel_size = 3, .groups = 4}.count_params({10, 8}) > 0);
