// tests/conformance/merging.test.cpp: keras_merge_cases.json (merge and attention layers recorded with
// TensorFlow.js, tools/reference/keras/merging.mjs), read by the Keras JSON reader and called in a
// keras::Functional at run time, and keras_layer_test_cases.json (the run_layer_test cases of Keras 3's
// own tests, tools/reference/keras/keras_tests.py), the same way.
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "conformance.hpp"
#include "keras_config.hpp"

#include <rnnparams/errors.hpp>
#include <rnnparams/keras/functional.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace k = rnnparams::keras;
using nlohmann::json;

namespace {
using conformance::dims_of;
using conformance::shape_of;

/// What the graph gives for a layer called once on Inputs of these shapes: its info and the output.
struct called {
  k::layer_info info;
  rnnparams::shape output;
};

/// A case's layer (its class and config, read by the Keras JSON reader) called on Inputs of its shapes,
/// and the model of both; an invalid_model if it refuses them.
called call(const json& c) {
  const k::multi_input_layer layer = rnnparams::keras_config::multi_input_layer_from_config(
      {{"class_name", c["class_name"]}, {"config", c["config"]}});
  std::vector<rnnparams::shape> shapes;
  for (const json& s : c["inputs"]) {
    shapes.push_back(shape_of(s));
  }
  REQUIRE((shapes.size() >= 2 && shapes.size() <= 4));
  k::Functional<> f;
  std::vector<k::tensor> in;
  for (const rnnparams::shape& s : shapes) {
    in.push_back(f.input(s));
  }
  const auto handle = f.add(layer);
  const auto model_of = [&](const k::tensor& out) {
    switch (in.size()) {
    case 2:
      return f.model({in[0], in[1]}, {out});
    case 3:
      return f.model({in[0], in[1], in[2]}, {out});
    default:
      return f.model({in[0], in[1], in[2], in[3]}, {out});
    }
  };
  k::tensor out;
  switch (in.size()) {
  case 2:
    out = handle({in[0], in[1]});
    break;
  case 3:
    out = handle({in[0], in[1], in[2]});
    break;
  default:
    out = handle({in[0], in[1], in[2], in[3]});
  }
  const k::Functional<> model = model_of(out);
  return {model.info(model.size() - 1), model.output_shape()};
}

} // namespace

TEST_CASE("every merge and attention case recorded from TensorFlow.js", "[keras][merging]") {
  const json fixture = conformance::load("keras_merge_cases.json");
  conformance::tally tally;
  for (const json& c : fixture["cases"]) {
    const std::int64_t id = c["id"].get<std::int64_t>();
    const auto fail = [&](const std::string& what, const std::string& want, const std::string& got) {
      conformance::report(id, {0, c["class_name"].get<std::string>() + ": " + what, want, got});
      tally.fail();
    };
    std::optional<called> got;
    std::string refused;
    try {
      got = call(c);
    } catch (const rnnparams::invalid_model& e) {
      refused = e.what();
    }
    if (c.value("error", false)) {
      if (got) {
        fail("refusal", "an error", "output " + dims_of(got->output).dump());
      } else {
        tally.pass();
      }
      continue;
    }
    if (!got) {
      fail("output", c["output_shape"].dump(), refused);
      continue;
    }
    bool ok = true;
    if (dims_of(got->output) != c["output_shape"]) {
      fail("output shape", c["output_shape"].dump(), dims_of(got->output).dump());
      ok = false;
    }
    json weights = json::array();
    for (const rnnparams::weight& w : got->info.weights) {
      weights.push_back(dims_of(w.shape));
    }
    if (weights != c["weights"]) {
      fail("weights", c["weights"].dump(), weights.dump());
      ok = false;
    }
    if (got->info.params != c["params"].get<std::uint64_t>()) {
      fail("params", c["params"].dump(), std::to_string(got->info.params));
      ok = false;
    }
    if (ok) {
      tally.pass();
    }
  }
  conformance::check_all_passed(tally, fixture["cases"].size());
}

TEST_CASE("every run_layer_test case of Keras 3's own tests of these layers", "[keras][merging]") {
  const json fixture = conformance::load("keras_layer_test_cases.json");
  conformance::tally tally;
  std::int64_t id = 0;
  for (const json& c : fixture["cases"]) {
    const std::string where = c["file"].get<std::string>() + ":" + std::to_string(c["line"].get<int>());
    const auto fail = [&](const std::string& what, const std::string& want, const std::string& got) {
      conformance::report(id, {0, where + " " + c["class_name"].get<std::string>() + ": " + what, want, got});
      tally.fail();
    };
    ++id;
    const called got = call(c);
    std::size_t trainable = 0;
    for (const rnnparams::weight& w : got.info.weights) {
      trainable += w.trainable ? 1U : 0U;
    }
    const std::size_t frozen = got.info.weights.size() - trainable;
    bool ok = true;
    if (dims_of(got.output) != c["output_shape"]) {
      fail("output shape", c["output_shape"].dump(), dims_of(got.output).dump());
      ok = false;
    }
    if (trainable != c["trainable_weights"].get<std::size_t>() ||
        frozen != c["non_trainable_weights"].get<std::size_t>()) {
      fail("weight tensors (trainable, non-trainable)",
           c["trainable_weights"].dump() + ", " + c["non_trainable_weights"].dump(),
           std::to_string(trainable) + ", " + std::to_string(frozen));
      ok = false;
    }
    if (ok) {
      tally.pass();
    }
  }
  conformance::check_all_passed(tally, fixture["cases"].size());
}
