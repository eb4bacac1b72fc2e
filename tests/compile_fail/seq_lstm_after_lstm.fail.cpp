// tests/compile_fail/seq_lstm_after_lstm.fail.cpp: an LSTM fed by an LSTM without return_sequences=True
// (legal twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: set return_sequences=True on it
// expect: step<2(UL)?, rnnparams::keras::LSTM, 1|check\(2,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model =
    k::Sequential{k::Input{3, 1}, k::LSTM{.units = 10}, k::LSTM{.units = 10}, k::Dense{.units = 1}};
