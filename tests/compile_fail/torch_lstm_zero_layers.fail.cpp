// tests/compile_fail/torch_lstm_zero_layers.fail.cpp: num_layers = 0.
// Legal twin in control_torch.cpp: num_layers = 2.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::LSTM.*num_layers must be greater than zero|num_layers must be greater than zero.*rnnparams::torch::LSTM
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::LSTM{.input_size = 300, .hidden_size = 512, .num_layers = 0}.count_params() == 3768320);
