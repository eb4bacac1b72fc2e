// tests/compile_fail/torch_batch_norm2d_on_vectors.fail.cpp: nn.BatchNorm2d(16) on (N, C) vectors, which
// need BatchNorm1d.
// Legal twin in control_torch.cpp: BatchNorm2d on (8, 16, 5, 5).
// SPDX-License-Identifier: MIT
// expect: ::BatchNorm2d.*expected 4D input|expected 4D input.*::BatchNorm2d
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::BatchNorm2d{.num_features = 16}.output_shape({8, 16}).rank() == 2);
