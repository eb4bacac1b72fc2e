// tests/compile_fail/reshape_sizes_do_not_divide.fail.cpp: Reshape with a -1 whose other sizes do not divide
// the input's size (legal twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: the input size cannot by divided by the specified dimensions in target_shape
// expect: step<2(UL)?, rnnparams::keras::Reshape, 0|check\(2,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{12, 8}, k::LSTM{.units = 10, .return_sequences = true},
                                     k::Reshape{.target_shape = {-1, 7}}};
