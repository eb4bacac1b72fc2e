// tests/conformance/readers.test.cpp: the code readers, the JSON readers and the "layer as Keras code"
// formatter agree, since all of them walk each layer's describe(). SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "command.hpp"
#include "conformance.hpp"
#include "golden.hpp"
#include "keras_config.hpp"
#include "layer_arguments.hpp"
#include "model_code.hpp"
#include "python_syntax.hpp"
#include "torch_config.hpp"

#include <rnnparams/format.hpp>
#include <rnnparams/keras/model.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace k = rnnparams::keras;
namespace kc = rnnparams::keras_config;
namespace cli = rnnparams::cli;
using nlohmann::json;

namespace {

/// `code` read by the rnnparams command's Keras code reader.
k::model from_code(const std::string& code) {
  return *cli::build_model(cli::parse_python(code), cli::convention::keras).keras;
}

/// The model as Keras code: its Input, then each layer as the formatter writes it.
std::string as_code(const k::model& m) {
  std::string code = "Input(shape=(";
  for (const rnnparams::dim d : m.input_shape()) {
    code += fmt::format("{},", d);
  }
  code += "))\n";
  for (std::size_t i = 0; i < m.size(); ++i) {
    code += fmt::format("{}\n", m[i]);
  }
  return code;
}

json layer(const char* class_name, json config) { return {{"class_name", class_name}, {"config", config}}; }

} // namespace

namespace {
/// Every case of a Keras fixture read from JSON, written as Keras code and read back: the same layers.
std::size_t round_trip(const std::string& file) {
  const json fixture = conformance::load(file);
  std::size_t round_trips = 0;
  for (const json& c : fixture.at("cases")) {
    k::model from_json{k::Input{rnnparams::shape{}}};
    try {
      from_json = kc::model_from_case(c);
    } catch (const rnnparams::invalid_model&) {
      continue; // a case TensorFlow.js accepts and rnnparams refuses: keras.test.cpp accounts for each
    }
    const std::string code = as_code(from_json);
    INFO("case " << c.at("id") << ":\n" << code);
    const k::model read = from_code(code);
    REQUIRE(read.size() == from_json.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
      CHECK(fmt::format("{}", read[i]) == fmt::format("{}", from_json[i]));
      CHECK(read.info(i).weights == from_json.info(i).weights);
      CHECK(read.info(i).output_shape == from_json.info(i).output_shape);
    }
    ++round_trips;
  }
  return round_trips;
}
} // namespace

TEST_CASE("readers: every case of keras_cases.json read from JSON, written as Keras code and read back",
          "[readers]") {
  CHECK(round_trip("keras_cases.json") > 2000);
}

TEST_CASE("readers: every case of keras_cell_cases.json (RNN and its cells) read from JSON, as code and back",
          "[readers]") {
  CHECK(round_trip("keras_cell_cases.json") == 250);
}

TEST_CASE("readers: Flatten(data_format=...) as Keras 3 takes it, from code and from JSON", "[readers]") {
  // Keras 3 and tf.keras 2 accept channels_first and channels_last (Flatten.__init__ through
  // standardize_data_format); channels_first moves the channels axis last before flattening, so the
  // output's size is the same.
  const k::model code = from_code("Input((5, 3))\nFlatten(data_format='channels_first')\nDense(2)");
  const k::model json_model{
      k::Input{5, 3},
      {kc::layer_from_config(layer("Flatten", {{"data_format", "channels_first"}})), k::Dense{.units = 2}}};
  CHECK(fmt::format("{}", code[0]) == "Flatten(data_format=\"channels_first\")");
  CHECK(fmt::format("{}", json_model[0]) == fmt::format("{}", code[0]));
  CHECK(code.count_params() == json_model.count_params());
  CHECK(code.count_params() == from_code("Input((5, 3))\nFlatten()\nDense(2)").count_params());
  CHECK(fmt::format("{}", kc::layer_from_config(layer("Flatten", {{"data_format", nullptr}}))) ==
        "Flatten()");
  CHECK_THROWS_WITH(from_code("Input((5, 3))\nFlatten(data_format='channels_middle')"),
                    Catch::Matchers::Contains("data_format must be \"channels_last\" or \"channels_first\""));
  CHECK_THROWS_WITH(
      (k::model{k::Input{5, 3},
                {kc::layer_from_config(layer("Flatten", {{"data_format", "channels_middle"}}))}}),
      Catch::Matchers::Contains("data_format must be \"channels_last\" or \"channels_first\""));
}

