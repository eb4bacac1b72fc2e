// tools/cli/keras_config.hpp: Keras layer and model configurations (JSON) read into rnnparams::keras values.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/keras/functional.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/keras/model.hpp>
#include <rnnparams/keras/multi_input_list.hpp>
#include <rnnparams/keras/sequential.hpp>
#include <rnnparams/shape.hpp>

#include <nlohmann/json_fwd.hpp>

#include <memory>

namespace rnnparams::keras_config {

/// A layer from a Keras layer entry, `{"class_name": "LSTM", "config": {"units": 10, ...}}`, in any of
/// the forms Keras writes: keras_cases.json, tf.keras 2 and TensorFlow.js `model.to_json()` (1-tuples such
/// as `"kernel_size": [3]`), Keras 3 `config.json`. Keys that do not change counts or shapes (activations,
/// initializers, dropout rates, names, dtype...) are ignored; a missing key takes Keras 3's default.
/// Throws rnnparams::invalid_model for an unknown class, a key of the wrong type, or a setting rnnparams
/// cannot represent (`return_state=True`, `data_format="channels_first"`, LoRA, quantization...).
/// A normalization `axis` other than -1 needs the input shape: use the overload below.
rnnparams::keras::layer layer_from_config(const nlohmann::json& class_and_config);

/// The same, knowing the layer's input shape (without the batch axis), so that a normalization
/// layer's `axis` can be checked to be the last axis.
rnnparams::keras::layer layer_from_config(const nlohmann::json& class_and_config, const shape& input);

/// A layer called on a list of tensors (Concatenate, Add, Dot, Attention, MultiHeadAttention, ...) from
/// its entry, read as layer_from_config reads the others.
rnnparams::keras::multi_input_layer multi_input_layer_from_config(const nlohmann::json& class_and_config);

/// True when the entry's class is one of those (a functional model's merge or attention layer).
bool is_multi_input_class(const nlohmann::json& class_and_config);

/// A shape with its batch axis, as Keras writes it (`[null, 3, 1]`), without it: (3, 1).
shape shape_from_batch_shape(const nlohmann::json& batch_shape);

/// A Sequential model from `model.to_json()` (tf.keras 2, TensorFlow.js), a TensorFlow.js model.json
/// (`modelTopology`), or Keras 3's config.json. The input shape comes from the InputLayer, the first
/// layer's `batch_input_shape` / `batch_shape`, or `build_input_shape` / `build_config`.
rnnparams::keras::model model_from_config(const nlohmann::json& model_config);

/// The same, with the input shape (without the batch axis) given rather than read.
rnnparams::keras::model model_from_config(const nlohmann::json& model_config, const shape& input);

/// A functional model read at run time: room for 512 layer calls, Inputs included.
using functional_model = rnnparams::keras::Functional<512>;

/// True when the document holds a functional model: `"class_name"` "Functional" (Keras 3, tf.keras
/// 2.13+) or "Model" (tf.keras 2, TensorFlow.js), at the top or under a TensorFlow.js
/// `modelTopology` / `model_config`.
bool is_functional_config(const nlohmann::json& document);

/// A functional model from its configuration: Keras 3's config.json (inbound_nodes of
/// `{"args": [...], "kwargs": {...}}` whose tensors name `keras_history` [layer, node, tensor];
/// `initial_state` in the kwargs), tf.keras 2's and TensorFlow.js's `to_json()` (inbound_nodes as
/// lists of [layer, node, tensor, kwargs], a recurrent layer's further entries its initial states).
/// Each layer is read as layer_from_config / multi_input_layer_from_config read it, keeps its name,
/// and is called once per inbound node, in an order where its inputs exist (as Keras's from_config);
/// the model is that of `input_layers` and `output_layers`. On the heap: the model is large.
std::unique_ptr<functional_model> functional_from_config(const nlohmann::json& document);

/// A case of tests/conformance/keras_cases.json: `{"input_shape": [null, ...], "layers": [...]}`.
rnnparams::keras::model model_from_case(const nlohmann::json& fixture_case);

} // namespace rnnparams::keras_config
