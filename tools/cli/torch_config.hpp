// tools/cli/torch_config.hpp: PyTorch module constructions (JSON) read into rnnparams::torch values.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/torch.hpp>
#include <rnnparams/torch/module.hpp>

#include <nlohmann/json_fwd.hpp>

namespace rnnparams::torch_config {

/// Any PyTorch module rnnparams models (the library's torch::module).
using module = rnnparams::torch::module;

/// A module from `{"class_name": "LSTM", "kwargs": {"input_size": 8, "hidden_size": 16, ...}}` (the form of
/// tests/conformance/torch_cases.json; "torch.nn.LSTM" and "nn.LSTM" are accepted too). kwargs are the
/// constructor's keyword arguments; a missing one takes PyTorch's default. Throws rnnparams::invalid_model
/// for an unknown class, an unknown keyword (as PyTorch's TypeError does), a value of the wrong type, or a
/// setting rnnparams cannot represent (a dtype other than float32, `_weight`, LayerNorm `bias=False`).
/// The module's own settings are checked by rnnparams when it is used.
module module_from_config(const nlohmann::json& class_and_kwargs);

} // namespace rnnparams::torch_config
