// tests/compile_fail/torch_transformer_activation.fail.cpp: nn.TransformerEncoderLayer(16, 4,
// activation="tanh"), a name _get_activation_fn does not know. Legal twin in control_torch.cpp:
// activation="gelu".
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::TransformerEncoderLayer.*activation should be relu/gelu|activation should be relu/gelu.*rnnparams::torch::TransformerEncoderLayer
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::TransformerEncoderLayer{.d_model = 16, .nhead = 4, .activation = "tanh"}.count_params() > 0);
