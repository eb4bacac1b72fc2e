// tests/compile_fail/seq_pooling_on_vectors.fail.cpp: MaxPooling1D on a (features) input (legal twin in
// control_keras.cpp). SPDX-License-Identifier: MIT
// expect: expects a 3-D input \(batch, steps, channels\)
// expect: step<2(UL)?, rnnparams::keras::MaxPooling1D, 0|check\(2,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{10}, k::Dense{.units = 4}, k::MaxPooling1D{}};
