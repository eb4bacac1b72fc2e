// tests/compile_fail/torch_max_pool1d_zero_kernel_size.fail.cpp: nn.MaxPool1d(0).
// Legal twin in control_torch.cpp: kernel_size = 3.
// SPDX-License-Identifier: MIT
// expect: ::MaxPool1d.*kernel_size must be greater than zero|kernel_size must be greater than zero.*::MaxPool1d
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::MaxPool1d{.kernel_size = 0}.output_shape({1, 4, 9}).rank() == 3);
