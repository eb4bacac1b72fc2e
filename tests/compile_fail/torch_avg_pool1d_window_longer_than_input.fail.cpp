// tests/compile_fail/torch_avg_pool1d_window_longer_than_input.fail.cpp: nn.AvgPool1d(10) on a length of 9.
// Legal twin in control_torch.cpp: kernel_size = 9.
// SPDX-License-Identifier: MIT
// expect: ::AvgPool1d.*Output size is too small|Output size is too small.*::AvgPool1d
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::AvgPool1d{.kernel_size = 10}.output_shape({1, 4, 9}).rank() == 3);
