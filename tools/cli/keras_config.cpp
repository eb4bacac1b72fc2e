// tools/cli/keras_config.cpp: Keras layer and model configurations (JSON) read into rnnparams::keras values.
// SPDX-License-Identifier: MIT
#include "keras_config.hpp"

#include "text.hpp"

#include <rnnparams/errors.hpp>

#include <nlohmann/json.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace rnnparams::keras_config {
namespace {

using nlohmann::json;
namespace k = rnnparams::keras;

using cli::intern;

[[noreturn]] void fail(std::string_view where, std::string_view what) {
  std::string message{"rnnparams::keras_config: "};
  message += where;
  message += ": ";
  message += what;
  throw invalid_model(message);
}

/// "string \"ten\"", "array [3,3]": a value as the messages show it, shortened.
std::string describe(const json& value) {
  return std::string{value.type_name()} + " " + cli::shorten(value.dump());
}

/// One layer's `config` object, read key by key; `where` names the layer in messages ("LSTM",
/// "Bidirectional > LSTM"). A key that is absent takes the given default.
class config_reader {
public:
  config_reader(std::string where, const json& config) : where_{std::move(where)}, config_{config} {}

  [[nodiscard]] const std::string& where() const noexcept { return where_; }

  /// The value of `key`, or nullptr when it is absent.
  [[nodiscard]] const json* find(std::string_view key) const {
    const auto it = config_.find(key);
    return it == config_.end() ? nullptr : &*it;
  }

  [[noreturn]] void wrong(std::string_view key, std::string_view expected, const json& value) const {
    fail(where_,
         "\"" + std::string{key} + "\" must be " + std::string{expected} + ", got " + describe(value));
  }

  /// A required integer.
  [[nodiscard]] std::int64_t integer(std::string_view key) const {
    const json* value = find(key);
    if (value == nullptr) {
      fail(where_, "\"" + std::string{key} + "\" is missing");
    }
    return to_integer(key, *value, "an integer");
  }
  /// An integer, `fallback` when absent.
  [[nodiscard]] std::int64_t integer(std::string_view key, std::int64_t fallback) const {
    const json* value = find(key);
    return value == nullptr ? fallback : to_integer(key, *value, "an integer");
  }
  /// An integer or a 1-tuple of one (`"kernel_size": 3` or `[3]`, as tf.keras 2 and Keras 3 write
  /// 1-D windows); `fallback` when absent.
  [[nodiscard]] std::optional<std::int64_t> integer_or_1_tuple(std::string_view key,
                                                               std::optional<std::int64_t> fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (value->is_array()) {
      if (value->size() != 1) {
        wrong(key, "an integer or a list of one integer (a 1-D layer)", *value);
      }
      return to_integer(key, (*value)[0], "an integer or a list of one integer (a 1-D layer)");
    }
    return to_integer(key, *value, "an integer or a list of one integer (a 1-D layer)");
  }
  /// A boolean, `fallback` when absent.
  [[nodiscard]] bool boolean(std::string_view key, bool fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (!value->is_boolean()) {
      wrong(key, "true or false", *value);
    }
    return value->get<bool>();
  }
  /// A number, `fallback` when absent.
  [[nodiscard]] double number(std::string_view key, double fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (!value->is_number()) {
      wrong(key, "a number", *value);
    }
    return value->get<double>();
  }
  /// A string, `fallback` when absent; `null_as` stands for null where Keras allows None.
  [[nodiscard]] std::string_view string(std::string_view key, std::string_view fallback,
                                        std::optional<std::string_view> null_as = std::nullopt) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (value->is_null() && null_as) {
      return *null_as;
    }
    if (!value->is_string()) {
      wrong(key, "a string", *value);
    }
    return intern(value->get_ref<const std::string&>());
  }
  /// Rejects a key whose value is set (not absent, null, false or 0): a feature rnnparams does not model.
  void reject_if_set(std::string_view key, std::string_view why) const {
    const json* value = find(key);
    if (value == nullptr || value->is_null() || (value->is_boolean() && !value->get<bool>()) ||
        (value->is_number() && value->get<double>() == 0.0)) {
      return;
    }
    fail(where_,
         "\"" + std::string{key} + "\": " + describe(*value) + " is not supported: " + std::string{why});
  }

private:
  [[nodiscard]] std::int64_t to_integer(std::string_view key, const json& value,
                                        std::string_view expected) const {
    if (value.is_number_unsigned()) {
      const auto n = value.get<std::uint64_t>();
      if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        wrong(key, "an integer below 2^63", value);
      }
      return static_cast<std::int64_t>(n);
    }
    if (!value.is_number_integer()) {
      wrong(key, expected, value);
    }
    return value.get<std::int64_t>();
  }

  std::string where_;
  const json& config_;
};