TEST_CASE("readers: LayerNormalization(rms_scaling=True) builds gamma only, from code and from JSON",
          "[readers]") {
  // Keras 3's LayerNormalization.build: gamma if scale or rms_scaling, beta if center and not rms_scaling.
  const k::model code = from_code("Input((10, 4))\nLayerNormalization(rms_scaling=True, scale=False)");
  const k::model json_model{
      k::Input{10, 4},
      {kc::layer_from_config(layer("LayerNormalization", {{"rms_scaling", true}, {"scale", false}}))}};
  CHECK(fmt::format("{}", code[0]) == "LayerNormalization(scale=False, rms_scaling=True)");
  CHECK(fmt::format("{}", json_model[0]) == fmt::format("{}", code[0]));
  REQUIRE(code.info(0).weights.size() == 1);
  CHECK(code.info(0).weights[0].name == "gamma");
  CHECK(code.info(0).weights == json_model.info(0).weights);
  // rms_scaling is keyword-only in Keras 3.11+: the fifth positional argument is beta_initializer.
  CHECK_THROWS_WITH(
      from_code("Input((10, 4))\nLayerNormalization(-1, 0.001, True, True, True, 1, 2, 3, 4, 5, 6)"),
      Catch::Matchers::Contains("takes at most 10 positional arguments"));
}

TEST_CASE("readers: what both Keras readers refuse, each in its own words", "[readers]") {
  CHECK_THROWS_WITH(from_code("Input((5, 3))\nConv1D(4, 3, data_format='channels_first')"),
                    Catch::Matchers::Contains("Conv1D: data_format=\"channels_first\" is not supported: "
                                              "rnnparams models channels_last inputs"));
  CHECK_THROWS_WITH(kc::layer_from_config(layer(
                        "Conv1D", {{"filters", 4}, {"kernel_size", 3}, {"data_format", "channels_first"}})),
                    Catch::Matchers::Contains("\"data_format\": \"channels_first\" is not supported: "
                                              "rnnparams models channels_last inputs"));
  CHECK_THROWS_WITH(
      from_code("Input((5, 3))\nLSTM(4, return_state=True)"),
      Catch::Matchers::Contains("rnnparams::keras::LSTM: return_state=True returns the states as "
                                "extra outputs, which a Sequential model cannot pass on"));
  CHECK_THROWS_WITH(from_code("Input((5, 3))\nLSTM(4, time_major=True)"),
                    Catch::Matchers::Contains("time_major=True is not supported"));
  CHECK_THROWS_WITH(
      from_code("Input((5, 3))\nBidirectional(Dense(2))"),
      Catch::Matchers::Contains("Bidirectional wraps a SimpleRNN, LSTM, GRU or RNN, not Dense"));
  CHECK_THROWS_WITH(from_code("Input((5, 3))\nTimeDistributed(TimeDistributed(Dense(2)))"),
                    Catch::Matchers::Contains("TimeDistributed inside TimeDistributed is not supported"));
  // The same backward copy as the forward layer is what rnnparams counts twice; another is refused.
  CHECK(from_code("Input((5, 3))\nBidirectional(LSTM(4), backward_layer=LSTM(4, go_backwards=True))")
            .count_params() == from_code("Input((5, 3))\nBidirectional(LSTM(4))").count_params());
  CHECK_THROWS_WITH(
      from_code("Input((5, 3))\nBidirectional(LSTM(4), backward_layer=LSTM(5))"),
      Catch::Matchers::Contains("Bidirectional: a backward_layer that differs from the layer (units)"));
  CHECK_THROWS_WITH(from_code("Input((5, 3))\nBidirectional(LSTM(4), backward_layer=GRU(4))"),
                    Catch::Matchers::Contains("a backward_layer that differs from the layer (class)"));
}

