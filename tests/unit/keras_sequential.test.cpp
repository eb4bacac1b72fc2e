// tests/unit/keras_sequential.test.cpp: Sequential models and the other Keras layers, with run-time values.
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "run_time.hpp"

#include <rnnparams/keras/model.hpp>
#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <cstdint>
#include <string>

namespace k = rnnparams::keras;
using rnnparams::none;
using rnnparams::shape;
using test::runtime;

namespace {
template <class Model>
std::string names(const Model& model) {
  std::string out;
  for (std::size_t i = 0; i < model.size(); ++i) {
    out += std::string{model.name(i).view()} + (i + 1 < model.size() ? " " : "");
  }
  return out;
}
} // namespace

TEST_CASE("Sequential: the seed model has 120 + 11 = 131 parameters") {
  const k::Sequential model{k::Input{runtime(3), runtime(1)}, k::SimpleRNN{.units = runtime(10)},
                            k::Dense{.units = runtime(1)}};
  CHECK(model.count_params() == 131);
  CHECK(model.trainable_params() == 131);
  CHECK(model.non_trainable_params() == 0);
  CHECK(model.info(0).params == 120);
  CHECK(model.info(1).params == 11);
  CHECK(rnnparams::to_batch_string(model.info(0).output_shape) == "(None, 10)");
  CHECK(rnnparams::to_batch_string(model.output_shape()) == "(None, 1)");
  CHECK(model.weight_bytes() == 524);
  CHECK(model.weight_bytes(rnnparams::dtype::float16) == 262);
  CHECK(model.macs() == 340);
}

TEST_CASE("Sequential: automatic names are numbered per class, as Keras does") {
  const k::Sequential model{k::Input{none, runtime(8)},
                            k::LSTM{.units = 16, .return_sequences = true},
                            k::Bidirectional{.layer = k::GRU{.units = 4, .return_sequences = true}},
                            k::LSTM{.units = 8, .return_sequences = true},
                            k::TimeDistributed{.layer = k::Dense{.units = 2}},
                            k::Bidirectional{.layer = k::LSTM{.units = 4}},
                            k::Dense{.units = 1}};
  // The wrapped GRU, Dense and LSTM are named too, when constructed: the last Dense is dense_1, as in
  // Keras (tests/golden/summary/wrapped_names.*.txt).
  CHECK(names(model) == "lstm bidirectional lstm_1 time_distributed bidirectional_1 dense_1");
}

