// tests/compile_fail/torch_gru_zero_hidden_size.fail.cpp: hidden_size = 0.
// Legal twin in control_torch.cpp: hidden_size = 10.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::GRU.*hidden_size must be greater than zero|hidden_size must be greater than zero.*rnnparams::torch::GRU
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::GRU{.input_size = 1, .hidden_size = 0}.count_params() == 390);