namespace {

/// A JSON value as Python writes it: true -> True, null -> None, [3] -> (3,), "same" -> 'same', and a nested
/// construction {"class_name": "LayerNorm", "kwargs": {...}} -> nn.LayerNorm(...).
std::string python(const json& v) {
  if (v.is_boolean()) {
    return v.get<bool>() ? "True" : "False";
  }
  if (v.is_null()) {
    return "None";
  }
  if (v.is_string()) {
    return "'" + v.get<std::string>() + "'";
  }
  if (v.is_object() &&
      v.contains("class_name")) { // a module made in the call: nn.LayerNorm(normalized_shape=16)
    std::string text = "nn." + v.at("class_name").get<std::string>() + "(";
    for (const auto& [key, value] : v.at("kwargs").items()) {
      text += key + "=" + python(value) + ", ";
    }
    return text + ")";
  }
  if (v.is_array()) {
    std::string text = "(";
    for (const json& item : v) {
      text += python(item) + ",";
    }
    return text + ")";
  }
  return v.dump();
}

/// A PyTorch case as code: `nn.LSTM(8, hidden_size=16, ...)`, its first `positional` arguments (in the
/// order the module's describe() gives) by position, the rest by keyword.
template <class Module>
std::string torch_call(const json& c, std::size_t positional) {
  const cli::signature& s = cli::signature_of<Module>();
  const json& kwargs = c.at("kwargs");
  std::string code = "nn." + c.at("class_name").get<std::string>() + "(";
  std::size_t written = 0;
  for (; written < positional && written < s.positional.size() && kwargs.contains(s.positional[written]);
       ++written) {
    code += python(kwargs.at(s.positional[written])) + ", ";
  }
  for (const auto& [key, value] : kwargs.items()) {
    const auto at = std::find(s.positional.begin(), s.positional.end(), key);
    if (at == s.positional.end() || static_cast<std::size_t>(at - s.positional.begin()) >= written) {
      code += key + "=" + python(value) + ", ";
    }
  }
  return code + ")";
}

/// What both readers must agree on: the class, the parameters and the buffers, as text.
std::string torch_listing(const rnnparams::torch::module& m) {
  return rnnparams::visit(
      [](const auto& x) {
        std::string text{x.class_name};
        for (const auto& t : x.named_parameters()) {
          text += fmt::format(" {}{}", t.name.view(), rnnparams::to_string(t.shape));
        }
        for (const auto& t : x.named_buffers()) {
          text += fmt::format(" {}{}", t.name.view(), rnnparams::to_string(t.shape));
        }
        return text;
      },
      m);
}

} // namespace

TEST_CASE("readers: every Embedding.from_pretrained case of torch_cases.json read as the call PyTorch ran",
          "[readers]") {
  const json fixture = conformance::load("torch_cases.json");
  std::size_t read_calls = 0;
  for (const json& c : fixture.at("cases")) {
    if (!c.contains("from_pretrained")) {
      continue;
    }
    const json& call = c.at("from_pretrained");
    const json& rows_cols = call.at("embeddings_shape");
    std::string code =
        "nn.Embedding.from_pretrained(torch.zeros(" + rows_cols[0].dump() + ", " + rows_cols[1].dump() + ")";
    for (const char* key : {"freeze", "padding_idx"}) {
      if (call.contains(key)) {
        code += std::string{", "} + key + "=" + python(call.at(key));
      }
    }
    code += ")";
    INFO("case " << c.at("id") << ": " << code);
    const std::vector<cli::torch_entry> read =
        cli::build_model(cli::parse_python(code), cli::convention::torch).torch;
    REQUIRE(read.size() == 1);
    CHECK(torch_listing(read[0].module) == torch_listing(rnnparams::torch_config::module_from_config(c)));
    CHECK(rnnparams::torch::trainable_params(read[0].module) ==
          c.at("trainable_params").get<std::uint64_t>());
    ++read_calls;
  }
  CHECK(read_calls == fixture.at("pretrained").get<std::size_t>());
}

