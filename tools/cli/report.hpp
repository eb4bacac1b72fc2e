// tools/cli/report.hpp: what the rnnparams command prints for a model: JSON and the explanation.
// SPDX-License-Identifier: MIT
#pragma once

#include "model_code.hpp"

#include <rnnparams/keras/model.hpp>
#include <string>

namespace rnnparams::cli {

/// The JSON object of `--format json` for a Keras model (keys in the documented order, batch axis null).
std::string keras_json(const keras::model& model);

/// The JSON object of `--format json` for PyTorch modules counted one by one.
std::string torch_json(const std::vector<torch_entry>& modules);

/// `--format explain`: every weight tensor with its shape and size, and the sum written out the way
/// the seed's answer writes it: "recurrent 10·10 = 100 + input 1·10 = 10 + bias 10 = 120".
std::string keras_explain(const keras::model& model);

/// `--format explain` for PyTorch modules: every named parameter, the sum, and the buffers apart.
std::string torch_explain(const std::vector<torch_entry>& modules);

} // namespace rnnparams::cli
