// tests/compile_fail/simple_rnn_not_a_sequence.fail.cpp: an RNN given (features) instead of (timesteps,
// features) (legal twin: {3, 1}). SPDX-License-Identifier: MIT
// expect: expects a 3-D input \(batch, timesteps, features\)
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::SimpleRNN{.units = 10}.count_params({1}) == 120);
