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
