// tools/cli/report.hpp: what the rnnparams command prints for a model: JSON and the explanation.
// SPDX-License-Identifier: MIT
#pragma once

#include "keras_config.hpp"
#include "model_code.hpp"

#include <rnnparams/keras/model.hpp>
#include <string>

namespace rnnparams::cli {

/// The JSON object of `--format json` for a Keras model (keys in the documented order, batch axis null).
std::string keras_json(const keras::model& model);
/// The same for a functional model: "inputs" and "outputs" (each a shape) instead of "input_shape" and
/// "output_shape", and each layer's "inbound": for each of its calls, the tensors it takes as
/// [layer, node, tensor].
std::string keras_json(const keras_config::functional_model& model);

/// The JSON object of `--format json` for PyTorch modules counted one by one.
std::string torch_json(const std::vector<torch_entry>& modules);

/// `--format explain`: every weight tensor with its shape and size, and the sum written out the way
/// the seed's answer writes it: "recurrent 10·10 = 100 + input 1·10 = 10 + bias 10 = 120".
std::string keras_explain(const keras::model& model);
/// The same for a functional model; a merge or attention layer names every shape it combined.
std::string keras_explain(const keras_config::functional_model& model);

/// `--format explain` for PyTorch modules: every named parameter, the sum, and the buffers apart.
std::string torch_explain(const std::vector<torch_entry>& modules);

} // namespace rnnparams::cli
