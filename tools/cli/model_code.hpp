// tools/cli/model_code.hpp: Keras and PyTorch model code, as people write it, read into rnnparams models.
// SPDX-License-Identifier: MIT
#pragma once

#include "python_syntax.hpp"

#include <rnnparams/keras/model.hpp>
#include <rnnparams/keras/sequential.hpp>
#include <rnnparams/torch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rnnparams::cli {

/// One PyTorch module of the code.
using torch_module = torch::module;

struct torch_entry {
  torch_module module;
  location where;
};

/// The modules of the entries, in order: nn.Sequential(*modules) for the library's torch functions.
inline std::vector<torch::module> modules_of(const std::vector<torch_entry>& entries) {
  std::vector<torch::module> modules;
  modules.reserve(entries.size());
  for (const torch_entry& e : entries) {
    modules.push_back(e.module);
  }
  return modules;
}

/// What the code describes: a Keras Sequential model, or PyTorch modules counted one by one.
struct code_model {
  std::optional<keras::model> keras;
  std::vector<torch_entry> torch;
};

/// Which framework the code is written for.
enum class convention { keras, torch };

/// Guesses the framework from the statements: `nn.`/`torch.` calls mean PyTorch, anything else Keras.
convention detect_convention(const std::vector<statement>& code);

/// Builds the model the statements describe. `placeholder` is the value of `?` (for --budget); code
/// with a `?` and no value is an error. Throws syntax_error, naming the place, for anything it cannot
/// read: unknown layers and arguments (with the nearest known name), wrong types, and every error the
/// library raises for the model (invalid_model, overflow_error), located at the layer's call.
code_model build_model(const std::vector<statement>& code, convention kind,
                       std::optional<std::int64_t> placeholder = std::nullopt);

/// True when the code holds a `?`.
bool has_placeholder(const std::vector<statement>& code);

} // namespace rnnparams::cli