TEST_CASE("Sequential: an embedding and a bidirectional LSTM stack") {
  const k::Sequential model{
      k::Input{none}, k::Embedding{.input_dim = runtime(10'000), .output_dim = 128},
      k::Bidirectional{.layer = k::LSTM{.units = runtime(64), .return_sequences = true}},
      k::Bidirectional{.layer = k::LSTM{.units = runtime(32)}}, k::Dense{.units = 1}};
  CHECK(model.count_params() == 1'420'097);
  CHECK(model.info(1).params == 98'816);
  CHECK(rnnparams::to_batch_string(model.info(1).output_shape) == "(None, None, 128)");
  CHECK(model.info(1).weights.size() == 6);
  CHECK(model.info(1).weights[4].scope == "backward");
  CHECK(model.info(1).weights[4].name == "recurrent_kernel");
  CHECK_FALSE(model.macs().has_value());
}

TEST_CASE("Sequential: BatchNormalization statistics and frozen layers are non-trainable") {
  const k::Sequential model{
      k::Input{runtime(100), runtime(16)}, k::Conv1D{.filters = 32, .kernel_size = 3, .padding = "same"},
      k::BatchNormalization{}, k::GRU{.units = 64, .trainable = false}, k::Dense{.units = 10}};
  CHECK(model.info(1).non_trainable_params == 64);
  CHECK(model.info(2).trainable_params == 0);
  CHECK(model.non_trainable_params() == 64 + 18'816);
  CHECK(model.count_params() == 21'162);
}

TEST_CASE("layers: REFERENCE.md's counts with run-time values") {
  CHECK(k::Conv1D{.filters = runtime(32), .kernel_size = 3}.count_params({100, runtime(16)}) == 1'568);
  CHECK(k::Embedding{.input_dim = runtime(1000), .output_dim = 64}.count_params({10}) == 64'000);
  CHECK(k::BatchNormalization{}.count_params({runtime(10)}) == 40);
  CHECK(k::Bidirectional{.layer = k::SimpleRNN{.units = runtime(10)}}.count_params({3, 1}) == 240);
  CHECK(k::LayerNormalization{}.count_params({runtime(10)}) == 20);
  CHECK(k::TimeDistributed{.layer = k::Dense{.units = runtime(4)}}.count_params({20, 16}) == 68);
}

TEST_CASE("Sequential errors name the layer's position and Keras name") {
  const auto u = runtime(10);
  CHECK_THROWS_WITH(
      (k::Sequential{k::Input{3, 1}, k::LSTM{.units = u}, k::LSTM{.units = u}}),
      "rnnparams::keras::Sequential: layer 2 (lstm_1): rnnparams::keras::LSTM: expects a 3-D input "
      "(batch, timesteps, features), but the recurrent layer before it returns only its last state: "
      "set return_sequences=True on it");
  CHECK_THROWS_WITH(
      (k::Sequential{k::Input{3, 1}, k::Dense{.units = u}, k::Dense{.units = runtime(0)}}),
      "rnnparams::keras::Sequential: layer 2 (dense_1): rnnparams::keras::Dense: units must be a "
      "positive integer");
  CHECK_THROWS_WITH(
      (k::Sequential{k::Input{none, 8}, k::Flatten{}}),
      "rnnparams::keras::Sequential: layer 1 (flatten): rnnparams::keras::Flatten: cannot flatten an "
      "input with a None dimension");
  CHECK_THROWS_WITH(
      (k::Sequential{k::Input{10}, k::Dense{.units = u}, k::Embedding{.input_dim = 5, .output_dim = 2}}),
      "rnnparams::keras::Sequential: layer 2 (embedding): rnnparams::keras::Embedding: takes integer "
      "indices, so it must be the first layer");
  CHECK_THROWS_WITH(
      (k::Sequential{k::Input{10, 6}, k::Conv1D{.filters = 8, .kernel_size = 3, .groups = runtime(4)}}),
      "rnnparams::keras::Sequential: layer 1 (conv1d): rnnparams::keras::Conv1D: the input's channels "
      "must be divisible by groups");
  CHECK_THROWS_WITH(
      (k::Sequential{k::Input{2, 4}, k::Conv1D{.filters = 8, .kernel_size = runtime(5)}}),
      "rnnparams::keras::Sequential: layer 1 (conv1d): rnnparams::keras::Conv1D: computed output size "
      "would be zero or negative (padding=\"valid\")");
  CHECK_THROWS_WITH(
      (k::Sequential{k::Input{10}, k::TimeDistributed{.layer = k::Dense{.units = u}}}),
      "rnnparams::keras::Sequential: layer 1 (time_distributed): rnnparams::keras::TimeDistributed: "
      "expects an input of at least 3 dimensions (batch, timesteps, ...)");
  CHECK_THROWS_AS((k::Sequential{k::Input{3, 1}, k::LSTM{.units = u}, k::LSTM{.units = u}}),
                  rnnparams::invalid_model);
}

TEST_CASE("Sequential: a total beyond std::uint64_t is an overflow_error, never a wrapped number") {
  const auto big = runtime(1LL << 32);
  CHECK_THROWS_AS((k::Sequential{k::Input{1LL << 31}, k::Dense{.units = big, .use_bias = false},
                                 k::Dense{.units = 1LL << 31, .use_bias = false}}),
                  rnnparams::overflow_error);
  CHECK_THROWS_WITH(
      (k::Sequential{k::Input{1LL << 40}, k::Dense{.units = 1LL << 40}}),
      "rnnparams::keras::Sequential: layer 1 (dense): rnnparams::keras::Dense: the parameter count does "
      "not fit in std::uint64_t");
}

TEST_CASE("layer settings Keras rejects are rejected with Keras's reason") {
  CHECK_THROWS_WITH((k::Conv1D{.filters = 6, .kernel_size = 3, .groups = 4}.count_params({10, 8})),
                    "rnnparams::keras::Conv1D: filters must be divisible by groups");
  CHECK_THROWS_WITH((k::Conv1D{.filters = 6, .kernel_size = 3, .padding = "full"}.count_params({10, 8})),
                    "rnnparams::keras::Conv1D: padding must be \"valid\", \"same\" or \"causal\"");
  CHECK_THROWS_WITH(
      (k::Conv1D{.filters = 6, .kernel_size = 3, .strides = 2, .dilation_rate = 2}.count_params({10, 8})),
      "rnnparams::keras::Conv1D: strides > 1 is not supported together with dilation_rate > 1");
  CHECK_THROWS_WITH((k::MaxPooling1D{.padding = "causal"}.compute_output_shape({10, 8})),
                    "rnnparams::keras::MaxPooling1D: padding must be \"valid\" or \"same\"");
  CHECK_THROWS_WITH(
      (k::Bidirectional{.layer = k::LSTM{.units = 4}, .merge_mode = "none"}.count_params({3, 1})),
      "rnnparams::keras::Bidirectional: merge_mode must be \"concat\", \"sum\", \"mul\" or \"ave\"");
  CHECK_THROWS_WITH((k::Dropout{.rate = 1.5}.compute_output_shape({3})),
                    "rnnparams::keras::Dropout: rate must be between 0 and 1");
  CHECK_THROWS_WITH((k::RepeatVector{.n = 3}.compute_output_shape({3, 4})),
                    "rnnparams::keras::RepeatVector: expects a 2-D input (batch, features)");
  CHECK_THROWS_WITH((k::Embedding{.input_dim = 0, .output_dim = 4}.count_params({3})),
                    "rnnparams::keras::Embedding: input_dim must be a positive integer");
}

TEST_CASE("model: layers added at run time give the Sequential numbers, and a failed add changes nothing") {
  k::model m{k::Input{runtime(3), 1}};
  m.add(k::SimpleRNN{.units = runtime(10)});
  CHECK(m.size() == 1);
  CHECK_THROWS_WITH(
      m.add(k::LSTM{.units = 4}),
      "rnnparams::keras::Sequential: layer 2 (lstm): rnnparams::keras::LSTM: expects a 3-D input "
      "(batch, timesteps, features), but the recurrent layer before it returns only its last state: "
      "set return_sequences=True on it");
  CHECK(m.size() == 1);
  CHECK_THROWS_WITH(
      m.add(k::LSTM{.units = 4}, "encoder"),
      "rnnparams::keras::Sequential: layer 2 (encoder): rnnparams::keras::LSTM: expects a 3-D input "
      "(batch, timesteps, features), but the recurrent layer before it returns only its last state: "
      "set return_sequences=True on it");
  CHECK(m.size() == 1);
  CHECK(m.count_params() == 120);
  CHECK(m.output_shape() == shape{10}); // the failed layer's output slot is gone too
  // the failed add left the model's memory of its last layer: a GRU is refused for the same reason
  CHECK_THROWS_WITH(m.add(k::GRU{.units = 2}),
                    "rnnparams::keras::Sequential: layer 2 (gru): rnnparams::keras::GRU: expects a 3-D input "
                    "(batch, timesteps, features), but the recurrent layer before it returns only its last "
                    "state: set return_sequences=True on it");
  m.add(k::Dense{.units = 1});
  CHECK(m.count_params() == 131);
  CHECK(m.name(1) == "dense");
  CHECK(m.info(1).params == 11);
  CHECK(m.output_shape() == shape{1});

  const k::model all_at_once{k::Input{none},
                             {k::Embedding{.input_dim = 10'000, .output_dim = 128},
                              k::Bidirectional{.layer = k::LSTM{.units = 64}}, k::Dense{.units = 1}}};
  CHECK(all_at_once.count_params() == 1'280'000 + 98'816 + 129);
  CHECK(all_at_once.name(1) == "bidirectional");
}
