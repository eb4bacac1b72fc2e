// tools/cli/report.cpp: JSON and explanations of models, from the library's own numbers.
// SPDX-License-Identifier: MIT
#include "report.hpp"

#include "keras_config.hpp"

#include <rnnparams/format.hpp>
#include <rnnparams/to_string.hpp>
#include <rnnparams/torch/sequential.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace rnnparams::cli {
namespace {

using ordered_json = nlohmann::ordered_json;

/// A shape with its batch axis in front, None as null: [null, 3, 1].
ordered_json batch_shape_json(const shape& s) {
  ordered_json out = ordered_json::array({nullptr});
  for (dim d : s) {
    out.push_back(d.known() ? ordered_json(d.value()) : ordered_json(nullptr));
  }
  return out;
}

ordered_json shape_json(const shape& s) {
  ordered_json out = ordered_json::array();
  for (dim d : s) {
    out.push_back(d.value());
  }
  return out;
}

/// "10·10 = 100", or "10" for a single dimension.
std::string product(const shape& s, std::uint64_t size) {
  if (s.rank() == 1) {
    return std::to_string(size);
  }
  std::string text;
  for (std::size_t i = 0; i < s.rank(); ++i) {
    text += (i == 0 ? "" : "\u00b7") + std::to_string(s[i].value());
  }
  if (s.rank() == 0) {
    text = "1";
  }
  return s.rank() == 0 ? text : text + " = " + std::to_string(size);
}

/// How the seed's answer names a Keras weight.
std::string role(const weight& w) {
  std::string name{w.name};
  if (name == "kernel") {
    name = "input";
  } else if (name == "recurrent_kernel") {
    name = "recurrent";
  }
  return w.scope.empty() ? name : std::string{w.scope} + " " + name;
}

} // namespace

namespace {

/// --format json of a Sequential model or a functional one (with its inputs, outputs and inbound tensors).
template <class Model>
std::string keras_json_of(const Model& model) {
  constexpr bool graph = requires { model.inbound(std::size_t{}, std::size_t{}); };
  ordered_json out;
  out["convention"] = "keras";
  if constexpr (graph) {
    out["inputs"] = ordered_json::array();
    for (std::size_t i = 0; i < model.input_count(); ++i) {
      out["inputs"].push_back(batch_shape_json(model.input_shape(i)));
    }
    out["outputs"] = ordered_json::array();
    for (std::size_t i = 0; i < model.output_count(); ++i) {
      out["outputs"].push_back(batch_shape_json(model.output_shape(i)));
    }
  } else {
    out["input_shape"] = batch_shape_json(model.input_shape());
    out["output_shape"] = batch_shape_json(model.output_shape());
  }
  out["total_params"] = model.count_params();
  out["trainable_params"] = model.trainable_params();
  out["non_trainable_params"] = model.non_trainable_params();
  out["layers"] = ordered_json::array();
  for (std::size_t i = 0; i < model.size(); ++i) {
    const keras::layer_info info = model.info(i);
    ordered_json layer;
    layer["name"] = std::string{info.name.view()};
    layer["class_name"] = std::string{info.class_name};
    layer["input_shape"] = batch_shape_json(info.input_shape);
    layer["output_shape"] = batch_shape_json(info.output_shape);
    layer["params"] = info.params;
    layer["trainable_params"] = info.trainable_params;
    layer["non_trainable_params"] = info.non_trainable_params;
    layer["weights"] = ordered_json::array();
    for (const weight& w : info.weights) {
      ordered_json entry;
      entry["name"] = std::string{w.name};
      entry["shape"] = shape_json(w.shape);
      entry["trainable"] = w.trainable;
      if (!w.scope.empty()) {
        entry["scope"] = std::string{w.scope};
      }
      layer["weights"].push_back(entry);
    }
    if constexpr (graph) {
      // Every output of its last call: [output] or, with return_state, [output, *states].
      layer["output_shapes"] = ordered_json::array();
      for (const shape& s : model.output_shapes(i)) {
        layer["output_shapes"].push_back(batch_shape_json(s));
      }
      // Each call of the layer in the model: the tensors it takes, [layer, node, tensor].
      layer["inbound"] = ordered_json::array();
      for (std::size_t call = 0; call < model.call_count(i); ++call) {
        ordered_json node = ordered_json::array();
        for (const keras::connection& c : model.inbound(i, call)) {
          node.push_back({std::string{c.layer.view()}, c.node, c.tensor});
        }
        layer["inbound"].push_back(node);
      }
    }
    out["layers"].push_back(layer);
  }
  return out.dump() + "\n";
}

/// --format explain of a Sequential model or a functional one; a layer of several inputs (a merge,
/// attention) names every shape it combined.
template <class Model>
std::string keras_explain_of(const Model& model) {
  constexpr bool graph = requires { model.inbound_shapes(std::size_t{}, std::size_t{}); };
  std::string out;
  std::string totals;
  for (std::size_t i = 0; i < model.size(); ++i) {
    const keras::layer_info info = model.info(i);
    std::string from = to_batch_string(info.input_shape);
    if constexpr (graph) {
      const keras::input_shapes in = model.inbound_shapes(i, 0);
      if (in.size() > 1) {
        from = rnnparams::detail::shape_list_cell(std::vector<shape>(in.begin(), in.end()),
                                                  [](const shape& s) { return to_batch_string(s); });
      }
    }
    out += fmt::format("{} ({}): {} -> {}\n", info.name.view(), info.class_name, from,
                       to_batch_string(info.output_shape));
    std::vector<weight> order(info.weights.begin(), info.weights.end());
    // The seed's answer counts the recurrent weights first: recurrent + input + bias.
    for (std::size_t k = 0; k + 1 < order.size(); ++k) {
      if (order[k].name == "kernel" && order[k + 1].name == "recurrent_kernel" &&
          order[k].scope == order[k + 1].scope) {
        std::swap(order[k], order[k + 1]);
        ++k;
      }
    }
    std::string sum;
    std::size_t terms = 0;
    for (const weight& w : order) {
      ++terms;
      out +=
          fmt::format("  {:<36}{:>14}{}\n", fmt::format("{}", w),
                      rnnparams::detail::group_thousands(w.size()), w.trainable ? "" : "  (non-trainable)");
      sum += (sum.empty() ? "" : " + ") + role(w) + " " + product(w.shape, w.size());
    }
    // One weight of several dimensions is already "1000·16 = 16000"; the others end in their sum.
    const bool summed = terms == 1 && order.front().shape.rank() > 1;
    out += sum.empty() ? "  no weights: 0\n"
                       : "  " + sum + (summed ? "" : " = " + std::to_string(info.params)) + "\n";
    totals += (totals.empty() ? "" : " + ") + std::to_string(info.params);
  }
  out += fmt::format("Total: {} = {} parameters ({} trainable, {} non-trainable)\n", totals,
                     model.count_params(), model.trainable_params(), model.non_trainable_params());
  return out;
}

} // namespace

