// tests/conformance/config.test.cpp: the JSON readers (tools/cli) on the forms Keras and PyTorch write.
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "keras_config.hpp"
#include "torch_config.hpp"

#include <rnnparams/keras/model.hpp>
#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace k = rnnparams::keras;
namespace kc = rnnparams::keras_config;
namespace tc = rnnparams::torch_config;
using nlohmann::json;
using rnnparams::to_batch_string;

namespace {

// Recorded: TensorFlow.js 4.22.0, `JSON.stringify(model.toJSON(null, false))` of
//   conv1d({inputShape: [100, 8], filters: 16, kernelSize: 3, padding: 'same'}), maxPooling1d({poolSize: 2}),
//   batchNormalization(), bidirectional({layer: lstm({units: 8, returnSequences: true})}),
//   timeDistributed({layer: dense({units: 4})}), layerNormalization(), gru({units: 5, resetAfter: false}),
//   dropout({rate: 0.5}), dense({units: 1, activation: 'sigmoid'})
// whose layers' countParams() were 400, 0, 64, 1600, 68, 8, 150, 0, 6 (model 2296).
constexpr const char* tfjs_model =
    R"json({"class_name":"Sequential","config":{"name":"sequential_1","layers":[{"class_name":"Conv1D","config":{"filters":16,"kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},"kernel_regularizer":null,"kernel_constraint":null,"kernel_size":[3],"strides":[1],"padding":"same","dilation_rate":[1],"activation":"linear","use_bias":true,"bias_initializer":{"class_name":"Zeros","config":{}},"bias_regularizer":null,"activity_regularizer":null,"bias_constraint":null,"name":"conv1d_Conv1D1","trainable":true,"batch_input_shape":[null,100,8],"dtype":"float32"}},
{"class_name":"MaxPooling1D","config":{"pool_size":[2],"padding":"valid","strides":[2],"name":"max_pooling1d_MaxPooling1D1","trainable":true}},
{"class_name":"BatchNormalization","config":{"axis":-1,"momentum":0.99,"epsilon":0.001,"center":true,"scale":true,"beta_initializer":{"class_name":"Zeros","config":{}},"gamma_initializer":{"class_name":"Ones","config":{}},"moving_mean_initializer":{"class_name":"Zeros","config":{}},"moving_variance_initializer":{"class_name":"Ones","config":{}},"beta_regularizer":null,"gamma_regularizer":null,"beta_constraint":null,"gamma_constraint":null,"name":"batch_normalization_BatchNormalization1","trainable":true}},
{"class_name":"Bidirectional","config":{"merge_mode":"concat","layer":{"class_name":"LSTM","config":{"name":"lstm_LSTM1","trainable":true,"units":8,"activation":"tanh","recurrent_activation":"hard_sigmoid","use_bias":true,"kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},"recurrent_initializer":{"class_name":"Orthogonal","config":{"gain":1,"seed":null}},"bias_initializer":{"class_name":"Zeros","config":{}},"unit_forget_bias":null,"kernel_regularizer":null,"recurrent_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,"kernel_constraint":null,"recurrent_constraint":null,"bias_constraint":null,"dropout":0,"recurrent_dropout":0,"implementation":null,"return_sequences":true,"return_state":false,"go_backwards":false,"stateful":false,"unroll":false}},"name":"bidirectional_Bidirectional1","trainable":true}},
{"class_name":"TimeDistributed","config":{"layer":{"class_name":"Dense","config":{"units":4,"activation":"linear","use_bias":true,"kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},"bias_initializer":{"class_name":"Zeros","config":{}},"kernel_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,"kernel_constraint":null,"bias_constraint":null,"name":"dense_Dense1","trainable":true}},"name":"time_distributed_TimeDistributed1","trainable":true}},
{"class_name":"LayerNormalization","config":{"axis":[2],"epsilon":0.001,"center":true,"scale":true,"beta_initializer":{"class_name":"Zeros","config":{}},"gamma_initializer":{"class_name":"Ones","config":{}},"beta_regularizer":null,"gamma_regularizer":null,"name":"layer_normalization_LayerNormalization1","trainable":true}},
{"class_name":"GRU","config":{"name":"gru_GRU1","trainable":true,"units":5,"activation":"tanh","recurrent_activation":"hard_sigmoid","use_bias":true,"kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},"recurrent_initializer":{"class_name":"Orthogonal","config":{"gain":1,"seed":null}},"bias_initializer":{"class_name":"Zeros","config":{}},"kernel_regularizer":null,"recurrent_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,"kernel_constraint":null,"recurrent_constraint":null,"bias_constraint":null,"dropout":0,"recurrent_dropout":0,"implementation":null,"reset_after":false,"return_sequences":false,"return_state":false,"go_backwards":false,"stateful":false,"unroll":false}},
{"class_name":"Dropout","config":{"rate":0.5,"noise_shape":null,"seed":null,"name":"dropout_Dropout1","trainable":true}},
{"class_name":"Dense","config":{"units":1,"activation":"sigmoid","use_bias":true,"kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},"bias_initializer":{"class_name":"Zeros","config":{}},"kernel_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,"kernel_constraint":null,"bias_constraint":null,"name":"dense_Dense2","trainable":true}}]},"keras_version":"tfjs-layers 4.22.0","backend":"tensor_flow.js"})json";

