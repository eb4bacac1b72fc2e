// tests/package/format_consumer.cpp: a user of rnnparams::format, which brings {fmt} along.
// SPDX-License-Identifier: MIT
#include <rnnparams/format.hpp>

namespace k = rnnparams::keras;

int main() {
  constexpr auto model = k::Sequential{k::Input{3, 1}, k::SimpleRNN{.units = 10}, k::Dense{.units = 1}};
  return k::summary(model).find(" Total params: 131 (524.00 B)\n") != std::string::npos ? 0 : 1;
}
