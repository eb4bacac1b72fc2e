// tests/compile_fail/repeat_vector_on_sequence.fail.cpp: RepeatVector on a (timesteps, features) input (legal
// twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: expects a 2-D input \(batch, features\)
// expect: step<2(UL)?, rnnparams::keras::RepeatVector, 0|check\(2,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model =
    k::Sequential{k::Input{5, 3}, k::LSTM{.units = 4, .return_sequences = true}, k::RepeatVector{.n = 3}};