// Written from Keras 3's get_config methods (keras/src/models/sequential.py, layers/layer.py,
// layers/rnn/lstm.py, gru.py, bidirectional.py, layers/normalization/layer_normalization.py), trimmed
// of initializers and regularizers, as config.json in a .keras archive holds it.
constexpr const char* keras3_config = R"json({
  "module": "keras", "class_name": "Sequential", "registered_name": null,
  "build_config": {"input_shape": [null, 20, 8]},
  "config": {"name": "sequential", "trainable": true,
    "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
    "layers": [
      {"module": "keras.layers", "class_name": "InputLayer", "registered_name": null,
       "config": {"batch_shape": [null, 20, 8], "dtype": "float32", "sparse": false, "ragged": false,
                  "name": "input_layer", "optional": false}},
      {"module": "keras.layers", "class_name": "LSTM", "registered_name": null,
       "build_config": {"input_shape": [null, 20, 8]},
       "config": {"name": "lstm", "trainable": true,
                  "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                            "registered_name": null},
                  "return_sequences": true, "return_state": false, "go_backwards": false, "stateful": false,
                  "unroll": false, "zero_output_for_mask": false, "units": 16, "activation": "tanh",
                  "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true,
                  "dropout": 0.0, "recurrent_dropout": 0.0, "seed": null}},
      {"module": "keras.layers", "class_name": "Bidirectional", "registered_name": null,
       "build_config": {"input_shape": [null, 20, 16]},
       "config": {"name": "bidirectional", "trainable": true, "dtype": "float32", "merge_mode": "concat",
                  "layer": {"module": "keras.layers", "class_name": "GRU", "registered_name": null,
                            "config": {"name": "forward_gru", "trainable": true, "units": 4, "use_bias": true,
                                       "return_sequences": false, "go_backwards": false, "reset_after": true}},
                  "backward_layer": {"module": "keras.layers", "class_name": "GRU", "registered_name": null,
                                     "config": {"name": "backward_gru", "trainable": true, "units": 4,
                                                "use_bias": true, "return_sequences": false,
                                                "go_backwards": true, "reset_after": true}}}},
      {"module": "keras.layers", "class_name": "LayerNormalization", "registered_name": null,
       "build_config": {"input_shape": [null, 8]},
       "config": {"name": "layer_normalization", "trainable": true, "dtype": "float32", "axis": [1],
                  "epsilon": 0.001, "center": true, "scale": true, "rms_scaling": false}},
      {"module": "keras.layers", "class_name": "Dense", "registered_name": null,
       "build_config": {"input_shape": [null, 8]},
       "config": {"name": "dense", "trainable": true, "dtype": "float32", "units": 1, "activation": "sigmoid",
                  "use_bias": true, "quantization_config": null}}
    ]}
})json";

