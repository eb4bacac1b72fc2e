// tests/compile_fail/torch_gru_proj_size.fail.cpp: proj_size on GRU, which only LSTM has.
// Legal twin in control_torch.cpp: LSTM.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::GRU[^ ]* has no non-static data member named [^ ]*proj_size|field designator 'proj_size' does not refer to any field in type 'rnnparams::torch::GRU'
#include <rnnparams/rnnparams.hpp>

// Spelled in full so that every compiler's message names rnnparams::torch::GRU.
static_assert(rnnparams::torch::GRU{.input_size = 10, .hidden_size = 20, .proj_size = 5}.count_params() > 0);
