// tests/compile_fail/torch_rnn_unknown_nonlinearity.fail.cpp: nonlinearity other than tanh or relu.
// Legal twin in control_torch.cpp: nonlinearity = "relu".
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::RNN.*Unknown nonlinearity|Unknown nonlinearity.*rnnparams::torch::RNN
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::RNN{.input_size = 1, .hidden_size = 10, .nonlinearity = "sigmoid"}.count_params() == 130);
