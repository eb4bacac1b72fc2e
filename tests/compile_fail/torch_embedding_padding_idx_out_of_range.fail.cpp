// tests/compile_fail/torch_embedding_padding_idx_out_of_range.fail.cpp: padding_idx = num_embeddings.
// Legal twin in control_torch.cpp: padding_idx = -10.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::Embedding.*Padding_idx must be within num_embeddings|Padding_idx must be within num_embeddings.*rnnparams::torch::Embedding
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::Embedding{.num_embeddings = 10, .embedding_dim = 3, .padding_idx = 10}.count_params() == 30);