std::string keras_json(const keras::model& model) { return keras_json_of(model); }
std::string keras_json(const keras_config::functional_model& model) { return keras_json_of(model); }
std::string keras_explain(const keras::model& model) { return keras_explain_of(model); }
std::string keras_explain(const keras_config::functional_model& model) { return keras_explain_of(model); }

std::string torch_json(const std::vector<torch_entry>& modules) {
  ordered_json out;
  ordered_json layers = ordered_json::array();
  for (const torch_entry& entry : modules) {
    rnnparams::visit(
        [&](const auto& m) {
          ordered_json layer;
          layer["class_name"] = std::string{m.class_name};
          layer["params"] = m.count_params();
          layer["trainable_params"] = torch::trainable_params(torch::module{m});
          layer["parameters"] = ordered_json::array();
          for (const auto& p : m.named_parameters()) {
            layer["parameters"].push_back(
                {{"name", std::string{p.name.view()}}, {"shape", shape_json(p.shape)}});
          }
          layer["buffers"] = ordered_json::array();
          for (const auto& b : m.named_buffers()) {
            layer["buffers"].push_back({{"name", std::string{b.name.view()}},
                                        {"shape", shape_json(b.shape)},
                                        {"dtype", std::string{b.dtype}}});
          }
          layers.push_back(layer);
        },
        entry.module);
  }
  const std::vector<torch::module> all = modules_of(modules);
  const std::uint64_t total = torch::count_params(all, "rnnparams");
  const std::uint64_t trained = torch::trainable_params(all, "rnnparams");
  out["convention"] = "torch";
  out["total_params"] = total;
  out["trainable_params"] = trained;
  out["non_trainable_params"] = total - trained;
  out["layers"] = layers;
  return out.dump() + "\n";
}

namespace {

/// The arithmetic of a module made of modules, one line for it and one for each part with parameters:
/// "self_attn 1050624 + linear1 1050624 + ... = 3152384", then "  self_attn (MultiheadAttention):
/// in_proj_weight 1536·512 = 786432 + ...". A ModuleList of copies is "layers 6·3152384", its copy once.
struct explain_parts {
  std::string& out;
  std::string indent;
  std::string sum;
  std::vector<std::function<void()>> parts;

  /// The number of terms; a lone tensor of several dimensions is already "weight 64·64 = 4096".
  std::size_t terms = 0;
  bool lone_product = false;

