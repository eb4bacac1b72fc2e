// tests/compile_fail/permute_bad_dims.fail.cpp: Permute with dims counted from 0, not from 1 (legal twin in
// control_keras.cpp). SPDX-License-Identifier: MIT
// expect: error_dims_must_be_a_permutation_of_1_to_the_input_rank
// expect: (rnnparams::keras|k)::Permute
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::Permute{.dims = {1, 0}}.compute_output_shape({10, 64}).rank() == 2);
