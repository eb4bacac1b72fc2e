// rnnparams/format/torchinfo.hpp: torchinfo.summary()'s text for PyTorch modules, byte for byte.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/dtype.hpp>
#include <rnnparams/format/text.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/module.hpp>
#include <rnnparams/torch/named_tensor.hpp>
#include <rnnparams/torch/rnn.hpp>
#include <rnnparams/torch/sequential.hpp>
#include <rnnparams/torch/transformer.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

// =================================================================================================
// torchinfo: rnnparams::torch::summary() prints what torchinfo.summary() prints, byte for byte.
// The port follows TylerYep/torchinfo (main after v1.8.0, commit 5c4164f): model_statistics.py
// (totals, format_output_num), formatting.py (rows, widths), layer_info.py (calculate_macs).
// tools/torchinfo_summary/README.md lists every rule; docs/torch.md says what is covered.
// =================================================================================================

namespace rnnparams::torch {

/// What summary() runs, after torchinfo.summary's arguments (its other arguments keep their defaults).
struct summary_options {
  /// torchinfo's input_size: the whole input tensor's shape, batch axis included ({100, 32, 300} for
  /// an LSTM's (L, N, H_in)). Without it nothing runs: only the Param # column and the totals print.
  std::optional<rnnparams::shape> input_size;
  /// torchinfo's dtypes=[...]: "float32" (its default), or "int64" / "int32" for the indices a first
  /// Embedding takes (dtypes=[torch.long]).
  std::string_view dtype = "float32";
};

} // namespace rnnparams::torch

