// bench/constant_model.cpp: a constexpr model's count, printed; at -O2 main holds it as an immediate.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

#include <cstdio>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{3, 1}, k::SimpleRNN{.units = 10}, k::Dense{.units = 1}};

int main() { std::printf("%llu\n", static_cast<unsigned long long>(model.count_params())); }
