// tests/compile_fail/embedding_zero_output_dim.fail.cpp: an Embedding with output_dim = 0 (legal twin in
// control_keras.cpp). SPDX-License-Identifier: MIT
// expect: output_dim must be a positive integer
// expect: (rnnparams::keras|k)::Embedding
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::Embedding{.input_dim = 100, .output_dim = 0}.count_params({10}) > 0);
