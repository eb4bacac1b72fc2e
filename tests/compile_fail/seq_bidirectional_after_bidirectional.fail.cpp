// tests/compile_fail/seq_bidirectional_after_bidirectional.fail.cpp: a Bidirectional LSTM fed by one that
// returns only its last state (legal twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: set return_sequences=True on it
// expect: step<2(UL)?, rnnparams::keras::Bidirectional, 1|check\(2,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{20, 4}, k::Bidirectional{.layer = k::LSTM{.units = 8}},
                                     k::Bidirectional{.layer = k::LSTM{.units = 8}}};
