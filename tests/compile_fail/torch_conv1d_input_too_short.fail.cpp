// tests/compile_fail/torch_conv1d_input_too_short.fail.cpp: an input shorter than the kernel.
// Legal twin in control_torch.cpp: length 3.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::Conv1d.*Kernel size can't be greater than actual input size|Kernel size can't be greater than actual input size.*rnnparams::torch::Conv1d
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 3}.output_length(2) == 1);
