// tests/conformance/torch.test.cpp: every case of torch_cases.json through rnnparams::torch, compared field
// by field. SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "conformance.hpp"
#include "torch_config.hpp"

#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

using conformance::difference;
using nlohmann::json;

namespace {

/// A whole tensor shape as the fixture writes it ([3, 1, 60]); PyTorch shapes have no unknown axes.
rnnparams::shape tensor_shape(const json& dims) {
  rnnparams::shape s;
  for (const json& d : dims) {
    s.push_back(d.get<std::uint64_t>());
  }
  return s;
}

std::string text(const json& dims) { return rnnparams::to_string(tensor_shape(dims)); }

/// Compares a named_parameters() or named_buffers() listing with the fixture's.
template <class List>
std::optional<difference> compare_tensors(std::string_view what, const json& want, const List& got,
                                          bool dtypes) {
  const auto at = [&](std::string field, std::string expected,
                      std::string actual) -> std::optional<difference> {
    if (expected == actual) {
      return std::nullopt;
    }
    return difference{{}, std::string{what} + field, std::move(expected), std::move(actual)};
  };
  std::optional<difference> d;
  if ((d = at(" size()", std::to_string(want.size()), std::to_string(got.size())))) {
    return d;
  }
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto tensor = got[i];
    const std::string which = "[" + std::to_string(i) + "] ";
    if ((d = at(which + "name", want[i].at("name").get<std::string>(), std::string{tensor.name.view()})) ||
        (d = at(which + "shape", text(want[i].at("shape")), rnnparams::to_string(tensor.shape))) ||
        (dtypes &&
         (d = at(which + "dtype", want[i].at("dtype").get<std::string>(), std::string{tensor.dtype})))) {
      return d;
    }
  }
  return std::nullopt;
}

/// The module's forward on the fixture's inputs (one; tgt and memory; query, key and value): its output's
/// shape, and MultiheadAttention's attn_output_weights' for the recorded average_attn_weights.
template <class M>
std::pair<rnnparams::shape, std::optional<rnnparams::shape>>
forward_of(const M& m, const std::vector<rnnparams::shape>& in, bool average) {
  const auto need = [&](std::size_t n) {
    if (in.size() != n) {
      throw std::runtime_error("fixture: " + std::to_string(n) + " inputs expected");
    }
  };
  if constexpr (requires { m.forward_shapes(in[0], in[0], in[0], average); }) {
    need(3);
    const auto out = m.forward_shapes(in[0], in[1], in[2], average);
    return {out.attn_output, out.attn_output_weights};
  } else if constexpr (requires { m.output_shape(in[0], in[0]); }) {
    need(2);
    return {m.output_shape(in[0], in[1]), std::nullopt};
  } else {
    need(1);
    return {m.output_shape(in[0]), std::nullopt};
  }
}

/// The first place where the module rnnparams built differs from what PyTorch recorded, or nothing.
std::optional<difference> first_difference(const json& c, const rnnparams::torch_config::module& module) {
  return rnnparams::visit(
      [&](const auto& m) -> std::optional<difference> {
        const auto at = [&](std::string what, std::string expected,
                            std::string actual) -> std::optional<difference> {
          if (expected == actual) {
            return std::nullopt;
          }
          return difference{{}, std::move(what), std::move(expected), std::move(actual)};
        };
        std::uint64_t buffer_elements = 0;
        for (const json& b : c.at("buffers")) {
          buffer_elements += tensor_shape(b.at("shape")).num_elements("fixture");
        }
        const json& forward = c.at("forward");
        std::vector<rnnparams::shape> inputs;
        if (forward.contains("input_shapes")) {
          for (const json& i : forward.at("input_shapes")) {
            inputs.push_back(tensor_shape(i));
          }
        } else {
          inputs.push_back(tensor_shape(forward.at("input_shape")));
        }
        const rnnparams::shape input = inputs.front();
        std::string inputs_text;
        for (const rnnparams::shape& i : inputs) {
          inputs_text += (inputs_text.empty() ? "" : ", ") + rnnparams::to_string(i);
        }
        const bool average = forward.value("average_attn_weights", true);
        std::optional<difference> d;
        if ((d = at("class_name", c.at("class_name").get<std::string>(), std::string{m.class_name})) ||
            (d = at("count_params()", std::to_string(c.at("params").get<std::uint64_t>()),
                    std::to_string(m.count_params()))) ||
            (d = compare_tensors("named_parameters()", c.at("parameters"), m.named_parameters(), false)) ||
            (d = at("named_parameters().numel()", std::to_string(c.at("params").get<std::uint64_t>()),
                    std::to_string(m.named_parameters().numel()))) ||
            (d = compare_tensors("named_buffers()", c.at("buffers"), m.named_buffers(), true)) ||
            (d = at("count_buffers()", std::to_string(buffer_elements), std::to_string(m.count_buffers())))) {
          return d;
        }
        // The parameters that require gradients: recorded for Embedding.from_pretrained, all of them
        // elsewhere.
        const std::uint64_t trained = c.contains("trainable_params")
                                          ? c.at("trainable_params").get<std::uint64_t>()
                                          : c.at("params").get<std::uint64_t>();
        if ((d = at("trainable_params()", std::to_string(trained),
                    std::to_string(rnnparams::torch::trainable_params(rnnparams::torch::module{m}))))) {
          return d;
        }
        if (forward.contains("error")) {
          // PyTorch rejected the sample input: rnnparams must reject it too (its own words, same cause).
          try {
            return difference{{},
                              "output_shape(" + inputs_text + ")",
                              forward.at("error").get<std::string>(),
                              rnnparams::to_string(forward_of(m, inputs, average).first)};
          } catch (const rnnparams::invalid_model&) {
            return std::nullopt;
          }
        }
        const auto [output, weights] = forward_of(m, inputs, average);
        if ((d = at("output_shape(" + inputs_text + ")", text(forward.at("output_shape")),
                    rnnparams::to_string(output)))) {
          return d;
        }
        if (forward.contains("attn_output_weights_shape") != weights.has_value()) {
          return difference{{},
                            "attn_output_weights_shape",
                            forward.contains("attn_output_weights_shape") ? "recorded" : "not recorded",
                            weights ? "modelled" : "not modelled"};
        }
        if (weights && (d = at("attn_output_weights_shape", text(forward.at("attn_output_weights_shape")),
                               rnnparams::to_string(*weights)))) {
          return d;
        }
        // h_n for RNN, LSTM and GRU; c_n for LSTM; c_1 for LSTMCell: recorded exactly when the module has
        // them. `shape_of(m)` gives the state's shape, and cannot be called on a module without it.
        const auto state = [&](const char* key, const auto& shape_of) -> std::optional<difference> {
          const bool recorded = forward.contains(key);
          std::optional<rnnparams::shape> ours;
          if constexpr (std::is_invocable_v<decltype(shape_of), decltype(m)>) {
            ours = shape_of(m);
          }
          if (recorded != ours.has_value()) {
            return difference{{},
                              std::string{key},
                              recorded ? text(forward.at(key)) : "not recorded",
                              ours ? rnnparams::to_string(*ours) : "not modelled"};
          }
          return recorded ? at(key, text(forward.at(key)), rnnparams::to_string(*ours)) : std::nullopt;
        };
        if ((d = state("h_n_shape",
                       [&](const auto& x) -> decltype(x.h_n_shape(input)) { return x.h_n_shape(input); })) ||
            (d = state("c_n_shape",
                       [&](const auto& x) -> decltype(x.c_n_shape(input)) { return x.c_n_shape(input); })) ||
            (d = state("c_1_shape",
                       [&](const auto& x) -> decltype(x.c_1_shape(input)) { return x.c_1_shape(input); }))) {
          return d;
        }
        return std::nullopt;
      },
      module);
}