namespace rnnparams::detail {

inline constexpr std::string_view torchinfo_who = "rnnparams::torch::summary";

/// sys.getsizeof() of a tensor's storage beyond its bytes: the Python object, 56 bytes with torch 1.13
/// on Python 3.11 and with torch 2.x on Python 3.12+. torchinfo's "Input size" is this + the data.
inline constexpr std::uint64_t torchinfo_storage_overhead = 56;

/// Inserts Python's "," separators in the integer part of a decimal number: "1234.50" -> "1,234.50".
inline std::string torchinfo_group(std::string digits) {
  std::size_t end = digits.find('.');
  end = end == std::string::npos ? digits.size() : end;
  for (std::size_t at = end; at > 3; at -= 3) {
    digits.insert(at - 3, 1, ',');
  }
  return digits;
}

/// ModelStatistics.format_output_num: ": 3,768,320", " (M): 376.83", " (kB): 8", " (GB): 1.54".
/// With automatic units (mult-adds, sizes) the value is divided by 1e12/1e9/1e6/1e3 (T, G, M, k) if it
/// is at least that, or printed as it is; without (params) it goes through float(num) / 1. A float
/// that is a whole number prints without decimals, others with "{:,.2f}" (round half to even).
inline std::string torchinfo_number(std::uint64_t num, bool automatic_units, bool is_bytes) {
  const auto value = static_cast<double>(num); // exact below 2^53; only the T range is ever rounded
  std::string_view unit;
  double divisor = 1;
  if (automatic_units) {
    static constexpr std::pair<double, std::string_view> units[] = {
        {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
    for (const auto& [factor, name] : units) {
      if (value >= factor) {
        divisor = factor;
        unit = name;
        break;
      }
    }
    if (unit.empty()) {
      return ": " + group_thousands(num); // Units.NONE: the int itself
    }
  }
  const double converted = value / divisor;
  const std::string text = std::trunc(converted) == converted ? fmt::format("{:.0f}", converted)
                                                              : fmt::format("{:.2f}", converted);
  const std::string units_display =
      unit.empty() ? std::string{} : fmt::format(" ({}{})", unit, is_bytes ? "B" : "");
  return units_display + ": " + torchinfo_group(text);
}

/// Python's str() of a shape list: "[100, 32, 512]"; "--" for an empty one (FormattingOptions.str_).
inline std::string torchinfo_shape(const shape& s) { return s.rank() == 0 ? "--" : torch_size_list(s); }

/// LayerInfo.calculate_macs: each parameter's numel() times a factor its name and the class choose.
/// "weight"/"bias": output[0], except Conv* (prod(output[:1] + output[2:])) and Linear*
/// (prod(output[:-1])); other names with "weight" or "bias" in them (weight_ih_l0, ...):
/// prod(output[:2]). So an RNN's mult-adds are L·N × its parameter count.
template <class Module>
std::uint64_t torchinfo_macs(const Module& m, const shape& output) {
  const std::string_view class_name = Module::class_name;
  const auto factor = [&](std::string_view name) -> std::uint64_t {
    if (name == "weight" || name == "bias") {
      if (class_name.find("Conv") != std::string_view::npos) {
        return checked_mul(torch_size_product(output, 0, 1, torchinfo_who),
                           torch_size_product(output, 2, output.rank(), torchinfo_who), torchinfo_who);
      }
      if (class_name.find("Linear") != std::string_view::npos) {
        return torch_size_product(output, 0, output.rank() == 0 ? 0 : output.rank() - 1, torchinfo_who);
      }
      return torch_size_product(output, 0, 1, torchinfo_who);
    }
    if (name.find("weight") != std::string_view::npos || name.find("bias") != std::string_view::npos) {
      return torch_size_product(output, 0, 2, torchinfo_who);
    }
    return 0;
  };
  const auto parameters = m.named_parameters();
  if constexpr (std::is_same_v<std::remove_cvref_t<decltype(parameters)>, torch::recurrent_tensor_list>) {
    // weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}, weight_hr_l{k}: one factor for all of
    // them, so no need to walk num_layers·D entries.
    return parameters.empty() ? 0 : checked_mul(m.count_params(), factor(parameters[0].name), torchinfo_who);
  } else {
    std::uint64_t macs = 0;
    for (const torch::named_tensor& p : parameters) {
      macs = checked_add(macs, checked_mul(p.numel(), factor(p.name), torchinfo_who), torchinfo_who);
    }
    return macs;
  }
}

} // namespace rnnparams::detail

namespace rnnparams::detail {

/// One row of torchinfo's summary_list: a module (or a container it runs through) at its depth.
struct torchinfo_row {
  std::size_t depth = 0;
  std::string class_name;
  std::optional<shape> output;
  /// LayerInfo.num_params and trainable_params: every parameter of the module, its submodules' included.
  std::uint64_t params = 0;
  std::uint64_t trainable = 0;
  /// LayerInfo.is_leaf_layer: the module has no submodules. Only leaves count mult-adds and outputs.
  bool leaf = true;
  std::uint64_t macs = 0;
  std::uint64_t output_elements = 0;
};

/// Counts a module's submodules (children(v) without its own tensors).
struct torch_submodule_probe {
  std::uint64_t modules = 0;
  constexpr void tensor(std::string_view /*name*/, const shape& /*s*/) {}
  template <class M>
  constexpr void module(std::string_view /*name*/, const M& /*m*/, std::string_view /*class_name*/ = {}) {
    ++modules;
  }
  template <class M>
  constexpr void repeated(std::string_view /*name*/, std::string_view /*class_name*/, std::uint64_t /*n*/,
                          const M& /*m*/) {
    ++modules;
  }
};

template <class M>
bool torchinfo_leaf(const M& m) {
  if constexpr (torch_has_children<M>) {
    torch_submodule_probe probe;
    m.children(probe);
    return probe.modules == 0;
  } else {
    return true;
  }
}

template <class M>
torchinfo_row torchinfo_row_of(const M& m, std::size_t depth, std::string_view class_name) {
  torchinfo_row r;
  r.depth = depth;
  r.class_name = std::string{class_name.empty() ? M::class_name : class_name};
  r.params = m.count_params();
  if constexpr (requires { m.trainable_params(); }) {
    r.trainable = m.trainable_params();
  } else {
    r.trainable = r.params;
  }
  r.leaf = torchinfo_leaf(m);
  return r;
}

/// The rows without a forward pass: every module in the order __init__ registers it (named_modules()).
struct torchinfo_tree {
  std::vector<torchinfo_row>& rows;
  std::size_t depth = 0;

  template <class M>
  void add(const M& m, std::string_view class_name = {}) {
    rows.push_back(torchinfo_row_of(m, depth, class_name));
    if constexpr (torch_has_children<M>) {
      torchinfo_tree inner{rows, depth + 1};
      m.children(inner);
    }
  }
  void tensor(std::string_view /*name*/, const shape& /*s*/) {}
  template <class M>
  void module(std::string_view /*name*/, const M& m, std::string_view class_name = {}) {
    add(m, class_name);
  }
  template <class M>
  void repeated(std::string_view /*name*/, std::string_view class_name, std::uint64_t n, const M& m) {
    torchinfo_row container;
    container.depth = depth;
    container.class_name = std::string{class_name};
    container.params = checked_mul(n, m.count_params(), torchinfo_who);
    container.trainable = container.params;
    container.leaf = n == 0;
    rows.push_back(container);
    torchinfo_tree inner{rows, depth + 1};
    for (std::uint64_t i = 0; i < n; ++i) {
      inner.add(m);
    }
  }
};

/// The rows of a forward pass: each module its forward calls, in the order it calls it (torchinfo's
/// hooks), with its output; a container it runs through (ModuleList) is listed before the first module
/// run in it, as add_missing_container_layers inserts it.
struct torchinfo_run {
  std::vector<torchinfo_row>& rows;
  std::size_t depth = 0;
  std::optional<torchinfo_row> pending{};

  template <class M, class... Inputs>
  shape call(const M& m, const Inputs&... inputs) {
    if (pending) {
      rows.push_back(*pending);
      pending.reset();
    }
    const std::size_t at = rows.size();
    rows.push_back(torchinfo_row_of(m, depth, {}));
    shape out;
    if constexpr (requires(torchinfo_run& v) { m.forward(v, inputs...); }) {
      torchinfo_run inner{rows, depth + 1};
      out = m.forward(inner, inputs...);
    } else {
      out = m.output_shape(inputs...);
    }
    torchinfo_row& r = rows[at];
    r.output = out;
    if (r.leaf) {
      r.macs = torchinfo_macs(m, out);
      r.output_elements = out.num_elements(torchinfo_who);
    }
    return out;
  }
  void enter(std::string_view class_name, std::uint64_t params) {
    torchinfo_row container;
    container.depth = depth;
    container.class_name = std::string{class_name};
    container.params = params;
    container.trainable = params;
    container.leaf = false;
    pending = container;
    ++depth;
  }
  void leave() {
    pending.reset();
    --depth;
  }
};

/// torchinfo's default max_depth: deeper rows are counted but not printed.
inline constexpr std::size_t torchinfo_max_depth = 3;

/// LayerInfo._leftover("num_params") for rows[i]: its count less what the rows below it show.
inline std::uint64_t torchinfo_leftover(const std::vector<torchinfo_row>& rows, std::size_t i) {
  std::uint64_t total = rows[i].params;
  for (std::size_t j = i + 1; j < rows.size() && rows[j].depth > rows[i].depth; ++j) {
    const std::uint64_t shown = rows[j].leaf ? rows[j].params : torchinfo_leftover(rows, j);
    total = shown > total ? 0 : total - shown;
  }
  return total;
}

} // namespace rnnparams::detail

namespace rnnparams::torch {

/// What torchinfo.summary(module, input_size=..., dtypes=[...]) prints for one module, or for
/// nn.Sequential(*modules) for none or several (rows `├─LSTM: 1-2`), byte for byte with its final
/// newline. A module made of modules (TransformerEncoder) lists them below it, to torchinfo's depth of
/// 3: the modules its forward runs with an input size, all it registers without one. With an input size
/// the modules must really run one after the other, as PyTorch would: an invalid_model says why not.
inline std::string summary(const std::vector<module>& modules, const summary_options& options = {}) {
  using detail::checked_add;
  using detail::checked_mul;
  using detail::torchinfo_row;
  using detail::torchinfo_who;
  const bool sequential = modules.size() != 1;
  const bool with_input = options.input_size.has_value();
  std::vector<torchinfo_row> rows;
  if (sequential) {
    torchinfo_row root;
    root.class_name = "Sequential";
    root.params = count_params(modules, torchinfo_who);
    root.trainable = trainable_params(modules, torchinfo_who);
    root.leaf = modules.empty();
    rows.push_back(root);
  }
  const std::size_t depth = sequential ? 1 : 0;
  std::uint64_t input_bytes = 0;
  if (!with_input) {
    for (const module& m : modules) {
      rnnparams::visit(
          [&](const auto& x) {
            detail::torchinfo_tree tree{rows, depth};
            tree.add(x);
          },
          m);
    }
  } else {
    const shape& input = *options.input_size;
    bool valid = input.rank() != 0;
    for (const dim d : input) {
      valid = valid && d.known() && d.value() > 0;
    }
    if (!valid) {
      // error here: every size of input_size must be known and > 0 (torchinfo's own message)
      detail::report_invalid(torchinfo_who, "Input_data is invalid, or negative size found in input_data.");
    }
    input_bytes = checked_add(detail::torchinfo_storage_overhead,
                              checked_mul(input.num_elements(torchinfo_who),
                                          element_size(options.dtype, torchinfo_who), torchinfo_who),
                              torchinfo_who);
    shape x = input;
    std::string_view dtype = options.dtype;
    for (std::size_t i = 0; i < modules.size(); ++i) {
      // the chain's rules and each module's checks first, with their messages; then the rows
      const shape in = x;
      x = output_shape(modules, i, x, dtype, torchinfo_who);
      dtype = "float32";
      rnnparams::visit(
          [&](const auto& m) {
            if constexpr (requires { m.output_shape(in); }) {
              detail::torchinfo_run run{rows, depth};
              static_cast<void>(run.call(m, in));
            }
          },
          modules[i]);
    }
    if (sequential) {
      rows[0].output = x;
    }
  }
  std::uint64_t mult_adds = 0;
  std::uint64_t output_bytes = 0;
  for (const torchinfo_row& r : rows) {
    if (r.leaf) {
      mult_adds = checked_add(mult_adds, r.macs, torchinfo_who);
      if (r.params > 0) { // x2 for gradients; every output here is float32
        output_bytes = checked_add(
            output_bytes, checked_mul(2, weight_bytes(r.output_elements), torchinfo_who), torchinfo_who);
      }
    }
  }
  const std::uint64_t total_params = rows.empty() ? 0 : rows.front().params;
  const std::uint64_t trained = rows.empty() ? 0 : rows.front().trainable;

  // LayerInfo.get_layer_name and FormattingOptions: "Linear: 2-3" (depth-index counted per depth over the
  // whole list), a 40-wide name column (wider if any row's name needs it, printed or not), 25-wide values.
  std::vector<std::string> names;
  std::vector<std::size_t> per_depth;
  std::size_t name_width = 40;
  std::size_t longest = 0;
  for (const torchinfo_row& r : rows) {
    if (per_depth.size() <= r.depth) {
      per_depth.resize(r.depth + 1, 0);
    }
    ++per_depth[r.depth];
    names.push_back(r.depth == 0 ? r.class_name
                                 : fmt::format("{}: {}-{}", r.class_name, r.depth, per_depth[r.depth]));
    const std::size_t length = r.depth * 5 + 1 + names.back().size();
    longest = length > longest ? length : longest;
  }
  if (longest >= name_width) {
    name_width = (longest + 4) / 5 * 5;
  }
  const std::string divider(name_width + (with_input ? 2U : 1U) * 25U, '=');
  const auto format_row = [&](std::string_view name, std::initializer_list<std::string_view> values) {
    const std::size_t length = detail::utf8_length(name);
    std::string line{name};
    line += std::string(length < name_width ? name_width - length : 0, ' ');
    line += ' ';
    for (std::string_view value : values) {
      line += value;
      line += std::string(value.size() < 25 ? 25 - value.size() : 0, ' ');
      line += ' ';
    }
    return detail::rstrip(line) + '\n';
  };

  std::string out = divider + '\n';
  out += with_input ? format_row("Layer (type:depth-idx)", {"Output Shape", "Param #"})
                    : format_row("Layer (type:depth-idx)", {"Param #"});
  out += divider + '\n';
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const torchinfo_row& r = rows[i];
    if (r.depth > detail::torchinfo_max_depth) {
      continue;
    }
    std::string prefix;
    if (r.depth == 1) {
      prefix = "\u251c\u2500";
    } else if (r.depth > 1) {
      for (std::size_t d = 1; d < r.depth; ++d) {
        prefix += "\u2502    ";
      }
      prefix += "\u2514\u2500";
    }
    // LayerInfo.num_params_to_str: a leaf (or a row at the deepest printed level) shows its count, in
    // parentheses when none of it is trained; another row what its rows below leave over
    std::string params = "--";
    if (r.params != 0) {
      if (r.leaf || r.depth == detail::torchinfo_max_depth) {
        params = r.trainable == 0 ? "(" + detail::group_thousands(r.params) + ")"
                                  : detail::group_thousands(r.params);
      } else if (const std::uint64_t leftover = detail::torchinfo_leftover(rows, i); leftover > 0) {
        params = detail::group_thousands(leftover);
      }
    }
    out += with_input
               ? format_row(prefix + names[i], {r.output ? detail::torchinfo_shape(*r.output) : "--", params})
               : format_row(prefix + names[i], {params});
  }
  out += divider + '\n';
  out += "Total params" + detail::torchinfo_number(total_params, false, false) + '\n';
  out += "Trainable params" + detail::torchinfo_number(trained, false, false) + '\n';
  out += "Non-trainable params" + detail::torchinfo_number(total_params - trained, false, false) + '\n';
  if (with_input) {
    const std::uint64_t param_bytes = weight_bytes(total_params); // float32 parameters
    const std::uint64_t total_bytes =
        checked_add(checked_add(input_bytes, output_bytes, torchinfo_who), param_bytes, torchinfo_who);
    out += "Total mult-adds" + detail::torchinfo_number(mult_adds, true, false) + '\n';
    out += divider + '\n';
    out += "Input size" + detail::torchinfo_number(input_bytes, true, true) + '\n';
    out += "Forward/backward pass size" + detail::torchinfo_number(output_bytes, true, true) + '\n';
    out += "Params size" + detail::torchinfo_number(param_bytes, true, true) + '\n';
    out += "Estimated Total Size" + detail::torchinfo_number(total_bytes, true, true) + '\n';
  }
  out += divider + '\n';
  return out;
}

/// Writes summary(modules, options) to `file` (stdout by default), as torchinfo.summary prints it.
inline void print_summary(const std::vector<module>& modules, const summary_options& options = {},
                          std::FILE* file = stdout) {
  const std::string text = summary(modules, options);
  if (std::fwrite(text.data(), 1, text.size(), file) != text.size()) {
    throw std::runtime_error("rnnparams::torch::print_summary: could not write the summary");
  }
}

} // namespace rnnparams::torch
