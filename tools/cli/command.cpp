// tools/cli/command.cpp: the rnnparams command's work, shared by the program and the fuzzer.
// SPDX-License-Identifier: MIT
#include "command.hpp"

#include "keras_config.hpp"
#include "model_code.hpp"
#include "report.hpp"

#include <rnnparams/format.hpp>
#include <rnnparams/torch/sequential.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sys/ioctl.h>
#include <unistd.h>

namespace rnnparams::cli {

std::size_t keras_line_length(bool show_trainable, bool connections) {
  std::size_t columns = 0;
  if (const char* env = std::getenv("COLUMNS"); env != nullptr) {
    char* end = nullptr;
    const unsigned long n = std::strtoul(env, &end, 10);
    if (end != env && *end == '\0' && n > 0 && n < 100000) {
      columns = n;
    }
  }
  if (columns == 0) {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
      columns = size.ws_col;
    }
  }
  if (columns == 0) {
    columns = 80;
  }
  const std::size_t cap = (connections ? 108U : 88U) + (show_trainable ? 12U : 0U);
  return columns > cap + 4 ? cap : (columns > 24 ? columns - 4 : 20);
}

namespace {

location location_of(std::string_view text, std::size_t byte) {
  location where;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++where.line;
      where.column = 1;
    } else {
      ++where.column;
    }
  }
  return where;
}

std::uint64_t total_of(const code_model& m) {
  if (m.keras) {
    return m.keras->count_params();
  }
  if (m.functional) {
    return m.functional->count_params();
  }
  return torch::count_params(modules_of(m.torch), "rnnparams");
}

/// A Keras model (keras::model or a functional one) in the chosen format.
template <class Model>
std::string render_keras(const Model& m, const options& o, bool connections, std::string_view name = {},
                         std::size_t ordinal = 0) {
  keras::summary_options s;
  // Keras's automatic model names: "functional" / "model" (tf.keras 2), then _1, _2, ...
  const std::string numbered =
      name.empty() && ordinal > 0
          ? fmt::format("{}_{}",
                        o.format.value_or(output_format::keras3) == output_format::keras3 ? "functional"
                                                                                          : "model",
                        ordinal)
          : std::string{name};
  s.name = numbered;
  s.show_trainable = o.show_trainable;
  s.dtype = o.weights;
  s.show_costs = o.costs;
  switch (o.format.value_or(output_format::keras3)) {
  case output_format::json:
    return keras_json(m);
  case output_format::explain:
    return keras_explain(m);
  case output_format::torchinfo:
    throw rnnparams::invalid_model("--format torchinfo is for PyTorch code; this is Keras code");
  case output_format::keras3:
    s.line_length = o.line_length.value_or(keras_line_length(o.show_trainable, connections));
    break;
  case output_format::tf_keras:
    s.style = keras::summary_style::tf_keras;
    s.line_length = o.line_length.value_or(0);
    break;
  case output_format::keras2:
    s.style = keras::summary_style::keras2;
    s.line_length = o.line_length.value_or(0);
    break;
  }
  return keras::summary(m, s);
}

std::string render(const code_model& m, const options& o) {
  if (m.keras) {
    return render_keras(*m.keras, o, false, m.name);
  }
  if (m.functional) {
    return render_keras(*m.functional, o, !m.functional->sequential_like(), m.name, m.ordinal);
  }
  const output_format format = o.format.value_or(output_format::torchinfo);
  switch (format) {
  case output_format::json:
    return torch_json(m.torch);
  case output_format::explain:
    return torch_explain(m.torch);
  case output_format::torchinfo: {
    const std::vector<torch::module> modules = modules_of(m.torch);
    torch::summary_options s;
    s.input_size = o.input_size;
    s.dtype = torch::input_dtype(modules); // an Embedding first takes indices: dtypes=[torch.long]
    return torch::summary(modules, s);
  }
  default:
    throw rnnparams::invalid_model(
        "--format keras3, tf_keras and keras2 are Keras summaries; this is PyTorch code "
        "(use torchinfo, json or explain)");
  }
}

/// The largest value for '?' whose model has at most `budget` parameters; the models are built with
/// exact integer counts, and the search assumes the count grows with the value, as sizes make it do.
std::string solve_budget(const std::vector<statement>& code, convention kind, std::uint64_t budget,
                         const options& o) {
  const auto fits = [&](std::int64_t v) -> std::optional<code_model> {
    try {
      code_model m = build_model(code, kind, v);
      if (total_of(m) <= budget) {
        return m;
      }
    } catch (const syntax_error&) {
      // Too large a value overflows or breaks a rule: it does not fit.
    }
    return std::nullopt;
  };
  if (!fits(1)) {
    try {
      const code_model m = build_model(code, kind, 1);
      throw command_error({1, 1}, "no value for '?' fits in " + std::to_string(budget) +
                                      " parameters: with ? = 1 the model already has " +
                                      std::to_string(total_of(m)));
    } catch (const syntax_error& e) {
      throw command_error(e.where(), std::string{"with ? = 1: "} + e.what());
    }
  }
  std::int64_t low = 1;  // fits
  std::int64_t high = 2; // first value not known to fit
  while (high < (std::int64_t{1} << 62) && fits(high)) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const std::int64_t mid = low + (high - low) / 2;
    (fits(mid) ? low : high) = mid;
  }
  const code_model best = *fits(low);
  std::string out = fmt::format("? = {}: {} parameters, within the budget of {} ({} with ? = {})\n\n", low,
                                detail::group_thousands(total_of(best)), detail::group_thousands(budget),
                                fits(low + 1) ? "also fits" : "over the budget", low + 1);
  return out + render(best, o);
}

} // namespace

std::string run_command(const std::string& text, const options& o) {
  try {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '{') {
      if (o.budget) {
        throw command_error({1, 1}, "--budget works on model code with a '?', not on JSON");
      }
      nlohmann::json config;
      try {
        config = nlohmann::json::parse(text);
      } catch (const nlohmann::json::parse_error& e) {
        throw command_error(location_of(text, e.byte == 0 ? 0 : e.byte - 1), "invalid JSON");
      }
      if (keras_config::is_functional_config(config)) {
        const auto model = keras_config::functional_from_config(config);
        return render_keras(*model, o, !model->sequential_like());
      }
      code_model m;
      m.keras = keras_config::model_from_config(config);
      return render(m, o);
    }
    const std::vector<statement> code = parse_python(text);
    const convention kind = detect_convention(code);
    if (o.budget) {
      if (!has_placeholder(code)) {
        throw command_error({1, 1}, "--budget needs one '?' in place of a size in the code");
      }
      return solve_budget(code, kind, *o.budget, o);
    }
    return render(build_model(code, kind), o);
  } catch (const command_error&) {
    throw;
  } catch (const syntax_error& e) {
    throw command_error(e.where(), e.what());
  } catch (const std::exception& e) {
    throw command_error({1, 1}, e.what());
  }
}

} // namespace rnnparams::cli
