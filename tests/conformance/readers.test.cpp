// tests/conformance/readers.test.cpp: the Keras code reader, the Keras JSON reader and the "layer as Keras
// code" formatter agree, since all three walk each layer's describe(). SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "conformance.hpp"
#include "keras_config.hpp"
#include "model_code.hpp"
#include "python_syntax.hpp"

#include <rnnparams/format.hpp>
#include <rnnparams/keras/model.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

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

TEST_CASE("readers: every case of keras_cases.json read from JSON, written as Keras code and read back",
          "[readers]") {
  const json fixture = conformance::load("keras_cases.json");
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
  CHECK(round_trips > 2000);
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
  CHECK_THROWS_WITH(from_code("Input((5, 3))\nLSTM(4, return_state=True)"),
                    Catch::Matchers::Contains("return_state=True is not supported: it returns the states"));
  CHECK_THROWS_WITH(from_code("Input((5, 3))\nLSTM(4, time_major=True)"),
                    Catch::Matchers::Contains("time_major=True is not supported"));
  CHECK_THROWS_WITH(from_code("Input((5, 3))\nBidirectional(Dense(2))"),
                    Catch::Matchers::Contains("Bidirectional wraps a SimpleRNN, LSTM or GRU, not Dense"));
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
