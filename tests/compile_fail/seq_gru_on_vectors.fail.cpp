// tests/compile_fail/seq_gru_on_vectors.fail.cpp: a GRU as the first layer on a (features) input (legal twin
// in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: expects a 3-D input \(batch, timesteps, features\)
// expect: rnnparams::keras::GRU
// expect: step<1(UL)?, rnnparams::keras::GRU, 0|check\(1,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{10}, k::GRU{.units = 8}};
