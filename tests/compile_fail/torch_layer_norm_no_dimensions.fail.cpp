// tests/compile_fail/torch_layer_norm_no_dimensions.fail.cpp: an empty normalized_shape.
// Legal twin in control_torch.cpp: normalized_shape = {10}.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::LayerNorm.*Expected normalized_shape to be at least 1-dimensional|Expected normalized_shape to be at least 1-dimensional.*rnnparams::torch::LayerNorm
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::LayerNorm{.normalized_shape = {}}.count_params() == 20);
