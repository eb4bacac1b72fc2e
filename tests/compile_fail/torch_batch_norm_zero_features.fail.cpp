// tests/compile_fail/torch_batch_norm_zero_features.fail.cpp: num_features = 0.
// Legal twin in control_torch.cpp: num_features = 10.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::BatchNorm1d.*num_features must be greater than zero|num_features must be greater than zero.*rnnparams::torch::BatchNorm1d
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::BatchNorm1d{.num_features = 0}.count_params() == 20);
