// tools/cli/keras_config.cpp: Keras layer and model configurations (JSON) read into rnnparams::keras values.
// SPDX-License-Identifier: MIT
#include "keras_config.hpp"

#include "layer_arguments.hpp"
#include "text.hpp"

#include <rnnparams/errors.hpp>
#include <rnnparams/to_string.hpp>

#include <nlohmann/json.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
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

/// The layer's input shape, when known, for the checks that need it (normalization axis).
using input_context = std::optional<shape>;

k::layer read_entry(const json& entry, const std::string& outer, const input_context& input);

/// An entry's class name and config ({} when absent), checked for their types.
std::pair<std::string, const json&> class_and_config(const json& entry) {
  if (!entry.is_object()) {
    fail("cell", "expected {\"class_name\": ..., \"config\": {...}}, got " + describe(entry));
  }
  const auto class_name = entry.find("class_name");
  if (class_name == entry.end() || !class_name->is_string()) {
    fail("cell", "\"class_name\" must be a string");
  }
  static const json empty = json::object();
  const auto config = entry.find("config");
  if (config != entry.end() && !config->is_object()) {
    fail(class_name->get<std::string>(), "\"config\" must be an object, got " + describe(*config));
  }
  return {class_name->get<std::string>(), config == entry.end() ? empty : *config};
}

/// One layer's `config` object, read key by key; `where` names the layer in messages ("LSTM",
/// "Bidirectional > LSTM"). A key that is absent takes the given default. It is the Source of
/// cli::read_layer, which reads the keys each layer's describe() names.
class config_reader {
public:
  config_reader(std::string where, const json& config, input_context input = std::nullopt)
      : where_{std::move(where)}, config_{config}, input_{std::move(input)} {}

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

