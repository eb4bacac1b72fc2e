// tests/compile_fail/torch_linear_missing_in_features.fail.cpp: Linear without in_features.
// Legal twin in control_torch.cpp: in_features = 10.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::Linear.*in_features must be given|in_features must be given.*rnnparams::torch::Linear
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::Linear{.out_features = 1}.count_params() == 11);