  void add(const std::string& term) {
    sum += (sum.empty() ? "" : " + ") + term;
    ++terms;
  }
  void tensor(std::string_view name, const shape& s) {
    lone_product = terms == 0 && s.rank() > 1;
    add(std::string{name} + " " + product(s, s.num_elements("rnnparams")));
  }
  template <class M>
  void module(std::string_view name, const M& m, std::string_view class_name = {}) {
    if (m.count_params() == 0) {
      return;
    }
    add(std::string{name} + " " + std::to_string(m.count_params()));
    const std::string title =
        std::string{name} + " (" + std::string{class_name.empty() ? M::class_name : class_name} + ")";
    parts.emplace_back([this, title, m] { explain(out, indent + "  ", title, m); });
  }
  template <class M>
  void repeated(std::string_view name, std::string_view /*class_name*/, std::uint64_t n, const M& m) {
    add(std::string{name} + " " + std::to_string(n) + "\u00b7" + std::to_string(m.count_params()));
    const std::string title = std::string{name} + ".0 to " + std::string{name} + "." + std::to_string(n - 1) +
                              " (" + std::string{M::class_name} + ", each)";
    if (n != 0 && m.count_params() != 0) {
      parts.emplace_back([this, title, m] { explain(out, indent + "  ", title, m); });
    }
  }

  /// "<indent><title>: <terms> = <count>", then each part's own line below it.
  template <class M>
  static void explain(std::string& out, const std::string& indent, const std::string& title, const M& m) {
    explain_parts v{out, indent, {}, {}, 0, false};
    if constexpr (requires { m.children(v); }) {
      m.children(v);
    } else {
      for (const auto& p : m.named_parameters()) {
        v.tensor(p.name.view(), p.shape);
      }
    }
    const bool summed = v.terms == 1 && v.lone_product;
    out += indent + title + (title.empty() ? "" : ": ") + v.sum +
           (summed ? "" : " = " + std::to_string(m.count_params())) + "\n";
    for (const auto& part : v.parts) {
      part();
    }
  }
};

} // namespace

std::string torch_explain(const std::vector<torch_entry>& modules) {
  std::string out;
  std::string totals;
  for (const torch_entry& entry : modules) {
    rnnparams::visit(
        [&](const auto& m) {
          out += fmt::format("{}: {} parameters\n", m.class_name,
                             rnnparams::detail::group_thousands(m.count_params()));
          std::size_t width =
              24; // the name column, wider for nested names (layers.0.self_attn.in_proj_weight)
          for (const auto& p : m.named_parameters()) {
            width = std::max(width, p.name.size() + 2);
          }
          std::string sum;
          for (const auto& p : m.named_parameters()) {
            out += fmt::format("  {:<{}}{:<16}{:>14}\n", p.name.view(), width, to_string(p.shape),
                               rnnparams::detail::group_thousands(p.shape.num_elements("rnnparams")));
            sum += (sum.empty() ? "" : " + ") + std::string{p.name.view()} + " " +
                   product(p.shape, p.shape.num_elements("rnnparams"));
          }
          // One tensor of several dimensions is already "1000·64 = 64000"; the others end in their sum;
          // a module made of modules sums its parts, and each part its own.
          const auto parameters = m.named_parameters();
          const bool summed = parameters.size() == 1 && parameters[0].shape.rank() > 1;
          if constexpr (rnnparams::detail::torch_has_children<std::remove_cvref_t<decltype(m)>>) {
            explain_parts::explain(out, "  ", "", m);
          } else {
            out += sum.empty() ? "  no parameters: 0\n"
                               : "  " + sum + (summed ? "" : " = " + std::to_string(m.count_params())) + "\n";
          }
          if (m.count_params() != 0 && torch::trainable_params(torch::module{m}) == 0) {
            out += "  frozen (requires_grad=False): not trainable\n";
          }
          for (const auto& b : m.named_buffers()) {
            out += fmt::format("  buffer {} {} {} (not a parameter)\n", b.name.view(), to_string(b.shape),
                               b.dtype);
          }
          totals += (totals.empty() ? "" : " + ") + std::to_string(m.count_params());
        },
        entry.module);
  }
  const std::vector<torch::module> all = modules_of(modules);
  const std::uint64_t total = torch::count_params(all, "rnnparams");
  const std::uint64_t trained = torch::trainable_params(all, "rnnparams");
  out += fmt::format("Total: {} = {} parameters", totals, total);
  out +=
      trained == total ? "\n" : fmt::format(" ({} trainable, {} non-trainable)\n", trained, total - trained);
  return out;
}

} // namespace rnnparams::cli