// Written from tf-keras's get_config methods (tf_keras/layers/rnn/base_rnn.py, gru.py,
// convolutional/base_conv.py, normalization/batch_normalization.py, pooling/base_pooling1d.py): the
// 1-tuples, batch_input_shape and a built BatchNormalization's axis list of tf.keras 2 model.to_json().
constexpr const char* tf_keras2_model = R"json({"class_name": "Sequential", "keras_version": "2.15.0",
  "backend": "tensorflow",
  "config": {"name": "sequential", "layers": [
    {"class_name": "InputLayer", "config": {"batch_input_shape": [null, null, 4], "dtype": "float32",
                                            "sparse": false, "ragged": false, "name": "input_1"}},
    {"class_name": "Conv1D", "config": {"name": "conv1d", "trainable": true, "dtype": "float32", "filters": 8,
                                        "kernel_size": [3], "strides": [1], "padding": "causal",
                                        "data_format": "channels_last", "dilation_rate": [2], "groups": 1,
                                        "activation": "relu", "use_bias": true}},
    {"class_name": "BatchNormalization", "config": {"name": "batch_normalization", "trainable": true,
                                                    "dtype": "float32", "axis": [2], "momentum": 0.99,
                                                    "epsilon": 0.001, "center": true, "scale": true}},
    {"class_name": "MaxPooling1D", "config": {"name": "max_pooling1d", "trainable": true, "dtype": "float32",
                                              "strides": [2], "pool_size": [2], "padding": "valid",
                                              "data_format": "channels_last"}},
    {"class_name": "GRU", "config": {"name": "gru", "trainable": true, "dtype": "float32",
                                     "return_sequences": false, "return_state": false, "go_backwards": false,
                                     "stateful": false, "unroll": false, "time_major": false, "units": 6,
                                     "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": true,
                                     "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2,
                                     "reset_after": true}}]}})json";

json layer(const char* class_name, json config) {
  return {{"class_name", class_name}, {"config", std::move(config)}};
}

} // namespace

TEST_CASE("keras_config: a TensorFlow.js model.toJSON() gives the counts tfjs printed", "[config]") {
  const json document = json::parse(tfjs_model);
  for (const json& form : {document, json{{"modelTopology", document}, {"weightsManifest", json::array()}}}) {
    const k::model m = kc::model_from_config(form);
    REQUIRE(m.size() == 9);
    const std::uint64_t params[] = {400, 0, 64, 1600, 68, 8, 150, 0, 6};
    for (std::size_t i = 0; i < m.size(); ++i) {
      CAPTURE(i);
      CHECK(m.info(i).params == params[i]);
    }
    CHECK(m.count_params() == 2296);
    CHECK(m.non_trainable_params() == 32);
    CHECK(to_batch_string(m.input_shape()) == "(None, 100, 8)");
    CHECK(to_batch_string(m.info(3).output_shape) == "(None, 50, 16)");
    CHECK(to_batch_string(m.output_shape()) == "(None, 1)");
    CHECK(m.name(0) == "conv1d_Conv1D1"); // the names tfjs gave
    CHECK(m.name(8) == "dense_Dense2");
  }
}

TEST_CASE("keras_config: a Keras 3 config.json", "[config]") {
  const json document = json::parse(keras3_config);
  const k::model m = kc::model_from_config(document);
  REQUIRE(m.size() == 4);
  CHECK(m.info(0).params == 4 * ((8 + 16) * 16 + 16));
  CHECK(m.info(1).params == 2 * (3 * (16 + 4) * 4 + 2 * 3 * 4)); // two GRU copies, reset_after=True
  CHECK(m.info(2).params == 16);
  CHECK(m.count_params() == 1600 + 528 + 16 + 9);
  CHECK(to_batch_string(m.output_shape()) == "(None, 1)");
  CHECK(m.name(1) == "bidirectional");

  SECTION("without the InputLayer, the first layer's build_config gives the input") {
    json copy = document;
    copy["config"]["layers"].erase(0);
    CHECK(kc::model_from_config(copy).count_params() == 2153);
    copy["config"]["layers"][0].erase("build_config");
    CHECK(kc::model_from_config(copy).count_params() == 2153); // the model's build_config
    copy.erase("build_config");
    CHECK_THROWS_WITH(kc::model_from_config(copy),
                      "rnnparams::keras_config: Sequential: the input shape is not in the configuration (no "
                      "InputLayer, batch_input_shape, batch_shape or build_input_shape): pass it");
    CHECK(kc::model_from_config(copy, rnnparams::shape{20, 8}).count_params() == 2153);
  }
  SECTION("model.trainable = False freezes every layer") {
    json copy = document;
    copy["config"]["trainable"] = false;
    const k::model frozen = kc::model_from_config(copy);
    CHECK(frozen.trainable_params() == 0);
    CHECK(frozen.non_trainable_params() == 2153);
  }
  SECTION("a backward_layer that differs from layer is refused") {
    json copy = document;
    copy["config"]["layers"][2]["config"]["backward_layer"]["config"]["units"] = 5;
    CHECK_THROWS_WITH(
        kc::model_from_config(copy),
        "rnnparams::keras_config: layer 2: Bidirectional: a \"backward_layer\" that differs from "
        "\"layer\" (units) is not supported: rnnparams counts two copies of \"layer\"");
  }
}

