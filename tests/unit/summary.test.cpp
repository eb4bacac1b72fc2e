// tests/unit/summary.test.cpp: summary() against the texts Keras's own printing code produces.
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "golden.hpp"

#include <rnnparams/format.hpp>
#include <rnnparams/keras/model.hpp>

#include <functional>
#include <map>
#include <string>

namespace k = rnnparams::keras;
using rnnparams::none;

namespace {
/// tests/golden/summary/<file>.
std::string golden(const std::string& file) { return test::golden("summary/" + file); }

// The golden models (tools/keras_summary/README.md lists them).
const std::map<std::string, std::function<std::string(const k::summary_options&)>>& models() {
  static const std::map<std::string, std::function<std::string(const k::summary_options&)>> all{
      {"seed",
       [](const k::summary_options& o) {
         return k::summary(k::Sequential{k::Input{3, 1}, k::SimpleRNN{.units = 10}, k::Dense{.units = 1}}, o);
       }},
      {"embedding_bilstm",
       [](const k::summary_options& o) {
         return k::summary(
             k::Sequential{k::Input{none}, k::Embedding{.input_dim = 10000, .output_dim = 128},
                           k::Bidirectional{.layer = k::LSTM{.units = 64, .return_sequences = true}},
                           k::Bidirectional{.layer = k::LSTM{.units = 32}}, k::Dense{.units = 1}},
             o);
       }},
      {"conv_bn_gru",
       [](const k::summary_options& o) {
         return k::summary(k::Sequential{k::Input{100, 16},
                                         k::Conv1D{.filters = 32, .kernel_size = 3, .padding = "same"},
                                         k::BatchNormalization{}, k::GRU{.units = 64}, k::Dense{.units = 10}},
                           o);
       }},
      {"time_distributed",
       [](const k::summary_options& o) {
         return k::summary(k::Sequential{k::Input{20, 8}, k::LSTM{.units = 16, .return_sequences = true},
                                         k::TimeDistributed{.layer = k::Dense{.units = 4}}},
                           o);
       }},
      {"large_counts",
       [](const k::summary_options& o) {
         return k::summary(k::Sequential{k::Input{none, 300}, k::LSTM{.units = 512, .return_sequences = true},
                                         k::LSTM{.units = 512}, k::Dense{.units = 10000}},
                           o);
       }},
      {"long_names",
       [](const k::summary_options& o) {
         return k::summary(
             k::Sequential{k::Input{50, 8}, k::BatchNormalization{},
                           k::Bidirectional{.layer = k::GRU{.units = 16, .return_sequences = true}},
                           k::TimeDistributed{.layer = k::Dense{.units = 1}}, k::GlobalAveragePooling1D{}},
             o);
       }},
      {"frozen",
       [](const k::summary_options& o) {
         return k::summary(
             k::Sequential{k::Input{10, 4}, k::LSTM{.units = 8, .trainable = false}, k::Dense{.units = 2}},
             o);
       }},
      {"rank1_output",
       [](const k::summary_options& o) {
         return k::summary(k::Sequential{k::Input{5}, k::Embedding{.input_dim = 100, .output_dim = 8},
                                         k::Flatten{}, k::Dense{.units = 1}},
                           o);
       }},
      {"wrapped_names",
       [](const k::summary_options& o) {
         return k::summary(
             k::Sequential{k::Input{5, 3},
                           k::Bidirectional{.layer = k::LSTM{.units = 8, .return_sequences = true}},
                           k::LSTM{.units = 4, .return_sequences = true},
                           k::TimeDistributed{.layer = k::Dense{.units = 2}}, k::Dense{.units = 1}},
             o);
       }},
      {"dropout_pool",
       [](const k::summary_options& o) {
         return k::summary(k::Sequential{k::Input{40, 6},
                                         k::Conv1D{.filters = 8, .kernel_size = 5, .strides = 2},
                                         k::MaxPooling1D{.pool_size = 2}, k::Dropout{.rate = 0.5},
                                         k::LSTM{.units = 8}, k::Dense{.units = 3}},
                           o);
       }},
  };
  return all;
}

struct variant_spec {
  const char* suffix;
  k::summary_options options;
};
} // namespace

TEST_CASE("summary: every golden text, byte for byte, in every style") {
  const variant_spec variants[] = {
      {"keras3", {}},
      {"keras3_76", {.line_length = 76}},
      {"tf_keras", {.style = k::summary_style::tf_keras}},
      {"keras2", {.style = k::summary_style::keras2}},
      {"show_trainable.keras3", {.line_length = 88, .show_trainable = true}},
      {"show_trainable.keras3_76", {.line_length = 76, .show_trainable = true}},
      {"show_trainable.keras3_100", {.show_trainable = true}},
      {"show_trainable.tf_keras", {.style = k::summary_style::tf_keras, .show_trainable = true}},
  };
  int compared = 0;
  for (const auto& [name, render] : models()) {
    for (const auto& v : variants) {
      const std::string file = name + "." + v.suffix + ".txt";
      if (std::string_view{v.suffix}.starts_with("show_trainable") && name != "frozen" &&
          name != "dropout_pool") {
        continue; // golden show_trainable texts exist for these two models
      }
      INFO(file);
      CHECK(render(v.options) == golden(file));
      ++compared;
    }
  }
  CHECK(compared == 10 * 4 + 2 * 4);
}