TEST_CASE("readers: every case of torch_cases.json read from JSON and from PyTorch code gives one module",
          "[readers]") {
  const json fixture = conformance::load("torch_cases.json");
  std::size_t agreed = 0;
  for (const json& c : fixture.at("cases")) {
    const rnnparams::torch::module from_json = rnnparams::torch_config::module_from_config(c);
    const std::string code = rnnparams::visit(
        [&](const auto& m) {
          return torch_call<std::remove_cvref_t<decltype(m)>>(c, c.at("id").get<std::size_t>() % 4);
        },
        from_json);
    INFO("case " << c.at("id") << ": " << code);
    const std::vector<cli::torch_entry> read =
        cli::build_model(cli::parse_python(code), cli::convention::torch).torch;
    REQUIRE(read.size() == 1);
    CHECK(torch_listing(read[0].module) == torch_listing(from_json));
    ++agreed;
  }
  CHECK(agreed == fixture.at("cases").size());
}

TEST_CASE("readers: PyTorch settings rnnparams refuses, from code and from JSON", "[readers]") {
  const auto code_error = [](const std::string& code) {
    try {
      (void)cli::build_model(cli::parse_python(code), cli::convention::torch);
    } catch (const cli::syntax_error& e) {
      return std::string{e.what()};
    }
    return std::string{"no error"};
  };
  const auto json_error = [](const json& module) {
    try {
      (void)rnnparams::torch_config::module_from_config(module);
    } catch (const rnnparams::invalid_model& e) {
      return std::string{e.what()};
    }
    return std::string{"no error"};
  };
  // LayerNorm(bias=False) is PyTorch >= 2.1; bias=True is what 1.13 builds.
  CHECK(code_error("nn.LayerNorm(10, bias=False)") ==
        "LayerNorm: bias=False (PyTorch >= 2.1) is not supported: rnnparams models PyTorch 1.13's LayerNorm");
  CHECK(json_error({{"class_name", "LayerNorm"}, {"kwargs", {{"normalized_shape", 10}, {"bias", false}}}}) ==
        "rnnparams::torch_config: LayerNorm: \"bias\": false (PyTorch >= 2.1) is not supported: rnnparams "
        "models PyTorch 1.13's LayerNorm");
  CHECK(code_error("nn.LayerNorm(10, bias=True)") == "no error");
  // Embedding(_freeze=True) (PyTorch >= 2.0) makes the weight non-trainable, in both readers.
  CHECK(code_error("nn.Embedding(10, 3, _freeze=True)") == "no error");
  CHECK(json_error({{"class_name", "Embedding"},
                    {"kwargs", {{"num_embeddings", 10}, {"embedding_dim", 3}, {"_freeze", true}}}}) ==
        "no error");
  CHECK(code_error("nn.Embedding(10, 3, _freeze=1)") ==
        "_freeze of Embedding must be True or False, got an int");
  // dtype: float32 only, in both readers.
  CHECK(code_error("nn.Linear(3, 4, dtype=torch.float64)") ==
        "Linear: dtype=torch.float64 is not supported: rnnparams reports float32 parameters");
  CHECK(code_error("nn.Linear(3, 4, True, None, torch.float32)") == "no error"); // device, dtype by position
  // PyTorch 1.13's RNN takes nonlinearity by keyword only; its fourth positional argument is bias.
  CHECK(code_error("nn.RNN(10, 20, 1, 'relu')") == "bias of RNN must be True or False, got a string");
  CHECK(code_error("nn.GRU(10, 20, proj_size=5)") == "GRU has no argument 'proj_size'");
  CHECK(json_error(
            {{"class_name", "GRU"}, {"kwargs", {{"input_size", 1}, {"hidden_size", 2}, {"proj_size", 1}}}}) ==
        "rnnparams::torch_config: GRU: unexpected keyword argument \"proj_size\"");
}