/// The layer's input shape, when known, for the checks that need it (normalization axis).
using input_context = std::optional<shape>;

// --- keys shared by several classes

/// Keras 3 quantized dtype policies (int8, int4, float8, GPTQ, AWQ...) replace or add weights.
void check_dtype(const config_reader& r) {
  const json* dtype = r.find("dtype");
  if (dtype == nullptr || dtype->is_null()) {
    return;
  }
  std::string name;
  if (dtype->is_string()) {
    name = dtype->get<std::string>();
  } else if (dtype->is_object()) {
    const std::string policy = dtype->value("class_name", std::string{});
    if (!policy.empty() && policy != "DTypePolicy" && policy != "FloatDTypePolicy" && policy != "Policy") {
      fail(r.where(),
           "dtype policy " + policy + " (quantization) changes the weights; rnnparams counts float weights");
    }
    const auto config = dtype->find("config");
    if (config != dtype->end() && config->is_object()) {
      const auto policy_name = config->find("name");
      if (policy_name != config->end() && policy_name->is_string()) {
        name = policy_name->get<std::string>();
      }
    }
  } else {
    r.wrong("dtype", "a string or a dtype policy", *dtype);
  }
  if (name.find("_from_") != std::string::npos) {
    fail(r.where(),
         "dtype \"" + name + "\" (quantization) changes the weights; rnnparams counts float weights");
  }
}

/// LoRA (Keras 3 `lora_rank`) adds two weights and freezes the kernel; quantization replaces the kernel.
void check_no_lora_or_quantization(const config_reader& r) {
  r.reject_if_set("lora_rank", "LoRA adds lora_kernel_a and lora_kernel_b weights");
  r.reject_if_set("quantization_config", "quantization replaces the float weights");
}

/// `data_format` of Conv1D and the pooling layers: rnnparams models (batch, steps, channels).
void check_channels_last(const config_reader& r) {
  const std::string_view format = r.string("data_format", "channels_last", std::string_view{"channels_last"});
  if (format != "channels_last") {
    fail(r.where(),
         "\"data_format\": \"" + std::string{format} +
             "\" is not supported: rnnparams models channels_last inputs (batch, steps, channels)");
  }
}

/// `axis` of the normalization layers: rnnparams normalizes over the last axis only. Keras 3 writes -1 or,
/// once built, [rank - 1] (LayerNormalization); tf.keras 2 writes [rank - 1] once built.
void check_last_axis(const config_reader& r, const input_context& input) {
  const json* axis = r.find("axis");
  if (axis == nullptr) {
    return;
  }
  std::int64_t a = 0;
  if (axis->is_array()) {
    if (axis->size() != 1) {
      fail(r.where(), "\"axis\": " + describe(*axis) +
                          " is not supported: rnnparams normalizes over one axis, the last one");
    }
    a = config_reader{r.where(), json{{"axis", (*axis)[0]}}}.integer("axis");
  } else {
    a = r.integer("axis");
  }
  if (a == -1) {
    return;
  }
  if (!input) {
    fail(r.where(),
         "\"axis\": " + std::to_string(a) +
             " can only be checked against the input shape: pass it, or write -1 for the last axis");
  }
  const auto last = static_cast<std::int64_t>(input->rank()); // the batch axis is axis 0
  if (a != last) {
    fail(r.where(), "\"axis\": " + std::to_string(a) +
                        " is not supported: rnnparams normalizes over the last axis (" +
                        std::to_string(last) + " or -1 for an input " + to_batch_string(*input) + ")");
  }
}