TEST_CASE("keras_config: a tf.keras 2 model.to_json() with 1-tuples and a built axis list", "[config]") {
  const k::model m = kc::model_from_config(json::parse(tf_keras2_model));
  REQUIRE(m.size() == 4);
  CHECK(m.info(0).params == 3 * 4 * 8 + 8);
  CHECK(m.info(1).non_trainable_params == 16);
  CHECK(to_batch_string(m.info(2).output_shape) == "(None, None, 8)");
  CHECK(m.info(3).params == 3 * (8 + 6) * 6 + 6 * 6);
  CHECK(m.count_params() == 104 + 32 + 288);
}

TEST_CASE("keras_config: what rnnparams cannot represent, or a wrong type, is an error naming the key",
          "[config]") {
  using rnnparams::invalid_model;
  const rnnparams::shape seq{10, 4};
  CHECK_THROWS_WITH(
      kc::layer_from_config(layer("Attention", json::object())),
      Catch::Matchers::StartsWith("rnnparams::keras_config: Attention: unknown or unsupported layer "
                                  "class; rnnparams models SimpleRNN, LSTM, GRU"));
  CHECK_THROWS_WITH(kc::layer_from_config(layer("LSTM", {{"units", 10.5}})),
                    "rnnparams::keras_config: LSTM: \"units\" must be an integer, got number 10.5");
  CHECK_THROWS_WITH(kc::layer_from_config(layer("LSTM", json::object())),
                    "rnnparams::keras_config: LSTM: \"units\" is missing");
  CHECK_THROWS_WITH(
      kc::layer_from_config(layer("GRU", {{"units", 3}, {"return_sequences", "yes"}})),
      "rnnparams::keras_config: GRU: \"return_sequences\" must be true or false, got string \"yes\"");
  // return_state is read (a functional model takes the states); a Sequential model refuses it.
  const auto with_states = kc::layer_from_config(layer("LSTM", {{"units", 3}, {"return_state", true}}));
  CHECK(rnnparams::get<rnnparams::keras::LSTM>(with_states).return_state);
  CHECK_THROWS_WITH(rnnparams::keras::model(rnnparams::keras::Input{5, 2}, {with_states}),
                    "rnnparams::keras::Sequential: layer 1 (lstm): rnnparams::keras::LSTM: return_state=True "
                    "returns the states as extra outputs, which a Sequential model cannot pass on: build a "
                    "functional model (rnnparams/keras/functional.hpp)");
  CHECK_THROWS_WITH(kc::layer_from_config(layer(
                        "Conv1D", {{"filters", 4}, {"kernel_size", 3}, {"data_format", "channels_first"}})),
                    "rnnparams::keras_config: Conv1D: \"data_format\": \"channels_first\" is not supported: "
                    "rnnparams models "
                    "channels_last inputs (batch, steps, channels)");
  CHECK_THROWS_WITH(
      kc::layer_from_config(layer("Conv1D", {{"filters", 4}, {"kernel_size", {3, 3}}})),
      "rnnparams::keras_config: Conv1D: \"kernel_size\" must be an integer or a list of one integer "
      "(a 1-D layer), got array [3,3]");
  CHECK_THROWS_WITH(kc::layer_from_config(layer("Dense", {{"units", 3}, {"lora_rank", 4}})),
                    "rnnparams::keras_config: Dense: \"lora_rank\": number 4 is not supported: LoRA adds "
                    "lora_kernel_a and lora_kernel_b weights");
  CHECK_THROWS_WITH(
      kc::layer_from_config(layer("Dense", {{"units", 3},
                                            {"dtype",
                                             {{"class_name", "QuantizedDTypePolicy"},
                                              {"config", {{"name", "int8_from_float32"}}}}}})),
      "rnnparams::keras_config: Dense: dtype policy QuantizedDTypePolicy (quantization) changes the weights; "
      "rnnparams counts float weights");
  CHECK_THROWS_WITH(kc::layer_from_config(layer("BatchNormalization", {{"axis", 1}}), seq),
                    "rnnparams::keras_config: BatchNormalization: \"axis\": 1 is not supported: rnnparams "
                    "normalizes over the last axis (2 or -1 for an input (None, 10, 4))");
  CHECK_THROWS_WITH(
      kc::layer_from_config(layer("BatchNormalization", {{"axis", 2}})),
      "rnnparams::keras_config: BatchNormalization: \"axis\": 2 can only be checked against the input "
      "shape: pass it, or write -1 for the last axis");
  CHECK(rnnparams::holds_alternative<k::BatchNormalization>(
      kc::layer_from_config(layer("BatchNormalization", {{"axis", {2}}}), seq)));
  CHECK_THROWS_WITH(
      kc::layer_from_config(layer("Bidirectional", {{"layer", layer("Dense", {{"units", 2}})}})),
      "rnnparams::keras_config: Bidirectional: rnnparams wraps SimpleRNN, LSTM, GRU or RNN in "
      "Bidirectional, got Dense");
  CHECK_THROWS_WITH(
      kc::layer_from_config(layer("TimeDistributed", {{"layer", layer("LSTM", {{"units", "x"}})}})),
      "rnnparams::keras_config: TimeDistributed > LSTM: \"units\" must be an integer, got string \"x\"");
  // Values of the right type are left to rnnparams's own checks, with its own messages.
  CHECK_THROWS_WITH(
      (k::model{k::Input{seq},
                {kc::layer_from_config(
                    layer("Conv1D", {{"filters", 4}, {"kernel_size", 3}, {"padding", "full"}}))}}),
      "rnnparams::keras::Sequential: layer 1 (conv1d): rnnparams::keras::Conv1D: padding must be "
      "\"valid\", \"same\" or \"causal\"");
  // Keras 3's deprecated rms_scaling=True builds gamma only.
  const k::model rms{
      k::Input{seq},
      {kc::layer_from_config(layer("LayerNormalization", {{"rms_scaling", true}, {"scale", false}}))}};
  CHECK(rms.count_params() == 4);

  json model = json::parse(tf_keras2_model);
  model["config"]["layers"][3]["config"]["pool_size"] = "two";
  CHECK_THROWS_WITH(
      kc::model_from_config(model),
      "rnnparams::keras_config: layer 3: MaxPooling1D: \"pool_size\" must be an integer or a list of "
      "one integer (a 1-D layer), got string \"two\"");
  model = json::parse(tf_keras2_model);
  model["class_name"] = "Functional";
  CHECK_THROWS_WITH(
      kc::model_from_config(model),
      "rnnparams::keras_config: model: \"class_name\" is \"Functional\": a functional model, which "
      "functional_from_config reads (model_from_config reads Sequential models)");
  model = json::parse(tf_keras2_model);
  model["config"]["layers"].push_back(model["config"]["layers"][0]);
  CHECK_THROWS_WITH(
      kc::model_from_config(model),
      "rnnparams::keras_config: InputLayer: an InputLayer can only be the first entry of a Sequential "
      "model");
}

