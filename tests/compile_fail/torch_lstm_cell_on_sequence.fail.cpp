// tests/compile_fail/torch_lstm_cell_on_sequence.fail.cpp: a whole sequence (L, N, H_in) given to an
// LSTMCell, which takes one time step. Legal twin in control_torch.cpp: input (3, 10).
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::LSTMCell.*Expected input to be 1-D or 2-D|Expected input to be 1-D or 2-D.*rnnparams::torch::LSTMCell
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::LSTMCell{.input_size = 10, .hidden_size = 20}.output_shape({5, 3, 10}) ==
              rnnparams::shape{3, 20});