/// Keys every layer has.
template <class Layer>
Layer with_common(const config_reader& r, Layer layer) {
  check_dtype(r);
  layer.trainable = r.boolean("trainable", layer.trainable);
  return layer;
}

// --- the classes

template <class Layer>
Layer read_recurrent(const config_reader& r) {
  r.reject_if_set("return_state",
                  "it returns the states as extra outputs, which a Sequential model cannot pass on");
  r.reject_if_set("time_major", "rnnparams models (batch, timesteps, features) inputs");
  r.reject_if_set("num_constants", "constants are extra inputs");
  Layer layer;
  layer.units = r.integer("units");
  layer.use_bias = r.boolean("use_bias", layer.use_bias);
  layer.return_sequences = r.boolean("return_sequences", layer.return_sequences);
  if constexpr (std::same_as<Layer, k::GRU>) {
    layer.reset_after = r.boolean("reset_after", layer.reset_after);
  }
  return with_common(r, layer);
}

k::Dense read_dense(const config_reader& r) {
  check_no_lora_or_quantization(r);
  k::Dense layer;
  layer.units = r.integer("units");
  layer.use_bias = r.boolean("use_bias", layer.use_bias);
  return with_common(r, layer);
}

k::Embedding read_embedding(const config_reader& r) {
  check_no_lora_or_quantization(r);
  k::Embedding layer;
  layer.input_dim = r.integer("input_dim");
  layer.output_dim = r.integer("output_dim");
  return with_common(r, layer);
}

k::Conv1D read_conv1d(const config_reader& r) {
  check_no_lora_or_quantization(r);
  check_channels_last(r);
  k::Conv1D layer;
  layer.filters = r.integer("filters");
  if (r.find("kernel_size") == nullptr) {
    fail(r.where(), "\"kernel_size\" is missing");
  }
  layer.kernel_size = *r.integer_or_1_tuple("kernel_size", std::nullopt);
  layer.strides = *r.integer_or_1_tuple("strides", layer.strides);
  layer.padding = r.string("padding", layer.padding);
  layer.dilation_rate = *r.integer_or_1_tuple("dilation_rate", layer.dilation_rate);
  layer.groups = r.integer("groups", layer.groups);
  layer.use_bias = r.boolean("use_bias", layer.use_bias);
  return with_common(r, layer);
}

template <class Layer>
Layer read_normalization(const config_reader& r, const input_context& input) {
  check_last_axis(r, input);
  Layer layer;
  layer.center = r.boolean("center", layer.center);
  layer.scale = r.boolean("scale", layer.scale);
  if constexpr (std::same_as<Layer, k::BatchNormalization>) {
    r.reject_if_set("renorm", "batch renormalization adds moving_stddev, renorm_mean and renorm_stddev");
  } else {
    // Keras 3's deprecated rms_scaling=True creates gamma and no beta (LayerNormalization.build).
    if (r.boolean("rms_scaling", false)) {
      layer.scale = true;
      layer.center = false;
    }
  }
  return with_common(r, layer);
}

template <class Layer>
Layer read_pooling(const config_reader& r) {
  check_channels_last(r);
  Layer layer;
  layer.pool_size = *r.integer_or_1_tuple("pool_size", layer.pool_size);
  layer.strides = r.find("strides") != nullptr && r.find("strides")->is_null()
                      ? std::nullopt
                      : r.integer_or_1_tuple("strides", layer.strides);
  layer.padding = r.string("padding", layer.padding);
  return with_common(r, layer);
}

