// tests/compile_fail/torch_lstm_wrong_input_size.fail.cpp: an input whose last axis is not input_size.
// Legal twin in control_torch.cpp: input (7, 3, 10).
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::LSTM.*input.size\(-1\) must be equal to input_size|input.size\(-1\) must be equal to input_size.*rnnparams::torch::LSTM
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::LSTM{.input_size = 10, .hidden_size = 20}.output_shape({7, 3, 5}) ==
              rnnparams::shape{7, 3, 20});
