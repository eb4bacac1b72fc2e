// tests/compile_fail/torch_mha_key_width.fail.cpp: a key of 16 features given to
// nn.MultiheadAttention(16, 4, kdim=8), whose k_proj_weight takes 8. Legal twin in control_torch.cpp: a key
// of 8 features.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::MultiheadAttention.*the key's last axis must equal kdim|the key's last axis must equal kdim.*rnnparams::torch::MultiheadAttention
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::MultiheadAttention{.embed_dim = 16, .num_heads = 4, .kdim = 8}
                  .output_shape({5, 3, 16}, {7, 3, 16}, {7, 3, 16})
                  .rank() == 3);
