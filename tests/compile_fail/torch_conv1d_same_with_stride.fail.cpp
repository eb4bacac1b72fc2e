// tests/compile_fail/torch_conv1d_same_with_stride.fail.cpp: padding="same" with stride 2.
// Legal twin in control_torch.cpp: padding = "same" with stride 1.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::Conv1d.*padding='same' is not supported for strided convolutions|padding='same' is not supported for strided convolutions.*rnnparams::torch::Conv1d
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 5, .stride = 2, .padding = "same"}
                  .count_params() == 126);
