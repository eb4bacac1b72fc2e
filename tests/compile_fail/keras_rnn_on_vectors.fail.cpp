// tests/compile_fail/keras_rnn_on_vectors.fail.cpp: RNN(LSTMCell(8)) on a (features) input, without its
// time axis. Legal twin in control_keras.cpp: Input(5, 10).
// SPDX-License-Identifier: MIT
// expect: expects a 3-D input \(batch, timesteps, features\)
// expect: rnnparams::keras::RNN
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{10}, k::RNN{.cell = k::LSTMCell{.units = 8}}};
static_assert(model.count_params() > 0);
