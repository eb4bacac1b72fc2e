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

namespace rnnparams::torch {

/// What torchinfo.summary(module, input_size=..., dtypes=[...]) prints for one module, or for
/// nn.Sequential(*modules) for none or several (rows `├─LSTM: 1-2`), byte for byte with its final
/// newline. With an input size the modules must really run one after the other, as PyTorch would:
/// an invalid_model says why not.
inline std::string summary(const std::vector<module>& modules, const summary_options& options = {}) {
  using detail::checked_add;
  using detail::checked_mul;
  using detail::torchinfo_who;
  struct row {
    std::size_t depth = 0;
    std::string name;
    std::optional<shape> output;
    std::uint64_t params = 0;
    bool leaf = true;
    /// None of its parameters is trained: torchinfo writes its count in parentheses.
    bool frozen = false;
  };
  const bool sequential = modules.size() != 1;
  std::vector<row> rows;
  if (sequential) {
    rows.push_back({0, "Sequential", std::nullopt, 0, modules.empty()});
  }
  for (std::size_t i = 0; i < modules.size(); ++i) {
    const std::string_view name = class_name(modules[i]);
    rows.push_back({sequential ? 1U : 0U,
                    sequential ? fmt::format("{}: 1-{}", name, i + 1) : std::string{name}, std::nullopt,
                    count_params(modules[i]), true, trainable_params(modules[i]) == 0});
  }
  const std::uint64_t total_params = count_params(modules, torchinfo_who);
  const std::uint64_t trained = trainable_params(modules, torchinfo_who);

  std::uint64_t mult_adds = 0;
  std::uint64_t output_bytes = 0;
  std::uint64_t input_bytes = 0;
  if (options.input_size) {
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
      x = output_shape(modules, i, x, dtype, torchinfo_who);
      dtype = "float32";
      row& r = rows[sequential ? i + 1 : 0];
      r.output = x;
      mult_adds = checked_add(
          mult_adds,
          rnnparams::visit([&](const auto& m) { return detail::torchinfo_macs(m, x); }, modules[i]),
          torchinfo_who);
      if (r.params > 0) { // x2 for gradients; every output here is float32
        output_bytes = checked_add(output_bytes,
                                   checked_mul(2, weight_bytes(x.num_elements(torchinfo_who)), torchinfo_who),
                                   torchinfo_who);
      }
    }
    if (sequential) {
      rows[0].output = x;
    }
  }

  // FormattingOptions: a 40-wide name column (wider if a name needs it), 25-wide value columns.
  std::size_t name_width = 40;
  std::size_t longest = 0;
  for (const row& r : rows) {
    const std::size_t length = r.depth * 5 + 1 + r.name.size();
    longest = length > longest ? length : longest;
  }
  if (longest >= name_width) {
    name_width = (longest + 4) / 5 * 5;
  }
  const bool with_input = options.input_size.has_value();
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
  for (const row& r : rows) {
    const std::string name = (r.depth == 1 ? "\u251c\u2500" : "") + r.name;
    // a leaf shows its count; the Sequential shows what its children leave over, which is nothing
    // (LayerInfo.num_params_to_str: a frozen leaf's count in parentheses)
    const std::string params = !r.leaf || r.params == 0 ? std::string{"--"}
                               : r.frozen               ? "(" + detail::group_thousands(r.params) + ")"
                                                        : detail::group_thousands(r.params);
    out += with_input ? format_row(name, {r.output ? detail::torchinfo_shape(*r.output) : "--", params})
                      : format_row(name, {params});
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
