// tests/conformance/functional.test.cpp: keras_functional_cases.json (functional models recorded with
// TensorFlow.js, tools/reference/keras/functional.mjs) rebuilt with keras::Functional at run time.
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "conformance.hpp"
#include "keras_config.hpp"
#include "model_code.hpp"
#include "python_syntax.hpp"

#include <rnnparams/format.hpp>
#include <rnnparams/keras/functional.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace k = rnnparams::keras;
using nlohmann::json;

namespace {
using conformance::shape_of;

/// Rebuilds a case's graph: its Inputs, then each op (a new layer read by the Keras JSON reader, or a
/// further call of an earlier op's layer), then the model of its needed inputs and its outputs.
k::Functional<> build(const json& c) {
  k::Functional<> f;
  std::map<std::pair<std::string, std::size_t>, k::tensor> tensors; // ["i0", 0] or [op, i] -> tensor
  const auto key = [](const json& ref) {
    return std::pair{ref[0].is_string() ? ref[0].get<std::string>()
                                        : std::to_string(ref[0].get<std::size_t>()),
                     ref[1].get<std::size_t>()};
  };
  for (std::size_t i = 0; i < c["inputs"].size(); ++i) {
    tensors[{"i" + std::to_string(i), 0}] = f.input(shape_of(c["inputs"][i]));
  }
  std::vector<k::layer_handle<k::Functional<>, k::layer>> handles;
  for (std::size_t n = 0; n < c["ops"].size(); ++n) {
    const json& op = c["ops"][n];
    k::initial_state states;
    for (const json& r : op.value("initial_state", json::array())) {
      states.tensors.push_back(tensors.at(key(r)), k::initial_state::who);
    }
    const bool reuse = op.contains("reuse");
    if (!reuse) {
      handles.push_back(f.add(rnnparams::keras_config::layer_from_config(op["layer"])));
    } else {
      handles.push_back(handles.at(op["reuse"].get<std::size_t>()));
    }
    const k::call_outputs out = handles.back()(tensors.at(key(op["on"][0])), states);
    for (std::size_t i = 0; i < out.size(); ++i) {
      tensors[{std::to_string(n), i}] = out[i];
    }
  }
  std::vector<k::tensor> inputs;
  for (const json& i : c["model_inputs"]) {
    inputs.push_back(tensors.at({"i" + std::to_string(i.get<std::size_t>()), 0}));
  }
  std::vector<k::tensor> outputs;
  for (const json& r : c["outputs"]) {
    outputs.push_back(tensors.at(key(r)));
  }
  // model() takes initializer lists: up to three of each, as the generator makes them.
  const auto list = [](const std::vector<k::tensor>& v) {
    REQUIRE((!v.empty() && v.size() <= 3));
    return v;
  };
  const std::vector<k::tensor> in = list(inputs);
  const std::vector<k::tensor> outs = list(outputs);
  const auto model_of = [&](const auto&... ins) {
    switch (outs.size()) {
    case 1:
      return f.model({ins...}, {outs[0]});
    case 2:
      return f.model({ins...}, {outs[0], outs[1]});
    default:
      return f.model({ins...}, {outs[0], outs[1], outs[2]});
    }
  };
  switch (in.size()) {
  case 1:
    return model_of(in[0]);
  case 2:
    return model_of(in[0], in[1]);
  default:
    return model_of(in[0], in[1], in[2]);
  }
}

/// A case as functional Keras code, as a person writes it: `i0 = Input(shape=(None, 4))`, each new layer
/// bound to a name and called (`t1 = l0(t0[0], initial_state=[t0[1], t0[2]])`, a shared layer called
/// again by its name), then `model = Model(inputs=[...], outputs=[...])`.
std::string as_functional_code(const json& c) {
  std::string code = "from keras import Input, Model\nfrom keras.layers import *\n";
  for (std::size_t i = 0; i < c["inputs"].size(); ++i) {
    code += fmt::format("i{} = Input(shape=(", i);
    for (const rnnparams::dim d : shape_of(c["inputs"][i])) {
      code += fmt::format("{}, ", d);
    }
    code += "))\n";
  }
  std::vector<bool> several; // whether op n returns [output, *states]
  std::vector<std::size_t> layer_of;
  const auto ref = [&](const json& r) {
    if (r[0].is_string()) {
      return r[0].get<std::string>();
    }
    const auto op = r[0].get<std::size_t>();
    return several.at(op) ? fmt::format("t{}[{}]", op, r[1].get<std::size_t>()) : fmt::format("t{}", op);
  };
  for (std::size_t n = 0; n < c["ops"].size(); ++n) {
    const json& op = c["ops"][n];
    if (op.contains("reuse")) {
      layer_of.push_back(layer_of.at(op["reuse"].get<std::size_t>()));
      several.push_back(several.at(op["reuse"].get<std::size_t>()));
    } else {
      const k::layer layer = rnnparams::keras_config::layer_from_config(op["layer"]);
      code += fmt::format("l{} = {}\n", n, layer);
      layer_of.push_back(n);
      several.push_back(rnnparams::detail::keras_returns_state(layer));
    }
    code += fmt::format("t{} = l{}({}", n, layer_of.back(), ref(op["on"][0]));
    if (op.contains("initial_state")) {
      std::vector<std::string> states;
      for (const json& r : op["initial_state"]) {
        states.push_back(ref(r));
      }
      code += fmt::format(", initial_state=[{}]", fmt::join(states, ", "));
    }
    code += ")\n";
  }
  std::vector<std::string> inputs;
  for (const json& i : c["model_inputs"]) {
    inputs.push_back(fmt::format("i{}", i.get<std::size_t>()));
  }
  std::vector<std::string> outputs;
  for (const json& r : c["outputs"]) {
    outputs.push_back(ref(r));
  }
  code += fmt::format("model = Model(inputs=[{}], outputs=[{}])\nmodel.summary()\n", fmt::join(inputs, ", "),
                      fmt::join(outputs, ", "));
  return code;
}

} // namespace