template <class Layer>
Layer read_global_pooling(const config_reader& r) {
  check_channels_last(r);
  Layer layer;
  layer.keepdims = r.boolean("keepdims", layer.keepdims);
  return with_common(r, layer);
}

k::Dropout read_dropout(const config_reader& r) {
  k::Dropout layer;
  layer.rate = r.number("rate", layer.rate);
  return with_common(r, layer);
}

k::RepeatVector read_repeat_vector(const config_reader& r) {
  k::RepeatVector layer;
  layer.n = r.integer("n");
  return with_common(r, layer);
}

k::Flatten read_flatten(const config_reader& r) {
  // data_format only permutes the axes before flattening: the output size is the same.
  return with_common(r, k::Flatten{});
}

k::layer read_entry(const json& entry, const std::string& outer, const input_context& input);

/// The layer a wrapper holds, under "layer" (or "backward_layer").
const json& wrapped_entry(const config_reader& r, std::string_view key) {
  const json* inner = r.find(key);
  if (inner == nullptr) {
    fail(r.where(), "\"" + std::string{key} + "\" (the wrapped layer) is missing");
  }
  if (!inner->is_object()) {
    r.wrong(key, "a layer {\"class_name\": ..., \"config\": {...}}", *inner);
  }
  return *inner;
}

k::recurrent_layer to_recurrent(const config_reader& r, const k::layer& inner) {
  return std::visit(
      [&](const auto& x) -> k::recurrent_layer {
        using type = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::same_as<type, k::SimpleRNN> || std::same_as<type, k::LSTM> ||
                      std::same_as<type, k::GRU>) {
          return x;
        } else {
          fail(r.where(), "rnnparams wraps SimpleRNN, LSTM or GRU in Bidirectional, got " +
                              std::string{type::class_name});
        }
      },
      inner);
}

/// Whether two recurrent layers have the same settings (Bidirectional's backward_layer against layer).
bool same_settings(const k::recurrent_layer& a, const k::recurrent_layer& b) {
  if (a.index() != b.index()) {
    return false;
  }
  return std::visit(
      [&](const auto& x) {
        const auto& y = std::get<std::remove_cvref_t<decltype(x)>>(b);
        bool same = x.units == y.units && x.use_bias == y.use_bias &&
                    x.return_sequences == y.return_sequences && x.trainable == y.trainable;
        if constexpr (requires { x.reset_after; }) {
          same = same && x.reset_after == y.reset_after;
        }
        return same;
      },
      a);
}

k::Bidirectional read_bidirectional(const config_reader& r, const input_context& input) {
  r.reject_if_set("num_constants", "constants are extra inputs");
  k::Bidirectional layer{to_recurrent(r, read_entry(wrapped_entry(r, "layer"), r.where(), input))};
  if (const json* backward = r.find("backward_layer"); backward != nullptr && !backward->is_null()) {
    // Keras 3 always writes the backward copy; rnnparams counts two copies of "layer".
    const k::recurrent_layer copy =
        to_recurrent(r, read_entry(wrapped_entry(r, "backward_layer"), r.where(), input));
    if (!same_settings(layer.layer, copy)) {
      fail(r.where(), "a \"backward_layer\" whose class, units, use_bias, return_sequences, reset_after or "
                      "trainable differ from \"layer\" is not supported");
    }
  }
  layer.merge_mode = r.string("merge_mode", layer.merge_mode, std::string_view{"None"});
  return with_common(r, layer);
}

k::TimeDistributed read_time_distributed(const config_reader& r, const input_context& input) {
  // The wrapped layer sees one timestep: the input without its first axis.
  input_context step;
  if (input && input->rank() >= 1) {
    step.emplace();
    for (std::size_t axis = 1; axis < input->rank(); ++axis) {
      step->push_back((*input)[axis]);
    }
  }
  const k::layer inner = read_entry(wrapped_entry(r, "layer"), r.where(), step);
  k::TimeDistributed layer{std::visit(
      [&](const auto& x) -> k::time_distributed_layer {
        using type = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::same_as<type, k::TimeDistributed>) {
          fail(r.where(), "rnnparams cannot represent a TimeDistributed inside a TimeDistributed");
        } else {
          return x;
        }
      },
      inner)};
  return with_common(r, layer);
}