TEST_CASE("summary: the seed model prints Keras 3's table by default, also through {fmt}") {
  const k::Sequential model{k::Input{3, 1}, k::SimpleRNN{.units = 10}, k::Dense{.units = 1}};
  CHECK(k::summary(model) == golden("seed.keras3.txt"));
  CHECK(fmt::format("{}", model) == golden("seed.keras3.txt"));
  k::model runtime{k::Input{3, 1}};
  runtime.add(k::SimpleRNN{.units = 10}).add(k::Dense{.units = 1});
  CHECK(k::summary(runtime, {.style = k::summary_style::keras2}) == golden("seed.keras2.txt"));
}

TEST_CASE("summary: options beyond Keras's defaults") {
  const k::Sequential model{k::Input{3, 1}, k::SimpleRNN{.units = 10}, k::Dense{.units = 1}};
  SECTION("the dtype changes the byte sizes") {
    const std::string text = k::summary(model, {.dtype = rnnparams::dtype::float16});
    CHECK(text.find(" Total params: 131 (262.00 B)\n") != std::string::npos);
  }
  SECTION("the model name") {
    CHECK(k::summary(model, {.name = "encoder"}).starts_with("Model: \"encoder\"\n"));
  }
  SECTION("rich's ASCII box") {
    const std::string text = k::summary(model, {.line_length = 76, .ascii = true});
    CHECK(text.find("+" + std::string(74, '-') + "+\n") != std::string::npos);
    CHECK(text.find("| simple_rnn (SimpleRNN)          | (None, 10)             |           120 |\n") !=
          std::string::npos);
    CHECK(text.find("|---------------------------------+------------------------+---------------|\n") !=
          std::string::npos);
  }
  SECTION("the costs extension comes after the Keras text, which stays identical") {
    const std::string text = k::summary(model, {.show_costs = true});
    const std::string keras = golden("seed.keras3.txt");
    CHECK(text.starts_with(keras));
    CHECK(text.substr(keras.size()) ==
          "\n Costs (rnnparams; Keras does not print these), weights as float32:\n"
          " Layer                                MACs per sample   Weight memory\n"
          " simple_rnn                                       330        480.00 B\n"
          " dense                                             10         44.00 B\n"
          " Total MACs per sample: 340\n");
  }
  SECTION("keras2 has no Trainable column, and a table needs room") {
    CHECK_THROWS_AS(k::summary(model, {.style = k::summary_style::keras2, .show_trainable = true}),
                    rnnparams::invalid_model);
    CHECK_THROWS_AS(k::summary(model, {.line_length = 8}), rnnparams::invalid_model);
  }
}

TEST_CASE("formatters: shapes, dimensions and weights") {
  CHECK(fmt::format("{}", rnnparams::shape{3, 1}) == "(3, 1)");
  CHECK(fmt::format("{:b}", rnnparams::shape{3, 1}) == "(None, 3, 1)");
  CHECK(fmt::format("{}", rnnparams::shape{10}) == "(10,)");
  CHECK(fmt::format("{}", rnnparams::dim{none}) == "None");
  const auto weights = k::Bidirectional{.layer = k::SimpleRNN{.units = 10}}.weights({3, 1});
  CHECK(fmt::format("{}", weights[0]) == "forward/kernel (1, 10)");
  CHECK(fmt::format("{}", weights[5]) == "backward/bias (10,)");
}

TEST_CASE("formatters: a layer prints as the Keras code that makes it") {
  const auto call = [](const k::layer& l) { return fmt::format("{}", l); };
  CHECK(call(k::SimpleRNN{.units = 10}) == "SimpleRNN(10)");
  CHECK(call(k::LSTM{.units = 64, .return_sequences = true}) == "LSTM(64, return_sequences=True)");
  CHECK(call(k::GRU{.units = 8, .use_bias = false, .reset_after = false, .trainable = false}) ==
        "GRU(8, use_bias=False, reset_after=False, trainable=False)");
  CHECK(call(k::Conv1D{.filters = 32, .kernel_size = 3, .padding = "same"}) ==
        "Conv1D(32, 3, padding=\"same\")");
  CHECK(call(k::Embedding{.input_dim = 1000, .output_dim = 64}) == "Embedding(1000, 64)");
  CHECK(call(k::Bidirectional{.layer = k::LSTM{.units = 8}, .merge_mode = "sum"}) ==
        "Bidirectional(LSTM(8), merge_mode=\"sum\")");
  CHECK(call(k::TimeDistributed{.layer = k::Dense{.units = 4}}) == "TimeDistributed(Dense(4))");
  CHECK(call(k::MaxPooling1D{.pool_size = 3, .strides = 1}) == "MaxPooling1D(pool_size=3, strides=1)");
  CHECK(call(k::Dropout{.rate = 0.5}) == "Dropout(0.5)");
  CHECK(call(k::BatchNormalization{.center = false}) == "BatchNormalization(center=False)");
  CHECK(call(k::Flatten{}) == "Flatten()");
  CHECK(call(k::Masking{}) == "Masking()");
  CHECK(call(k::Masking{.mask_value = -1.5}) == "Masking(mask_value=-1.5)");
  CHECK(call(k::Activation{.activation = "relu"}) == "Activation(\"relu\")");
  CHECK(call(k::SpatialDropout1D{.rate = 0.25}) == "SpatialDropout1D(0.25)");
  CHECK(call(k::Reshape{.target_shape = {3, -1}}) == "Reshape((3, -1))");
  CHECK(call(k::Reshape{.target_shape = {12}}) == "Reshape((12,))");
  CHECK(call(k::Permute{.dims = {2, 1}, .trainable = false}) == "Permute((2, 1), trainable=False)");
  CHECK(call(k::TimeDistributed{.layer = k::Activation{.activation = "tanh"}}) ==
        "TimeDistributed(Activation(\"tanh\"))");
}
