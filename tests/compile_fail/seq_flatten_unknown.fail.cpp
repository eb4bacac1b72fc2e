// tests/compile_fail/seq_flatten_unknown.fail.cpp: Flatten of a None dimension (legal twin in
// control_keras.cpp). SPDX-License-Identifier: MIT
// expect: cannot flatten an input with a None dimension
// expect: step<2(UL)?, rnnparams::keras::Flatten, 0|check\(2,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{rnnparams::none, 8}, k::Conv1D{.filters = 4, .kernel_size = 3},
                                     k::Flatten{}, k::Dense{.units = 1}};