TEST_CASE("readers: BatchNorm1d(momentum=None) and Embedding(max_norm=...) read alike", "[readers]") {
  const auto from_code = [](const std::string& code) {
    return cli::build_model(cli::parse_python(code), cli::convention::torch).torch.at(0).module;
  };
  const auto bn = rnnparams::get<rnnparams::torch::BatchNorm1d>(from_code("nn.BatchNorm1d(10, 1e-3, None)"));
  CHECK_FALSE(bn.momentum.has_value());
  CHECK(bn.eps == 1e-3);
  const auto bn_json =
      rnnparams::get<rnnparams::torch::BatchNorm1d>(rnnparams::torch_config::module_from_config(
          {{"class_name", "BatchNorm1d"}, {"kwargs", {{"num_features", 10}, {"momentum", nullptr}}}}));
  CHECK_FALSE(bn_json.momentum.has_value());
  const auto e = rnnparams::get<rnnparams::torch::Embedding>(from_code("nn.Embedding(10, 3, max_norm=1)"));
  CHECK(e.max_norm == 1.0);
}

TEST_CASE("readers: functional Keras code prints the summaries Keras's own printing code printed",
          "[readers]") {
  // tests/cli/inputs/functional/<model>.py is each model of tools/keras_summary's goldens written as
  // Keras code: Inputs, layers called on tensors, return_state unpacked, initial_state, shared layers,
  // merges and their function forms, keras.Model(inputs, outputs).
  for (const char* stem : {"fn_seq2seq", "fn_shared", "fn_residual", "fn_attention", "fn_multi_io",
                           "fn_chain", "fn_self_attention", "fn_wide_concat"}) {
    std::ifstream in(std::string{RNNPARAMS_FUNCTIONAL_CODE_DIR} + "/" + stem + ".py", std::ios::binary);
    REQUIRE(in);
    std::ostringstream code;
    code << in.rdbuf();
    const auto with = [](std::optional<cli::output_format> format, std::optional<std::size_t> width) {
      cli::options o;
      o.format = format;
      o.line_length = width;
      return o;
    };
    INFO(stem);
    CHECK(cli::run_command(code.str(), with(std::nullopt, 88)) ==
          test::golden(std::string{"summary/"} + stem + ".keras3.txt"));
    CHECK(cli::run_command(code.str(), with(cli::output_format::keras3, 76)) ==
          test::golden(std::string{"summary/"} + stem + ".keras3_76.txt"));
    CHECK(cli::run_command(code.str(), with(cli::output_format::tf_keras, std::nullopt)) ==
          test::golden(std::string{"summary/"} + stem + ".tf_keras.txt"));
    CHECK(cli::run_command(code.str(), with(cli::output_format::keras2, std::nullopt)) ==
          test::golden(std::string{"summary/"} + stem + ".keras2.txt"));
  }
}

TEST_CASE("readers: imports bind the names of modules other than Keras's, which functional code treats as "
          "unknown",
          "[readers]") {
  const std::vector<cli::statement> code = cli::parse_python(
      "import numpy as np, os.path\nfrom tensorflow.keras import layers\nfrom sklearn import (a,\n  b as c)\n"
      "from keras.layers import *\nT, D = 8, 2\n");
  REQUIRE(code.size() == 5);
  CHECK((code[0].is_import && code[0].foreign_names == std::vector<std::string>{"np", "os"}));
  CHECK((code[1].is_import && code[1].foreign_names.empty()));
  CHECK((code[2].is_import && code[2].foreign_names == std::vector<std::string>{"a", "c"}));
  CHECK((code[3].is_import && code[3].foreign_names.empty()));
  CHECK((code[4].unpack == std::vector<std::string>{"T", "D"} &&
         code[4].expression.type == cli::value::kind::tuple && code[4].expression.items.size() == 2));
  for (const char* wrong : {"import\n", "from x import\n", "import a as\n", "from x import a)\n"}) {
    INFO(wrong);
    CHECK_THROWS_AS(cli::parse_python(wrong), cli::syntax_error);
  }
}
