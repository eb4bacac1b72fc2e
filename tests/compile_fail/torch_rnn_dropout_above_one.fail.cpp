// tests/compile_fail/torch_rnn_dropout_above_one.fail.cpp: dropout = 1.5.
// Legal twin in control_torch.cpp: dropout = 0.5.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::RNN.*dropout should be a number in range \[0, 1\]|dropout should be a number in range \[0, 1\].*rnnparams::torch::RNN
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::RNN{.input_size = 1, .hidden_size = 10, .num_layers = 2, .dropout = 1.5}.count_params() ==
              350);
