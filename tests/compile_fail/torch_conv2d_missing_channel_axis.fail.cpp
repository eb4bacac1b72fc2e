// tests/compile_fail/torch_conv2d_missing_channel_axis.fail.cpp: nn.Conv2d(1, 32, 3) on MNIST-like images
// (8, 28, 28) that lack their channel axis, which PyTorch reads as one unbatched image of 8 channels.
// Legal twin in control_torch.cpp: the input (8, 1, 28, 28).
// SPDX-License-Identifier: MIT
// expect: ::Conv2d.*expected the input to have in_channels channels|expected the input to have in_channels channels.*::Conv2d
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(
    t::Conv2d{.in_channels = 1, .out_channels = 32, .kernel_size = 3}.output_shape({8, 28, 28}).rank() == 4);
