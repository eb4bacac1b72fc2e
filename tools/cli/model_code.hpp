// tools/cli/model_code.hpp: Keras and PyTorch model code, as people write it, read into rnnparams models.
// SPDX-License-Identifier: MIT
#pragma once

#include "keras_config.hpp"
#include "python_syntax.hpp"

#include <rnnparams/keras/model.hpp>
#include <rnnparams/keras/sequential.hpp>
#include <rnnparams/torch.hpp>

#include <cstdint>
#include <memory>
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

/// What the code describes: a Keras Sequential model, a Keras functional model (shared: it is large,
/// and made once), or PyTorch modules counted one by one.
struct code_model {
  std::optional<keras::model> keras;
  std::shared_ptr<const keras_config::functional_model> functional;
  /// Keras's model name, from Sequential(name=...) or keras.Model(..., name=...); empty for the default.
  std::string name;
  /// Without a name, how many models without one the code made before this one: Keras numbers them
  /// ("functional_1" in Keras 3, "model_1" in tf.keras 2).
  std::size_t ordinal = 0;
  std::vector<torch_entry> torch;
};

/// Which framework the code is written for.
enum class convention { keras, torch };

/// Guesses the framework from the statements: `nn.`/`torch.` calls mean PyTorch, anything else Keras.
convention detect_convention(const std::vector<statement>& code);

/// Builds the model the statements describe: Sequential code (Sequential([...]), model.add(...), one
/// layer per line), or functional code (Inputs, layers called on tensors, return_state unpacked into
/// names, initial_state=[h, c], shared layers, merges and their function forms, keras.Model(inputs,
/// outputs); the model is the one the code calls summary() on, else the first it makes). `placeholder` is the
/// value of `?` (for --budget); code with a `?` and no value is an error. Throws syntax_error, naming the
/// place, for anything it cannot read: unknown layers and arguments (with the nearest known name), wrong
/// types, and every error the library raises for the model (invalid_model, overflow_error), located at the
/// layer's call.
code_model build_model(const std::vector<statement>& code, convention kind,
                       std::optional<std::int64_t> placeholder = std::nullopt);

/// True when the code holds a `?`.
bool has_placeholder(const std::vector<statement>& code);

} // namespace rnnparams::cli
