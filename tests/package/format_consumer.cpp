// tests/package/format_consumer.cpp: a user of rnnparams::format, which brings {fmt} along.
// SPDX-License-Identifier: MIT
#include <rnnparams/format.hpp>
#include <rnnparams/format/torchinfo.hpp> // installed with the other printing headers

namespace k = rnnparams::keras;
namespace t = rnnparams::torch;

int main() {
  constexpr auto model = k::Sequential{k::Input{3, 1}, k::SimpleRNN{.units = 10}, k::Dense{.units = 1}};
  const bool keras = k::summary(model).find(" Total params: 131 (524.00 B)\n") != std::string::npos;
  const bool torch = t::summary({t::RNN{.input_size = 1, .hidden_size = 10}}).find("Total params: 130\n") !=
                     std::string::npos;
  return keras && torch ? 0 : 1;
}
