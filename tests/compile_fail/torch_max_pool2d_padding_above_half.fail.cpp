// tests/compile_fail/torch_max_pool2d_padding_above_half.fail.cpp: nn.MaxPool2d(2, padding=2), whose padding
// is more than half its window on each axis.
// Legal twin in control_torch.cpp: padding = 1.
// SPDX-License-Identifier: MIT
// expect: ::MaxPool2d.*pad should be at most half of kernel size|pad should be at most half of kernel size.*::MaxPool2d
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::MaxPool2d{.kernel_size = 2, .padding = 2}.output_shape({8, 32, 28, 28}).rank() == 4);
