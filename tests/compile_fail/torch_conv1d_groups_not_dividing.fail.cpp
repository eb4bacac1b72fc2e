// tests/compile_fail/torch_conv1d_groups_not_dividing.fail.cpp: groups that do not divide in_channels.
// Legal twin in control_torch.cpp: groups = 4.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::Conv1d.*in_channels must be divisible by groups|in_channels must be divisible by groups.*rnnparams::torch::Conv1d
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(
    t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3, .groups = 3}.count_params() == 416);