  /// An integer (with one_tuple, also a list of one integer, as 1-D windows are written); `fallback`
  /// when absent, required when there is none.
  [[nodiscard]] std::int64_t integer(std::string_view key, std::optional<std::int64_t> fallback,
                                     bool one_tuple = false) const {
    const json* value = find(key);
    if (value == nullptr) {
      if (!fallback) {
        fail(where_, "\"" + std::string{key} + "\" is missing");
      }
      return *fallback;
    }
    if (!one_tuple) {
      return to_integer(key, *value, "an integer");
    }
    constexpr std::string_view expected = "an integer or a list of one integer (a 1-D layer)";
    if (value->is_array()) {
      if (value->size() != 1) {
        wrong(key, expected, *value);
      }
      return to_integer(key, (*value)[0], expected);
    }
    return to_integer(key, *value, expected);
  }
  /// An integer or null (None); `fallback` when absent.
  [[nodiscard]] std::optional<std::int64_t>
  optional_integer(std::string_view key, std::optional<std::int64_t> fallback, bool one_tuple = false) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (value->is_null()) {
      return std::nullopt;
    }
    return integer(key, std::nullopt, one_tuple);
  }
  /// A boolean, `fallback` when absent.
  /// With `absent_means_false`, a key the config lacks is False: a setting of an older Keras (GRU's
  /// reset_after, which configs of Keras before 2.1.5 lack and whose only GRU was reset_after=False).
  [[nodiscard]] bool boolean(std::string_view key, bool fallback, bool absent_means_false = false) const {
    if (absent_means_false && find(key) == nullptr) {
      return false;
    }
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (!value->is_boolean()) {
      wrong(key, "true or false", *value);
    }
    return value->get<bool>();
  }
  /// A number, `fallback` when absent, required when there is none.
  [[nodiscard]] double number(std::string_view key, std::optional<double> fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      if (!fallback) {
        fail(where_, "\"" + std::string{key} + "\" is missing");
      }
      return *fallback;
    }
    if (!value->is_number()) {
      wrong(key, "a number", *value);
    }
    return value->get<double>();
  }
  /// A string, `fallback` when absent; `none_as` stands for null where Keras allows None.
  [[nodiscard]] std::string_view string(std::string_view key, std::string_view fallback,
                                        std::string_view none_as = {}) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (value->is_null() && !none_as.empty()) {
      return none_as;
    }
    if (!value->is_string()) {
      wrong(key, "a string", *value);
    }
    return intern(value->get_ref<const std::string&>());
  }
  /// An array of integers (Reshape's target_shape, Permute's dims); `fallback` when absent, required when
  /// there is none.
  /// With `one_integer`, an integer is a tuple of one (Dot's "axes": -1).
  [[nodiscard]] int_tuple integer_tuple(std::string_view key, std::optional<int_tuple> fallback,
                                        bool one_integer = false) const {
    const json* value = find(key);
    if (value == nullptr) {
      if (!fallback) {
        fail(where_, "\"" + std::string{key} + "\" is missing");
      }
      return *fallback;
    }
    constexpr std::string_view expected = "an array of at most 8 integers";
    if (one_integer && !value->is_array()) {
      return int_tuple{to_integer(key, *value, "an integer or an array of integers")};
    }
    if (!value->is_array() || value->size() > int_tuple::max_size) {
      wrong(key, expected, *value);
    }
    int_tuple t;
    for (const json& item : *value) {
      t.push_back(to_integer(key, item, expected));
    }
    return t;
  }
  /// Sizes: an integer or an array of positive integers (MultiHeadAttention's output_shape); `fallback`
  /// when absent or null, required when there is none.
  [[nodiscard]] shape sizes(std::string_view key, const std::optional<shape>& fallback) const {
    const json* value = find(key);
    if (value == nullptr || value->is_null()) {
      if (!fallback) {
        fail(where_, "\"" + std::string{key} + "\" is missing");
      }
      return *fallback;
    }
    constexpr std::string_view expected = "an integer or an array of at most 8 positive integers";
    if (!value->is_array()) {
      const std::int64_t d = to_integer(key, *value, expected);
      if (d <= 0) {
        wrong(key, expected, *value);
      }
      return shape{d};
    }
    if (value->size() > shape::max_rank) {
      wrong(key, expected, *value);
    }
    shape s;
    for (const json& item : *value) {
      const std::int64_t d = to_integer(key, item, expected);
      if (d <= 0) {
        wrong(key, expected, *value);
      }
      s.push_back(d);
    }
    return s;
  }
  /// RNN's cell: {"class_name": "LSTMCell", "config": {...}}, or StackedRNNCells with "cells": [...] (a list
  /// of cells is read as one too).
  [[nodiscard]] k::rnn_cell rnn_cell(std::string_view key) const {
    const json* cell = find(key);
    if (cell == nullptr) {
      fail(where_, "\"" + std::string{key} + "\" (the cell) is missing");
    }
    const auto one = [&](const json& entry) -> k::keras_cell {
      const auto [name, config] = class_and_config(entry);
      const config_reader r{where_ + " > " + name, config};
      const auto read = [&]<class Cell>(std::type_identity<Cell> /*cell*/) -> k::keras_cell {
        return cli::read_layer<Cell>(r);
      };
      const std::optional<k::keras_cell> c = cli::read_keras_cell(name, read);
      if (!c) {
        fail(where_,
             "\"" + std::string{key} + "\" must be a " + cli::keras_cell_names_text() + ", got " + name);
      }
      return *c;
    };
    const auto stack = [&](const json& list) {
      if (!list.is_array()) {
        wrong("cells", "a list of cells", list);
      }
      k::StackedRNNCells s;
      if (list.size() > k::StackedRNNCells::max_cells) {
        fail(where_, "rnnparams stacks up to 4 cells in StackedRNNCells, got " + std::to_string(list.size()));
      }
      for (const json& c : list) {
        s.cells.push_back(one(c));
      }
      return s;
    };
    if (cell->is_array()) {
      return stack(*cell);
    }
    const auto [name, config] = class_and_config(*cell);
    if (name == "StackedRNNCells") {
      const auto cells = config.find("cells");
      if (cells == config.end()) {
        fail(where_ + " > StackedRNNCells", "\"cells\" is missing");
      }
      k::StackedRNNCells s = stack(*cells);
      s.trainable = config_reader{where_ + " > StackedRNNCells", config}.boolean("trainable", true);
      return s;
    }
    return rnnparams::visit([](const auto& c) -> k::rnn_cell { return c; }, one(*cell));
  }
  /// The layer a wrapper holds under `key`; nullopt when absent (or null) and not required.
  [[nodiscard]] std::optional<k::layer> wrapped(std::string_view key, bool required,
                                                shape (*inner_shape)(const shape&)) const {
    const json* inner = find(key);
    if (inner == nullptr || (inner->is_null() && !required)) {
      if (required) {
        fail(where_, "\"" + std::string{key} + "\" (the wrapped layer) is missing");
      }
      return std::nullopt;
    }
    if (!inner->is_object()) {
      wrong(key, "a layer {\"class_name\": ..., \"config\": {...}}", *inner);
    }
    input_context seen = input_;
    if (inner_shape != nullptr) { // the wrapped layer sees one timestep of the input
      seen = input_ && input_->rank() >= 2 ? input_context{inner_shape(*input_)} : std::nullopt;
    }
    return read_entry(*inner, where_, seen);
  }
  [[noreturn]] void not_wrappable(std::string_view /*key*/, const k::layer& inner,
                                  const std::string& accepted) const {
    const std::string_view inner_class = k::class_name(inner);
    if (wrapper_name() == inner_class) {
      fail(where_, "rnnparams cannot represent a " + std::string{inner_class} + " inside a " +
                       std::string{inner_class});
    }
    fail(where_, "rnnparams wraps " + accepted + " in " + std::string{wrapper_name()} + ", got " +
                     std::string{inner_class});
  }
  [[noreturn]] void different_backward_layer(std::string_view key, std::string_view what) const {
    fail(where_, "a \"" + std::string{key} + "\" that differs from \"layer\" (" + std::string{what} +
                     ") is not supported: rnnparams counts two copies of \"layer\"");
  }
  /// A string key that rnnparams models for one value only (None stands for it).
  void only(std::string_view key, std::string_view supported, std::string_view why) const {
    const std::string_view value = string(key, supported, supported);
    if (value != supported) {
      fail(where_, "\"" + std::string{key} + "\": \"" + std::string{value} +
                       "\" is not supported: " + std::string{why});
    }
  }
  void unsupported(std::string_view key, std::string_view why) const { reject_if_set(key, why); }
  void last_axis(std::string_view key) const;
  /// tf.keras 2's Embedding input_length: the input shape comes from the model's input.
  void input_length(std::string_view /*key*/) const {}

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

  /// "Bidirectional" for where_ "Bidirectional" or "TimeDistributed > Bidirectional".
  [[nodiscard]] std::string_view wrapper_name() const {
    const std::size_t arrow = where_.rfind("> ");
    return arrow == std::string::npos ? std::string_view{where_} : std::string_view{where_}.substr(arrow + 2);
  }

  std::string where_;
  const json& config_;
  input_context input_;
};

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

