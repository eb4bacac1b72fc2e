// tests/package/consumer.cpp: what a user writes after finding the package; the README's promise.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>
#include <rnnparams/torch/sequential.hpp>

#include <span>

namespace k = rnnparams::keras;
static_assert(k::SimpleRNN{.units = 10}.count_params({3, 1}) == 120);
static_assert(k::LSTM{.units = 10}.count_params({3, 1}) == 480);
static_assert(k::GRU{.units = 10}.count_params({3, 1}) == 390);
static_assert(k::GRU{.units = 10, .reset_after = false}.count_params({3, 1}) == 360);
static_assert(k::Dense{.units = 1}.count_params({10}) == 11);

namespace t = rnnparams::torch;
constexpr t::module rnn_1_10 = t::RNN{.input_size = 1, .hidden_size = 10};
static_assert(t::count_params(std::span<const t::module>{&rnn_1_10, 1}) == 130); // nn.Sequential's total

int main(int argc, char**) {
  // The same call with a value known only at run time.
  const auto units = static_cast<std::int64_t>(argc) * 10;
  return k::SimpleRNN{.units = units}.count_params({3, 1}) == 120 ? 0 : 1;
}
