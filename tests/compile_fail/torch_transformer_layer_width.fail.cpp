// tests/compile_fail/torch_transformer_layer_width.fail.cpp: nn.TransformerEncoderLayer(16, 4) run on
// (S, N, E) = (5, 3, 8), whose embedding is not d_model. Legal twin in control_torch.cpp: (5, 3, 16).
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::MultiheadAttention.*was expecting embedding dimension of embed_dim|was expecting embedding dimension of embed_dim.*rnnparams::torch::MultiheadAttention
// expect: TransformerEncoderLayer
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::TransformerEncoderLayer{.d_model = 16, .nhead = 4}.output_shape({5, 3, 8}).rank() == 3);