/// `axis` of the normalization layers: rnnparams normalizes over the last axis only. Keras 3 writes -1 or,
/// once built, [rank - 1] (LayerNormalization); tf.keras 2 writes [rank - 1] once built.
void config_reader::last_axis(std::string_view key) const {
  const config_reader& r = *this;
  const input_context& input = input_;
  const json* axis = r.find(key);
  if (axis == nullptr) {
    return;
  }
  std::int64_t a = 0;
  if (axis->is_array()) {
    if (axis->size() != 1) {
      fail(r.where(), "\"axis\": " + describe(*axis) +
                          " is not supported: rnnparams normalizes over one axis, the last one");
    }
    a = config_reader{r.where(), json{{"axis", (*axis)[0]}}}.integer("axis", std::nullopt);
  } else {
    a = r.integer("axis", std::nullopt);
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

/// Reads a layer of class T from its config.
struct config_entry {
  using function = k::layer (*)(const config_reader&);
  template <class T>
  static function of() {
    return [](const config_reader& r) -> k::layer { return cli::read_layer<T>(r); };
  }
};

/// Reads a layer called on a list of tensors, of class T, from its config.
struct multi_input_config_entry {
  using function = k::multi_input_layer (*)(const config_reader&);
  template <class T>
  static function of() {
    return [](const config_reader& r) -> k::multi_input_layer { return cli::read_layer<T>(r); };
  }
};

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
  const auto& readers = cli::keras_dispatch<config_entry>();
  const auto reader = readers.find(name);
  if (reader == readers.end()) {
    if (name == "InputLayer") {
      fail(where,
           "an InputLayer is not a layer here: it gives a model's input shape (use model_from_config)");
    }
    fail(where, "unknown or unsupported layer class; rnnparams models " + cli::keras_class_names_text());
  }
  const config_reader r{where, config == entry.end() ? empty : *config, input};
  check_dtype(r);
  return reader->second(r);
}

/// Sets trainable=false on a layer (a Keras 3 model saved with model.trainable = False).
void freeze(k::layer& l) {
  rnnparams::visit([](auto& x) { x.trainable = false; }, l);
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
  if (class_name == "Functional" || class_name == "Model") {
    fail("model", "\"class_name\" is \"" + class_name +
                      "\": a functional model, which functional_from_config reads (model_from_config reads "
                      "Sequential models)");
  }
  if (class_name != "Sequential") {
    fail("model", "\"class_name\" is \"" + class_name +
                      "\": rnnparams reads Sequential and functional models (a subclassed model has no layer "
                      "list to read)");
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

bool is_multi_input_class(const nlohmann::json& class_and_config) {
  const json* name = member(class_and_config, "class_name");
  const auto& readers = cli::class_dispatch<multi_input_config_entry, k::multi_input_layer_types>();
  return name != nullptr && name->is_string() && readers.contains(name->get<std::string>());
}

k::multi_input_layer multi_input_layer_from_config(const nlohmann::json& entry) {
  if (!is_multi_input_class(entry)) {
    fail("layer",
         "expected a merge or attention layer {\"class_name\": \"Concatenate\", \"config\": {...}}, got " +
             describe(entry));
  }
  const std::string name = entry["class_name"].get<std::string>();
  static const json empty = json::object();
  const json* config = member(entry, "config");
  if (config != nullptr && !config->is_object()) {
    fail(name, "\"config\" must be an object, got " + describe(*config));
  }
  const config_reader r{name, config == nullptr ? empty : *config};
  check_dtype(r);
  return cli::class_dispatch<multi_input_config_entry, k::multi_input_layer_types>().at(name)(r);
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

namespace {

/// The model object of a document: itself, or under TensorFlow.js's modelTopology / model_config.
const json& model_object(const json& document) {
  const json* model_json = &document;
  if (const json* topology = member(*model_json, "modelTopology")) {
    model_json = topology;
  }
  if (const json* inner = member(*model_json, "model_config")) {
    model_json = inner;
  }
  return *model_json;
}

/// [layer name, node, tensor] of a model's input_layers / output_layers, or of a tf.keras 2 inbound entry.
struct tensor_key {
  std::string layer;
  std::size_t node = 0;
  std::size_t tensor = 0;
  friend bool operator<(const tensor_key& a, const tensor_key& b) {
    return std::tie(a.layer, a.node, a.tensor) < std::tie(b.layer, b.node, b.tensor);
  }
};

tensor_key key_of(const json& entry, const std::string& where) {
  if (!entry.is_array() || entry.size() < 3 || !entry[0].is_string() || !entry[1].is_number_unsigned() ||
      !entry[2].is_number_unsigned()) {
    fail(where, "expected a tensor [\"layer name\", node, tensor], got " + describe(entry));
  }
  return {entry[0].get<std::string>(), entry[1].get<std::size_t>(), entry[2].get<std::size_t>()};
}

/// input_layers / output_layers: a list of [name, node, tensor], or Keras 3's single one unwrapped.
std::vector<tensor_key> keys_of(const json* list, const std::string& where) {
  std::vector<tensor_key> keys;
  if (list == nullptr || !list->is_array() || list->empty()) {
    fail("Functional", "\"" + where + "\" must be a list of [\"layer name\", node, tensor]");
  }
  if ((*list)[0].is_string()) {
    keys.push_back(key_of(*list, where));
    return keys;
  }
  for (const json& entry : *list) {
    keys.push_back(key_of(entry, where));
  }
  return keys;
}

/// One call of a layer as its config records it: the tensors it takes, and its initial states.
struct recorded_call {
  std::vector<tensor_key> inputs;
  std::vector<tensor_key> states;
};

/// A Keras 3 `__keras_tensor__` (or a list of them, as a merge's args hold them) appended to `out`.
void keras3_tensors(const json& v, std::vector<tensor_key>& out, const std::string& where, int depth = 0) {
  if (v.is_array()) {
    if (depth == 4) { // [[q, v]] is the deepest Keras writes
      fail(where, "an inbound node's tensors are nested deeper than Keras writes them");
    }
    for (const json& item : v) {
      keras3_tensors(item, out, where, depth + 1);
    }
    return;
  }
  const json* config = member(v, "config");
  const json* history = config != nullptr ? member(*config, "keras_history") : nullptr;
  if (v.value("class_name", std::string{}) != "__keras_tensor__" || history == nullptr) {
    fail(where, "expected a __keras_tensor__ with its keras_history, got " + describe(v));
  }
  out.push_back(key_of(*history, where));
}

/// A layer's inbound nodes, in either format.
std::vector<recorded_call> calls_of(const json& entry, const std::string& where) {
  std::vector<recorded_call> calls;
  const json* nodes = member(entry, "inbound_nodes");
  if (nodes == nullptr) {
    return calls;
  }
  if (!nodes->is_array()) {
    fail(where, "\"inbound_nodes\" must be a list, got " + describe(*nodes));
  }
  for (const json& node : *nodes) {
    recorded_call c;
    if (node.is_object()) { // Keras 3: {"args": [...], "kwargs": {...}}
      if (const json* args = member(node, "args")) {
        keras3_tensors(*args, c.inputs, where);
      }
      if (const json* kwargs = member(node, "kwargs")) {
        for (const char* key : {"value", "key"}) { // MultiHeadAttention(query, value=..., key=...)
          if (const json* t = member(*kwargs, key)) {
            keras3_tensors(*t, c.inputs, where);
          }
        }
        if (const json* states = member(*kwargs, "initial_state")) {
          keras3_tensors(*states, c.states, where);
        }
      }
    } else if (node.is_array()) { // tf.keras 2 and tfjs: [[name, node, tensor, kwargs], ...]
      for (const json& inbound : node) {
        c.inputs.push_back(key_of(inbound, where));
      }
    } else {
      fail(where, "an inbound node must be a list or an object, got " + describe(node));
    }
    if (c.inputs.empty()) {
      fail(where, "an inbound node without input tensors");
    }
    calls.push_back(std::move(c));
  }
  return calls;
}

} // namespace

bool is_functional_config(const nlohmann::json& document) {
  const json& m = model_object(document);
  const std::string class_name = m.is_object() ? m.value("class_name", std::string{}) : std::string{};
  return class_name == "Functional" || class_name == "Model";
}

std::unique_ptr<functional_model> functional_from_config(const nlohmann::json& document) {
  const json& model_json = model_object(document);
  if (!is_functional_config(document)) {
    fail("model", "expected a functional model {\"class_name\": \"Functional\", \"config\": {...}}");
  }
  const json* config = member(model_json, "config");
  const json* layers = config != nullptr ? member(*config, "layers") : nullptr;
  if (layers == nullptr || !layers->is_array()) {
    fail("Functional", "\"layers\" must be a list of layers");
  }
  auto f = std::make_unique<functional_model>();
  // Each layer: its handle (to call), or the tensor of an Input; its recorded calls.
  using single = k::layer_handle<functional_model, k::layer>;
  using multi = k::layer_handle<functional_model, k::multi_input_layer>;
  struct pending {
    std::string name;
    std::optional<single> one;
    std::optional<multi> many;
    std::vector<recorded_call> calls;
    std::size_t done = 0;
    const json* entry = nullptr;
  };
  std::vector<pending> graph;
  std::map<tensor_key, k::tensor> tensors;
  std::set<std::string> names;
  for (const json& entry : *layers) {
    const json* entry_config = member(entry, "config");
    const json* name = member(entry, "name");
    if (name == nullptr && entry_config != nullptr) {
      name = member(*entry_config, "name");
    }
    if (name == nullptr || !name->is_string()) {
      fail("Functional", "each layer needs its \"name\", got " + describe(entry));
    }
    pending p;
    p.name = name->get<std::string>();
    if (!names.insert(p.name).second) {
      fail(p.name, "two layers of the model have this name");
    }
    const std::string class_name = entry.value("class_name", std::string{});
    if (class_name == "InputLayer") {
      const json* batch = entry_config == nullptr ? nullptr : member(*entry_config, "batch_shape");
      if (batch == nullptr && entry_config != nullptr) {
        batch = member(*entry_config, "batch_input_shape");
      }
      if (batch == nullptr) {
        fail(p.name, "an InputLayer needs its \"batch_shape\" or \"batch_input_shape\"");
      }
      tensors[{p.name, 0, 0}] = f->input(shape_from_batch_shape(*batch), p.name);
      continue;
    }
    p.calls = calls_of(entry, p.name);
    p.entry = &entry;
    if (is_multi_input_class(entry)) {
      p.many.emplace(f->add(multi_input_layer_from_config(entry), p.name));
    }
    graph.push_back(std::move(p));
  }
  // Keras's from_config: call each layer's next node once every tensor it takes exists.
  const auto ready = [&](const recorded_call& c) {
    for (const auto* list : {&c.inputs, &c.states}) {
      for (const tensor_key& t : *list) {
        if (!tensors.contains(t)) {
          return false;
        }
      }
    }
    return true;
  };
  for (bool progress = true; progress;) {
    progress = false;
    for (pending& p : graph) {
      while (p.done < p.calls.size() && ready(p.calls[p.done])) {
        const recorded_call& c = p.calls[p.done];
        std::vector<k::tensor> in;
        for (const tensor_key& t : c.inputs) {
          in.push_back(tensors.at(t));
        }
        k::initial_state states;
        for (const tensor_key& t : c.states) {
          states.tensors.push_back(tensors.at(t), k::initial_state::who);
        }
        k::call_outputs out{nullptr, 0, 0, {}};
        if (p.many) {
          out = (*p.many)(std::span<const k::tensor>{in});
        } else {
          if (!p.one) { // read at its first call, knowing its input: a normalization's axis is checked
            p.one.emplace(f->add(read_entry(*p.entry, {}, f->tensor_shape(in[0])), p.name));
          }
          // tf.keras 2 lists a recurrent layer's initial states after its input.
          for (std::size_t i = 1; i < in.size(); ++i) {
            states.tensors.push_back(in[i], k::initial_state::who);
          }
          out = (*p.one)(in[0], states);
        }
        for (std::size_t i = 0; i < out.size(); ++i) {
          tensors[{p.name, p.done, i}] = out[i];
        }
        ++p.done;
        progress = true;
      }
    }
  }
  for (const pending& p : graph) {
    if (p.done < p.calls.size()) {
      fail(p.name, "an inbound node takes a tensor no layer of the model makes (or a cycle)");
    }
  }
  const auto tensors_of = [&](const std::vector<tensor_key>& keys, const std::string& what) {
    std::vector<k::tensor> out;
    for (const tensor_key& t : keys) {
      const auto it = tensors.find(t);
      if (it == tensors.end()) {
        fail("Functional", "\"" + what + "\" names " + t.layer + "[" + std::to_string(t.node) + "][" +
                               std::to_string(t.tensor) + "], which the model does not make");
      }
      out.push_back(it->second);
    }
    return out;
  };
  const std::vector<k::tensor> inputs =
      tensors_of(keys_of(member(*config, "input_layers"), "input_layers"), "input_layers");
  const std::vector<k::tensor> outputs =
      tensors_of(keys_of(member(*config, "output_layers"), "output_layers"), "output_layers");
  f->model_in_place(inputs, outputs);
  return f;
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
