// tests/compile_fail/seq_total_overflow.fail.cpp: two layers whose sum exceeds std::uint64_t (legal twin in
// control_keras.cpp). SPDX-License-Identifier: MIT
// expect: count exceeds std::uint64_t
// expect: rnnparams::keras::Sequential
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{1LL << 31}, k::Dense{.units = 1LL << 32, .use_bias = false},
                                     k::Dense{.units = 1LL << 31, .use_bias = false}};
