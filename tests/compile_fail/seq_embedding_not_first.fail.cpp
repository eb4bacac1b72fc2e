// tests/compile_fail/seq_embedding_not_first.fail.cpp: an Embedding after another layer (legal twin in
// control_keras.cpp). SPDX-License-Identifier: MIT
// expect: takes integer indices, so it must be the first layer
// expect: step<2(UL)?, rnnparams::keras::Embedding, 0|check\(2,
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model =
    k::Sequential{k::Input{10}, k::Dense{.units = 4}, k::Embedding{.input_dim = 100, .output_dim = 8}};
