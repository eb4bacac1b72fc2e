// tests/compile_fail/torch_lstm_overflow.fail.cpp: a count beyond std::uint64_t.
// Legal twin in control_torch.cpp: 2^20 units on 2^20 features.
// SPDX-License-Identifier: MIT
// expect: rnnparams::torch::LSTM.*count exceeds std::uint64_t|count exceeds std::uint64_t.*rnnparams::torch::LSTM
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

static_assert(t::LSTM{.input_size = 1LL << 40, .hidden_size = 1LL << 40}.count_params() > 0);