using reader_function = std::function<k::layer(const config_reader&, const input_context&)>;

template <class Layer, Layer (*Read)(const config_reader&)>
reader_function plain() {
  return [](const config_reader& r, const input_context&) -> k::layer { return Read(r); };
}

/// Keras class names (and the aliases Keras exports) to their readers.
const std::map<std::string, reader_function, std::less<>>& readers() {
  static const std::map<std::string, reader_function, std::less<>> table = [] {
    std::map<std::string, reader_function, std::less<>> t;
    t["SimpleRNN"] = plain<k::SimpleRNN, &read_recurrent<k::SimpleRNN>>();
    t["LSTM"] = plain<k::LSTM, &read_recurrent<k::LSTM>>();
    t["GRU"] = plain<k::GRU, &read_recurrent<k::GRU>>();
    t["Dense"] = plain<k::Dense, &read_dense>();
    t["Embedding"] = plain<k::Embedding, &read_embedding>();
    t["Conv1D"] = plain<k::Conv1D, &read_conv1d>();
    t["Convolution1D"] = t["Conv1D"];
    t["BatchNormalization"] = [](const config_reader& r, const input_context& input) -> k::layer {
      return read_normalization<k::BatchNormalization>(r, input);
    };
    t["LayerNormalization"] = [](const config_reader& r, const input_context& input) -> k::layer {
      return read_normalization<k::LayerNormalization>(r, input);
    };
    t["Dropout"] = plain<k::Dropout, &read_dropout>();
    t["Flatten"] = plain<k::Flatten, &read_flatten>();
    t["RepeatVector"] = plain<k::RepeatVector, &read_repeat_vector>();
    t["GlobalAveragePooling1D"] =
        plain<k::GlobalAveragePooling1D, &read_global_pooling<k::GlobalAveragePooling1D>>();
    t["GlobalAvgPool1D"] = t["GlobalAveragePooling1D"];
    t["GlobalMaxPooling1D"] = plain<k::GlobalMaxPooling1D, &read_global_pooling<k::GlobalMaxPooling1D>>();
    t["GlobalMaxPool1D"] = t["GlobalMaxPooling1D"];
    t["MaxPooling1D"] = plain<k::MaxPooling1D, &read_pooling<k::MaxPooling1D>>();
    t["MaxPool1D"] = t["MaxPooling1D"];
    t["AveragePooling1D"] = plain<k::AveragePooling1D, &read_pooling<k::AveragePooling1D>>();
    t["AvgPool1D"] = t["AveragePooling1D"];
    t["Bidirectional"] = [](const config_reader& r, const input_context& input) -> k::layer {
      return read_bidirectional(r, input);
    };
    t["TimeDistributed"] = [](const config_reader& r, const input_context& input) -> k::layer {
      return read_time_distributed(r, input);
    };
    return t;
  }();
  return table;
}