std::optional<difference> check_case(const json& c) {
  try {
    if (c.contains("from_pretrained")) {
      // Embedding.from_pretrained(torch.zeros(rows, cols), freeze=..., padding_idx=...) through the C++ call,
      // against the same fixture (the kwargs, its constructor form, are read as every case's are).
      const json& call = c.at("from_pretrained");
      rnnparams::torch::from_pretrained_options options;
      options.freeze = call.value("freeze", options.freeze);
      if (call.contains("padding_idx")) {
        options.padding_idx = call.at("padding_idx").get<std::int64_t>();
      }
      const auto made =
          rnnparams::torch::Embedding::from_pretrained(tensor_shape(call.at("embeddings_shape")), options);
      if (const auto d = first_difference(c, made)) {
        return difference{{}, "from_pretrained: " + d->what, d->fixture, d->rnnparams};
      }
    }
    return first_difference(c, rnnparams::torch_config::module_from_config(c));
  } catch (const std::exception& e) {
    return difference{{}, "building or querying the module threw", "no exception", e.what()};
  }
}

} // namespace

TEST_CASE("PyTorch conformance: every case of torch_cases.json (PyTorch 1.13) through rnnparams::torch",
          "[torch][conformance]") {
  const json fixture = conformance::load("torch_cases.json");
  const json& cases = fixture.at("cases");
  REQUIRE(cases.size() > 0);
  conformance::tally tally;
  std::map<std::string, std::size_t> modules_checked;
  for (const json& c : cases) {
    if (const auto d = check_case(c)) {
      tally.fail();
      conformance::report(c.at("id").get<std::int64_t>(), *d);
      continue;
    }
    tally.pass();
    ++modules_checked[c.at("class_name").get<std::string>()];
  }
  std::cout << "torch_cases.json: " << tally.summary() << "\n  modules checked:";
  for (const auto& [name, n] : modules_checked) {
    std::cout << ' ' << name << ' ' << n;
  }
  std::cout << '\n';
  CHECK(tally.passed == cases.size());
}

TEST_CASE("PyTorch conformance: a value changed in a case is reported with both values",
          "[torch][conformance]") {
  const json fixture = conformance::load("torch_cases.json");
  const json c = fixture.at("cases").at(0); // RNN(60, 206, num_layers=3)
  REQUIRE_FALSE(check_case(c).has_value());

  json changed = c;
  changed["parameters"][5]["name"] = "weight_hh_l2";
  auto d = check_case(changed);
  REQUIRE(d.has_value());
  CHECK(d->what == "named_parameters()[5] name");
  CHECK(d->fixture == "weight_hh_l2");
  CHECK(d->rnnparams == "weight_hh_l1");

  changed = c;
  changed["forward"]["h_n_shape"] = json::array({3, 2, 206});
  d = check_case(changed);
  REQUIRE(d.has_value());
  CHECK(d->what == "h_n_shape");
  CHECK(d->fixture == "(3, 2, 206)");
  CHECK(d->rnnparams == "(3, 1, 206)");

  changed = c;
  changed["forward"]["c_n_shape"] = json::array({3, 1, 206});
  d = check_case(changed);
  REQUIRE(d.has_value());
  CHECK(d->what == "c_n_shape");
  CHECK(d->rnnparams == "not modelled");

  changed = c;
  changed["kwargs"]["hidden_sizes"] = 3;
  d = check_case(changed);
  REQUIRE(d.has_value());
  CHECK(d->rnnparams == "rnnparams::torch_config: RNN: unexpected keyword argument \"hidden_sizes\"");
}