/// Compares a model with what tfjs recorded for case `c`: model.layers in order (class, counts, each
/// call's inbound tensors by position), the output shapes and the total; `fail` reports a difference.
template <class Model, class Fail>
void compare(const Model& model, const json& c, bool& ok, const Fail& fail) {
  const json& layers = c["layers"];
  if (model.size() != layers.size()) {
    fail({}, "number of layers", std::to_string(layers.size()), std::to_string(model.size()));
    return;
  }
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < model.size(); ++i) {
    position[std::string{model.name(i).view()}] = i;
  }
  for (std::size_t i = 0; i < model.size(); ++i) {
    const json& want = layers[i];
    const k::layer_info info = model.info(i);
    if (info.class_name != want["class_name"].get<std::string>()) {
      fail(i, "class", want["class_name"].get<std::string>(), std::string{info.class_name});
      ok = false;
      continue;
    }
    if (info.params != want["params"].get<std::uint64_t>() ||
        info.trainable_params != want["trainable_params"].get<std::uint64_t>()) {
      fail(i, "params", want["params"].dump(), std::to_string(info.params));
      ok = false;
    }
    const json& nodes = want["inbound"];
    if (model.call_count(i) != nodes.size()) {
      fail(i, "calls", std::to_string(nodes.size()), std::to_string(model.call_count(i)));
      ok = false;
      continue;
    }
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      json got = json::array();
      for (const k::connection& from : model.inbound(i, n)) {
        got.push_back({position.at(std::string{from.layer.view()}), from.node, from.tensor});
      }
      if (got != nodes[n]) {
        fail(i, "inbound of call " + std::to_string(n), nodes[n].dump(), got.dump());
        ok = false;
      }
    }
  }
  for (std::size_t o = 0; o < model.output_count(); ++o) {
    if (!(model.output_shape(o) == shape_of(c["output_shapes"][o]))) {
      fail({}, "output shape " + std::to_string(o), c["output_shapes"][o].dump(), "differs");
      ok = false;
    }
  }
  if (model.count_params() != c["total_params"].get<std::uint64_t>()) {
    fail({}, "total_params", c["total_params"].dump(), std::to_string(model.count_params()));
    ok = false;
  }
}

TEST_CASE("every functional case recorded from TensorFlow.js", "[keras][functional]") {
  const json fixture = conformance::load("keras_functional_cases.json");
  conformance::tally tally;
  for (const json& c : fixture["cases"]) {
    const std::int64_t id = c["id"].get<std::int64_t>();
    const auto fail = [&](std::optional<std::size_t> layer, const std::string& what, const std::string& want,
                          const std::string& got) {
      conformance::report(id, {layer, what, want, got});
      tally.fail();
    };
    bool ok = true;
    compare(build(c), c, ok, fail);
    if (ok) {
      tally.pass();
    }
  }
  conformance::check_all_passed(tally, fixture["cases"].size());
}

TEST_CASE("every functional model JSON written by TensorFlow.js, read by the JSON reader",
          "[keras][functional]") {
  const json fixture = conformance::load("keras_functional_cases.json");
  conformance::tally tally;
  std::size_t with_json = 0;
  for (const json& c : fixture["cases"]) {
    if (!c.contains("model_json")) {
      continue;
    }
    ++with_json;
    const std::int64_t id = c["id"].get<std::int64_t>();
    const auto fail = [&](std::optional<std::size_t> layer, const std::string& what, const std::string& want,
                          const std::string& got) {
      conformance::report(id, {layer, "model_json: " + what, want, got});
      tally.fail();
    };
    bool ok = true;
    compare(*rnnparams::keras_config::functional_from_config(c["model_json"]), c, ok, fail);
    if (ok) {
      tally.pass();
    }
  }
  CHECK(with_json == 30);
  conformance::check_all_passed(tally, with_json);
}

TEST_CASE("every functional case written as Keras functional code, read by the code reader",
          "[keras][functional]") {
  namespace cli = rnnparams::cli;
  const json fixture = conformance::load("keras_functional_cases.json");
  conformance::tally tally;
  for (const json& c : fixture["cases"]) {
    const std::int64_t id = c["id"].get<std::int64_t>();
    const std::string code = as_functional_code(c);
    const auto fail = [&](std::optional<std::size_t> layer, const std::string& what, const std::string& want,
                          const std::string& got) {
      conformance::report(id, {layer, "code: " + what + "\n" + code, want, got});
      tally.fail();
    };
    bool ok = true;
    const cli::code_model read = cli::build_model(cli::parse_python(code), cli::convention::keras);
    REQUIRE(read.functional != nullptr);
    compare(*read.functional, c, ok, fail);
    if (ok) {
      tally.pass();
    }
  }
  conformance::check_all_passed(tally, fixture["cases"].size());
}