TEST_CASE("torch_config: PyTorch's constructor keywords, checked as its constructor checks them",
          "[config]") {
  const tc::module m =
      tc::module_from_config({{"class_name", "torch.nn.LSTM"},
                              {"kwargs", {{"input_size", 10}, {"hidden_size", 20}, {"proj_size", 5}}}});
  REQUIRE(rnnparams::holds_alternative<rnnparams::torch::LSTM>(m));
  CHECK(rnnparams::torch::class_name(m) == "LSTM");
  CHECK(rnnparams::get<rnnparams::torch::LSTM>(m).count_params() == 1460);

  const tc::module conv = tc::module_from_config(
      {{"class_name", "Conv1d"},
       {"kwargs", {{"in_channels", 4}, {"out_channels", 6}, {"kernel_size", {3}}, {"padding", "same"}}}});
  CHECK(rnnparams::to_string(rnnparams::get<rnnparams::torch::Conv1d>(conv).output_shape({2, 4, 9})) ==
        "(2, 6, 9)");

  // A 2-D module's sizes: an integer for both axes, or a list of two.
  const tc::module conv2d = tc::module_from_config({{"class_name", "Conv2d"},
                                                    {"kwargs",
                                                     {{"in_channels", 3},
                                                      {"out_channels", 8},
                                                      {"kernel_size", {3, 5}},
                                                      {"stride", {2, 1}},
                                                      {"padding", {1, 2}},
                                                      {"dilation", {1, 2}}}}});
  CHECK(rnnparams::to_string(rnnparams::get<rnnparams::torch::Conv2d>(conv2d).output_shape({2, 3, 10, 11})) ==
        "(2, 8, 5, 7)");
  const tc::module pool =
      tc::module_from_config({{"class_name", "MaxPool2d"},
                              {"kwargs", {{"kernel_size", 3}, {"stride", nullptr}, {"padding", {1, 0}}}}});
  CHECK(rnnparams::to_string(rnnparams::get<rnnparams::torch::MaxPool2d>(pool).output_shape({2, 5, 5, 6})) ==
        "(2, 5, 2, 2)");
  CHECK_THROWS_WITH(tc::module_from_config(
                        {{"class_name", "Conv2d"},
                         {"kwargs", {{"in_channels", 3}, {"out_channels", 8}, {"kernel_size", {3, 3, 3}}}}}),
                    "rnnparams::torch_config: Conv2d: \"kernel_size\" must be an integer or a list of 2 "
                    "integers, got array "
                    "[3,3,3]");
  CHECK_THROWS_WITH(
      tc::module_from_config(
          {{"class_name", "AvgPool2d"}, {"kwargs", {{"kernel_size", 2}, {"stride", {2, "x"}}}}}),
      "rnnparams::torch_config: AvgPool2d: \"stride\" must be an integer or a list of 2 integers, got string "
      "\"x\"");

  CHECK_THROWS_WITH(tc::module_from_config({{"class_name", "LSTM"}, {"kwargs", {{"input_size", 1}}}}),
                    "rnnparams::torch_config: LSTM: missing required argument \"hidden_size\"");
  CHECK_THROWS_WITH(
      tc::module_from_config({{"class_name", "LSTM"},
                              {"kwargs", {{"input_size", 1}, {"hidden_size", 2}, {"nonlinearity", "relu"}}}}),
      "rnnparams::torch_config: LSTM: unexpected keyword argument \"nonlinearity\"");
  CHECK_THROWS_WITH(
      tc::module_from_config({{"class_name", "Linear"},
                              {"kwargs", {{"in_features", 1}, {"out_features", 2}, {"dtype", "float64"}}}}),
      "rnnparams::torch_config: Linear: \"dtype\": \"float64\" is not supported: rnnparams reports "
      "float32 parameters");
  CHECK_THROWS_WITH(
      tc::module_from_config({{"class_name", "LayerNorm"}, {"kwargs", {{"normalized_shape", {4, "x"}}}}}),
      "rnnparams::torch_config: LayerNorm: \"normalized_shape\" must be an integer, got string \"x\"");
  CHECK_THROWS_WITH(
      tc::module_from_config({{"class_name", "Transformer"}, {"kwargs", json::object()}}),
      Catch::Matchers::StartsWith("rnnparams::torch_config: Transformer: unknown or unsupported "
                                  "module class"));
  // Values of the right type are left to rnnparams's own checks.
  const tc::module bad = tc::module_from_config(
      {{"class_name", "LSTM"}, {"kwargs", {{"input_size", 1}, {"hidden_size", 2}, {"proj_size", 2}}}});
  CHECK_THROWS_WITH(rnnparams::get<rnnparams::torch::LSTM>(bad).count_params(),
                    "rnnparams::torch::LSTM: proj_size has to be smaller than hidden_size");
}
