// tests/compile_fail/torch_lstm_proj_size_not_smaller.fail.cpp: proj_size equal to hidden_size.
// Legal twin in control_torch.cpp: proj_size = 5.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::LSTM.*proj_size has to be smaller than hidden_size|proj_size has to be smaller than hidden_size.*rnnparams::torch::LSTM
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::LSTM{.input_size = 10, .hidden_size = 20, .proj_size = 20}.count_params() == 1460);
