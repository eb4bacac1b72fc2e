// tests/compile_fail/seq_dense_zero_units.fail.cpp: a Dense with units = 0 as the third layer (legal twin in
// control_keras.cpp). SPDX-License-Identifier: MIT
// expect: units must be a positive integer
// expect: step<3(UL)?, rnnparams::keras::Dense, 1|check\(3,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model =
    k::Sequential{k::Input{3, 1}, k::SimpleRNN{.units = 10}, k::Dense{.units = 4}, k::Dense{.units = 0}};
