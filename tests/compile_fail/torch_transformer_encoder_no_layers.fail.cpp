// tests/compile_fail/torch_transformer_encoder_no_layers.fail.cpp: nn.TransformerEncoder(layer, 0) run on an
// input, whose forward reads self.layers[0]. Legal twin in control_torch.cpp: num_layers=2.
// SPDX-License-Identifier: MIT
// expect: forward needs at least one layer: index 0 is out of range
// expect: TransformerEncoder
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::TransformerEncoder{.encoder_layer = {.d_model = 16, .nhead = 4}, .num_layers = 0}
                  .output_shape({5, 3, 16})
                  .rank() == 3);