/// A layer entry {"class_name": ..., "config": {...}}; `outer` names the wrapper around it, if any.
k::layer read_entry(const json& entry, const std::string& outer, const input_context& input) {
  const std::string where_entry = outer.empty() ? std::string{"layer"} : outer + " > layer";
  if (!entry.is_object()) {
    fail(where_entry, "expected {\"class_name\": ..., \"config\": {...}}, got " + describe(entry));
  }
  const auto class_name = entry.find("class_name");
  if (class_name == entry.end() || !class_name->is_string()) {
    fail(where_entry, "\"class_name\" must be a string, got " +
                          (class_name == entry.end() ? std::string{"nothing"} : describe(*class_name)));
  }
  const std::string& name = class_name->get_ref<const std::string&>();
  const std::string where = outer.empty() ? name : outer + " > " + name;
  static const json empty = json::object();
  const auto config = entry.find("config");
  if (config != entry.end() && !config->is_object()) {
    fail(where, "\"config\" must be an object, got " + describe(*config));
  }
  const auto reader = readers().find(name);
  if (reader == readers().end()) {
    if (name == "InputLayer") {
      fail(where,
           "an InputLayer is not a layer here: it gives a model's input shape (use model_from_config)");
    }
    fail(where,
         "unknown or unsupported layer class; rnnparams models SimpleRNN, LSTM, GRU, Dense, Embedding, "
         "Conv1D, BatchNormalization, LayerNormalization, Dropout, Flatten, RepeatVector, "
         "MaxPooling1D, AveragePooling1D, GlobalMaxPooling1D, GlobalAveragePooling1D, Bidirectional "
         "and TimeDistributed");
  }
  return reader->second(config_reader{where, config == entry.end() ? empty : *config}, input);
}

/// Sets trainable=false on a layer (a Keras 3 model saved with model.trainable = False).
void freeze(k::layer& l) {
  std::visit([](auto& x) { x.trainable = false; }, l);
}

/// "layer 3: " in front of a reader's message, after its "rnnparams::keras_config: " prefix.
[[noreturn]] void rethrow_with_position(const invalid_model& e, std::size_t position) {
  constexpr std::string_view prefix = "rnnparams::keras_config: ";
  std::string what = e.what();
  if (what.starts_with(prefix)) {
    what = std::string{prefix} + "layer " + std::to_string(position) + ": " + what.substr(prefix.size());
  }
  throw invalid_model(what);
}

/// The value at `key` of an object, or nullptr.
const json* member(const json& object, std::string_view key) {
  if (!object.is_object()) {
    return nullptr;
  }
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

/// Adds the entries of a layer list to `m`; InputLayer is allowed first only. With `names`, each layer
/// keeps the name its config gives (Keras's name=), as summary() shows it.
void add_layers(k::model& m, const json& layers, bool frozen, bool names) {
  std::size_t position = 0;
  for (std::size_t index = 0; index < layers.size(); ++index) {
    const json& entry = layers[index];
    if (entry.is_object() && entry.value("class_name", json{}) == "InputLayer") {
      if (index != 0) {
        fail("InputLayer", "an InputLayer can only be the first entry of a Sequential model");
      }
      continue;
    }
    ++position;
    k::layer l;
    std::string name;
    try {
      l = read_entry(entry, {}, m.output_shape());
      const json* config = names ? member(entry, "config") : nullptr;
      if (const json* given = config != nullptr ? member(*config, "name") : nullptr) {
        if (!given->is_string()) {
          fail(k::class_name(l), "\"name\" must be a string, got " + describe(*given));
        }
        name = given->get<std::string>();
      }
    } catch (const invalid_model& e) {
      rethrow_with_position(e, position);
    }
    if (frozen) {
      freeze(l);
    }
    m.add(l, name); // rnnparams's own checks; its messages name the position and the layer
  }
}

/// Where Keras keeps a Sequential model's input shape, in order of preference.
std::optional<shape> find_input_shape(const json& model_json, const json& config, const json& layers) {
  if (!layers.empty() && layers[0].is_object()) {
    const json& first = layers[0];
    const json* first_config = member(first, "config");
    for (const char* key : {"batch_shape", "batch_input_shape"}) {
      if (first_config != nullptr) {
        if (const json* s = member(*first_config, key)) {
          return shape_from_batch_shape(*s);
        }
      }
    }
    if (const json* build = member(first, "build_config")) {
      if (const json* s = member(*build, "input_shape")) {
        return shape_from_batch_shape(*s);
      }
    }
  }
  if (const json* s = member(config, "build_input_shape")) {
    return shape_from_batch_shape(*s);
  }
  if (const json* build = member(model_json, "build_config")) {
    if (const json* s = member(*build, "input_shape")) {
      return shape_from_batch_shape(*s);
    }
  }
  return std::nullopt;
}

k::model read_model(const json& document, const std::optional<shape>& given_input) {
  const json* model_json = &document;
  // A TensorFlow.js model.json holds the model under "modelTopology", sometimes under "model_config".
  if (const json* topology = member(*model_json, "modelTopology")) {
    model_json = topology;
  }
  if (const json* inner = member(*model_json, "model_config")) {
    model_json = inner;
  }
  if (!model_json->is_object()) {
    fail("model", "expected a model {\"class_name\": \"Sequential\", \"config\": {...}}, got " +
                      describe(*model_json));
  }
  const std::string class_name = model_json->value("class_name", std::string{});
  if (class_name != "Sequential") {
    fail("model", "\"class_name\" is \"" + class_name + "\": rnnparams reads Sequential models only");
  }
  const json* config = member(*model_json, "config");
  if (config == nullptr) {
    fail("Sequential", "\"config\" is missing");
  }
  // Keras 3, tf.keras 2 and TensorFlow.js write {"layers": [...]}; Keras up to 2.1 wrote the list itself.
  const json* layers = config->is_array() ? config : member(*config, "layers");
  if (layers == nullptr || !layers->is_array()) {
    fail("Sequential", "\"layers\" must be a list of layers");
  }
  const std::optional<shape> input =
      given_input ? given_input : find_input_shape(*model_json, *config, *layers);
  if (!input) {
    fail("Sequential", "the input shape is not in the configuration (no InputLayer, batch_input_shape, "
                       "batch_shape or build_input_shape): pass it");
  }
  const bool frozen = config->is_object() && config->contains("trainable") &&
                      config_reader{"Sequential", *config}.boolean("trainable", true) == false;
  k::model m{k::Input{*input}};
  add_layers(m, *layers, frozen, true);
  return m;
}

} // namespace

