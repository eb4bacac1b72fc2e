// tests/compile_fail/control_functional.cpp: the legal twins of the functional_*.fail.cpp cases and
// seq_return_state; it must compile.
// SPDX-License-Identifier: MIT
#include <rnnparams/keras/functional.hpp>
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

// functional_initial_state_size, functional_initial_state_shape: [h, c] for an LSTM, [h] of its size for a
// GRU.
constexpr auto initial_states = [] {
  k::Functional f;
  const auto x = f.input({5, 3});
  const auto encoder = f(k::LSTM{.units = 4, .return_state = true}, x);
  const auto lstm = f(k::LSTM{.units = 4}, x, k::initial_state{encoder[1], encoder[2]});
  const auto gru = f(k::GRU{.units = 4}, x, k::initial_state{encoder[1]});
  return f.model({x}, {lstm, gru});
}();
static_assert(initial_states.size() == 4);

// functional_tensor_from_another_model, functional_graph_disconnected: the model's own, given, Input.
constexpr auto own_input = [] {
  k::Functional f;
  const auto a = f.input({3});
  const auto b = f.input({3});
  const auto y = f(k::Dense{.units = 2}, b);
  return f.model({a, b}, {y});
}();
static_assert(own_input.count_params() == 8 && own_input.size() == 3);

// functional_states_as_one_tensor: the output, [0].
constexpr auto first_output = [] {
  k::Functional f;
  const auto x = f.input({5, 3});
  const auto y = f(k::Dense{.units = 2}, f(k::LSTM{.units = 4, .return_state = true}, x)[0]);
  return f.model({x}, {y});
}();
static_assert(first_output.output_shape() == rnnparams::shape{2});

// seq_return_state: without return_state.
constexpr auto sequential = k::Sequential{k::Input{5, 3}, k::LSTM{.units = 4}};
static_assert(sequential.count_params() == 4 * ((3 + 4) * 4 + 4));

// functional_concatenate_mismatch: (None, 3) and (None, 5) join along the last axis into (None, 8).
constexpr auto concatenated = [] {
  k::Functional f;
  const auto a = f.input({3});
  const auto b = f.input({5});
  return f.model({a, b}, {f(k::Concatenate{}, {a, b})});
}();
static_assert(concatenated.output_shape() == rnnparams::shape{8});

// functional_add_incompatible: the residual of the layer's own width, or a 1 that broadcasts.
constexpr auto residual = [] {
  k::Functional f;
  const auto x = f.input({10, 64});
  const auto y = f(k::LSTM{.units = 64, .return_sequences = true}, x);
  const auto b = f.input({1, 64});
  return f.model({x, b}, {f(k::Add{}, {x, y, b})});
}();
static_assert(residual.output_shape() == rnnparams::shape{10, 64});

// functional_subtract_three_inputs: two.
constexpr auto difference = [] {
  k::Functional f;
  const auto a = f.input({4});
  const auto b = f.input({4});
  return f.model({a, b}, {f(k::Subtract{}, {a, b})});
}();
static_assert(difference.output_shape() == rnnparams::shape{4});

// functional_dot_batch_axis: axis 1, the features: one number per sample, (1,).
constexpr auto dotted = [] {
  k::Functional f;
  const auto a = f.input({8});
  const auto b = f.input({8});
  return f.model({a, b}, {f(k::Dot{.axes = {1}}, {a, b})});
}();
static_assert(dotted.output_shape() == rnnparams::shape{1});

// functional_attention_dims: a query of the value's 32 features.
constexpr auto attended = [] {
  k::Functional f;
  const auto x = f.input({rnnparams::none, 8});
  const auto query = f(k::LSTM{.units = 32, .return_sequences = true}, x);
  const auto value = f(k::Bidirectional{.layer = k::LSTM{.units = 16, .return_sequences = true}}, x);
  return f.model({x}, {f(k::Attention{}, {query, value})});
}();
static_assert(attended.output_shape() == rnnparams::shape{rnnparams::none, 32});

// functional_mha_value_key: value and key of the same 7 timesteps.
constexpr auto multi_head = [] {
  k::Functional f;
  const auto query = f.input({4, 16});
  const auto value = f.input({7, 16});
  const auto key = f.input({7, 16});
  return f.model({query, value, key},
                 {f(k::MultiHeadAttention{.num_heads = 2, .key_dim = 8}, {query, value, key})});
}();
static_assert(multi_head.output_shape() == rnnparams::shape{4, 16});
