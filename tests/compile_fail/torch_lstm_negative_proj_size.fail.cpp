// tests/compile_fail/torch_lstm_negative_proj_size.fail.cpp: a negative proj_size.
// Legal twin in control_torch.cpp: proj_size = 5.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::LSTM.*proj_size should be a positive integer or zero|proj_size should be a positive integer or zero.*rnnparams::torch::LSTM
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::LSTM{.input_size = 10, .hidden_size = 20, .proj_size = -5}.count_params() == 1460);
