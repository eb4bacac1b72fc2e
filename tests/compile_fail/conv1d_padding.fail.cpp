// tests/compile_fail/conv1d_padding.fail.cpp: Conv1D with an unknown padding (legal twin in
// control_keras.cpp). SPDX-License-Identifier: MIT
// expect: padding must be ..?valid..?, ..?same..? or ..?causal
// expect: (rnnparams::keras|k)::Conv1D
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::Conv1D{.filters = 4, .kernel_size = 3, .padding = "full"}.count_params({10, 8}) > 0);
