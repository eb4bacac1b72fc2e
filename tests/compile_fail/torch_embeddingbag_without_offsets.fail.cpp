// tests/compile_fail/torch_embeddingbag_without_offsets.fail.cpp: nn.EmbeddingBag(1000, 64) on a 1-D input,
// which needs the offsets that nn.Sequential does not pass.
// Legal twin in control_torch.cpp: bags as a 2-D input (8, 20).
// SPDX-License-Identifier: MIT
// expect: ::EmbeddingBag.*offsets has to be a 1D Tensor but got None|offsets has to be a 1D Tensor but got None.*::EmbeddingBag
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::EmbeddingBag{.num_embeddings = 1000, .embedding_dim = 64}.output_shape({160}).rank() == 2);
