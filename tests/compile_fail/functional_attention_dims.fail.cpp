// tests/compile_fail/functional_attention_dims.fail.cpp: Attention whose query has 16 features and whose
// key (the value) has 32: the dot scores need the same (legal twin in control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: query and key must have the same last axis
// expect: (rnnparams::keras::|k::)Attention
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;
using rnnparams::none;

constexpr auto model = [] {
  k::Functional f;
  const auto x = f.input({none, 8});
  const auto query = f(k::LSTM{.units = 16, .return_sequences = true}, x);
  const auto value = f(k::Bidirectional{.layer = k::LSTM{.units = 16, .return_sequences = true}}, x);
  const auto context = f(k::Attention{}, {query, value});
  return f.model({x}, {context});
}();
