// tests/compile_fail/torch_from_pretrained_3d.fail.cpp: nn.Embedding.from_pretrained(torch.zeros(10, 3, 2)),
// embeddings that are not a matrix.
// Legal twin in control_torch.cpp: embeddings (10, 3).
// SPDX-License-Identifier: MIT
// expect: ::Embedding.*Embeddings parameter is expected to be 2-dimensional|Embeddings parameter is expected to be 2-dimensional.*::Embedding
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::Embedding::from_pretrained({10, 3, 2}).count_params() == 60);
