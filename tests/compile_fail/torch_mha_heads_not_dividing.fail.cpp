// tests/compile_fail/torch_mha_heads_not_dividing.fail.cpp: nn.MultiheadAttention(10, 3), an embed_dim that
// does not split into num_heads heads. Legal twin in control_torch.cpp: MultiheadAttention(12, 3).
// SPDX-License-Identifier: MIT
// expect: embed_dim must be divisible by num_heads
// expect: MultiheadAttention
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::MultiheadAttention{.embed_dim = 10, .num_heads = 3}.count_params() == 440);