k::layer layer_from_config(const nlohmann::json& class_and_config) {
  return read_entry(class_and_config, {}, std::nullopt);
}

k::layer layer_from_config(const nlohmann::json& class_and_config, const shape& input) {
  return read_entry(class_and_config, {}, input);
}

shape shape_from_batch_shape(const nlohmann::json& batch_shape) {
  if (!batch_shape.is_array() || batch_shape.empty()) {
    fail("shape", "expected a shape with its batch axis first ([null, 3, 1]), got " + describe(batch_shape));
  }
  if (batch_shape.size() - 1 > shape::max_rank) {
    fail("shape", "rnnparams holds shapes of up to " + std::to_string(shape::max_rank) +
                      " axes besides the batch axis, got " + describe(batch_shape));
  }
  shape result;
  for (std::size_t axis = 1; axis < batch_shape.size(); ++axis) {
    const json& d = batch_shape[axis];
    if (d.is_null()) {
      result.push_back(none);
    } else if (d.is_number_integer() && d.get<std::int64_t>() >= 0) {
      result.push_back(d.get<std::uint64_t>());
    } else {
      fail("shape", "a dimension must be null or an integer >= 0, got " + describe(d) + " in " +
                        describe(batch_shape));
    }
  }
  return result;
}

k::model model_from_config(const nlohmann::json& model_config) {
  return read_model(model_config, std::nullopt);
}

k::model model_from_config(const nlohmann::json& model_config, const shape& input) {
  return read_model(model_config, input);
}

k::model model_from_case(const nlohmann::json& fixture_case) {
  const json* input = member(fixture_case, "input_shape");
  const json* layers = member(fixture_case, "layers");
  if (input == nullptr || layers == nullptr || !layers->is_array()) {
    fail("case", "expected {\"input_shape\": [null, ...], \"layers\": [...]}");
  }
  k::model m{k::Input{shape_from_batch_shape(*input)}};
  add_layers(m, *layers, false, false);
  return m;
}

} // namespace rnnparams::keras_config
