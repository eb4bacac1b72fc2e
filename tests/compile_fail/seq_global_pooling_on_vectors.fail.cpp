// tests/compile_fail/seq_global_pooling_on_vectors.fail.cpp: GlobalAveragePooling1D after an LSTM without
// return_sequences (legal twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: set return_sequences=True on it
// expect: step<2(UL)?, rnnparams::keras::GlobalAveragePooling1D, 0|check\(2,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{10, 3}, k::LSTM{.units = 4}, k::GlobalAveragePooling1D{}};
