// tests/compile_fail/seq_time_distributed_on_vectors.fail.cpp: TimeDistributed on a (features) input (legal
// twin in control_keras.cpp). SPDX-License-Identifier: MIT
// expect: expects an input of at least 3 dimensions
// expect: step<1(UL)?, rnnparams::keras::TimeDistributed, 0|check\(1,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{10}, k::TimeDistributed{.layer = k::Dense{.units = 4}}};
