// tests/compile_fail/lstm_overflow.fail.cpp: a layer whose count exceeds std::uint64_t (legal twin: 2^20
// units). SPDX-License-Identifier: MIT
// expect: rnnparams::keras::LSTM
// expect: count exceeds std::uint64_t
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::LSTM{.units = 1LL << 40}.count_params({3, 1LL << 40}) > 0);
