// tests/compile_fail/functional_mha_value_key.fail.cpp: MultiHeadAttention whose value has 7 timesteps
// and whose key 5 (legal twin in control_functional.cpp).
// SPDX-License-Identifier: MIT
// expect: All dimensions of `value` and `key`, except the last one, must be equal
// expect: (rnnparams::keras::|k::)MultiHeadAttention
#include <rnnparams/keras/functional.hpp>

namespace k = rnnparams::keras;

constexpr auto model = [] {
  k::Functional f;
  const auto query = f.input({4, 16});
  const auto value = f.input({7, 16});
  const auto key = f.input({5, 16});
  const auto out = f(k::MultiHeadAttention{.num_heads = 2, .key_dim = 8}, {query, value, key});
  return f.model({query, value, key}, {out});
}();
