// tests/compile_fail/seq_conv1d_after_gru.fail.cpp: a Conv1D fed by a GRU without return_sequences=True
// (legal twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: set return_sequences=True on it
// expect: step<2(UL)?, rnnparams::keras::Conv1D, 0|check\(2,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model =
    k::Sequential{k::Input{20, 4}, k::GRU{.units = 8}, k::Conv1D{.filters = 4, .kernel_size = 3}};
