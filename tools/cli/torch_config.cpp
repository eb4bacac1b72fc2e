// tools/cli/torch_config.cpp: PyTorch module constructions (JSON) read into rnnparams::torch values.
// SPDX-License-Identifier: MIT
#include "torch_config.hpp"

#include "text.hpp"

#include <rnnparams/errors.hpp>

#include <nlohmann/json.hpp>

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
#include <vector>

namespace rnnparams::torch_config {
namespace {

using nlohmann::json;
namespace t = rnnparams::torch;

using cli::intern;

[[noreturn]] void fail(std::string_view where, std::string_view what) {
  std::string message{"rnnparams::torch_config: "};
  message += where;
  message += ": ";
  message += what;
  throw invalid_model(message);
}

std::string describe(const json& value) {
  return std::string{value.type_name()} + " " + cli::shorten(value.dump());
}

/// A module's kwargs, read key by key. Every key must be one the constructor takes.
class kwargs_reader {
public:
  kwargs_reader(std::string where, const json& kwargs, const std::vector<std::string_view>& accepted)
      : where_{std::move(where)}, kwargs_{kwargs} {
    for (const auto& [key, value] : kwargs_.items()) {
      bool known = false;
      for (const std::string_view a : accepted) {
        known = known || a == key;
      }
      if (!known) {
        fail(where_, "unexpected keyword argument \"" + key + "\"");
      }
    }
  }

  [[nodiscard]] const std::string& where() const noexcept { return where_; }

  [[nodiscard]] const json* find(std::string_view key) const {
    const auto it = kwargs_.find(key);
    return it == kwargs_.end() ? nullptr : &*it;
  }

  [[noreturn]] void wrong(std::string_view key, std::string_view expected, const json& value) const {
    fail(where_,
         "\"" + std::string{key} + "\" must be " + std::string{expected} + ", got " + describe(value));
  }

  /// An integer; `fallback` when absent (std::nullopt: the argument is required).
  [[nodiscard]] std::int64_t integer(std::string_view key, std::optional<std::int64_t> fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      if (!fallback) {
        fail(where_, "missing required argument \"" + std::string{key} + "\"");
      }
      return *fallback;
    }
    return to_integer(key, *value, "an integer");
  }
  /// An integer or a 1-tuple (`"kernel_size": 3` or `[3]`, as PyTorch's _single accepts).
  [[nodiscard]] std::int64_t integer_or_1_tuple(std::string_view key,
                                                std::optional<std::int64_t> fallback) const {
    const json* value = find(key);
    if (value != nullptr && value->is_array()) {
      if (value->size() != 1) {
        wrong(key, "an integer or a list of one integer (a 1-D module)", *value);
      }
      return to_integer(key, (*value)[0], "an integer or a list of one integer (a 1-D module)");
    }
    return integer(key, fallback);
  }
  /// An integer or null (None); `fallback` when absent.
  [[nodiscard]] std::optional<std::int64_t> optional_integer(std::string_view key) const {
    const json* value = find(key);
    if (value == nullptr || value->is_null()) {
      return std::nullopt;
    }
    return to_integer(key, *value, "an integer or null");
  }
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
  [[nodiscard]] std::optional<double> optional_number(std::string_view key,
                                                      std::optional<double> fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (value->is_null()) {
      return std::nullopt;
    }
    return number(key, 0.0);
  }
  [[nodiscard]] std::string_view string(std::string_view key, std::string_view fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (!value->is_string()) {
      wrong(key, "a string", *value);
    }
    return intern(value->get_ref<const std::string&>());
  }

  /// `device` changes nothing rnnparams reports; `dtype` must leave the parameters float32.
  void check_factory_kwargs() const {
    const json* dtype = find("dtype");
    if (dtype == nullptr || dtype->is_null()) {
      return;
    }
    if (!dtype->is_string()) {
      wrong("dtype", "null or a dtype name", *dtype);
    }
    const auto& name = dtype->get_ref<const std::string&>();
    if (name != "float32" && name != "torch.float32" && name != "float" && name != "torch.float") {
      fail(where_, "\"dtype\": \"" + name + "\" is not supported: rnnparams reports float32 parameters");
    }
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
  const json& kwargs_;
};

// Each reader starts from the module's defaults (rnnparams's, which are PyTorch's) and overrides what the
// kwargs give.

template <class Module>
Module read_recurrent(const json& kwargs, const std::string& where) {
  constexpr bool is_rnn = std::is_same_v<Module, t::RNN>;
  constexpr bool is_lstm = std::is_same_v<Module, t::LSTM>;
  std::vector<std::string_view> accepted{"input_size", "hidden_size",   "num_layers", "bias", "batch_first",
                                         "dropout",    "bidirectional", "device",     "dtype"};
  if constexpr (is_rnn) {
    accepted.emplace_back("nonlinearity");
  }
  if constexpr (is_lstm) {
    accepted.emplace_back("proj_size");
  }
  const kwargs_reader r{where, kwargs, accepted};
  r.check_factory_kwargs();
  Module m;
  m.input_size = r.integer("input_size", std::nullopt);
  m.hidden_size = r.integer("hidden_size", std::nullopt);
  m.num_layers = r.integer("num_layers", m.num_layers);
  if constexpr (is_rnn) {
    m.nonlinearity = r.string("nonlinearity", m.nonlinearity);
  }
  m.bias = r.boolean("bias", m.bias);
  m.batch_first = r.boolean("batch_first", m.batch_first);
  m.dropout = r.number("dropout", m.dropout);
  m.bidirectional = r.boolean("bidirectional", m.bidirectional);
  if constexpr (is_lstm) {
    m.proj_size = r.integer("proj_size", m.proj_size);
  }
  return m;
}

t::Linear read_linear(const json& kwargs, const std::string& where) {
  const kwargs_reader r{where, kwargs, {"in_features", "out_features", "bias", "device", "dtype"}};
  r.check_factory_kwargs();
  t::Linear m;
  m.in_features = r.integer("in_features", std::nullopt);
  m.out_features = r.integer("out_features", std::nullopt);
  m.bias = r.boolean("bias", m.bias);
  return m;
}

t::Embedding read_embedding(const json& kwargs, const std::string& where) {
  const kwargs_reader r{where,
                        kwargs,
                        {"num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type",
                         "scale_grad_by_freq", "sparse", "_weight", "_freeze", "device", "dtype"}};
  r.check_factory_kwargs();
  if (const json* weight = r.find("_weight"); weight != nullptr && !weight->is_null()) {
    fail(where, "\"_weight\" is not supported: give num_embeddings and embedding_dim");
  }
  (void)r.boolean("_freeze", false);
  t::Embedding m;
  m.num_embeddings = r.integer("num_embeddings", std::nullopt);
  m.embedding_dim = r.integer("embedding_dim", std::nullopt);
  m.padding_idx = r.optional_integer("padding_idx");
  m.max_norm = r.optional_number("max_norm", m.max_norm);
  m.norm_type = r.number("norm_type", m.norm_type);
  m.scale_grad_by_freq = r.boolean("scale_grad_by_freq", m.scale_grad_by_freq);
  m.sparse = r.boolean("sparse", m.sparse);
  return m;
}

t::Conv1d read_conv1d(const json& kwargs, const std::string& where) {
  const kwargs_reader r{where,
                        kwargs,
                        {"in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation",
                         "groups", "bias", "padding_mode", "device", "dtype"}};
  r.check_factory_kwargs();
  t::Conv1d m;
  m.in_channels = r.integer("in_channels", std::nullopt);
  m.out_channels = r.integer("out_channels", std::nullopt);
  m.kernel_size = r.integer_or_1_tuple("kernel_size", std::nullopt);
  m.stride = r.integer_or_1_tuple("stride", m.stride);
  if (const json* padding = r.find("padding"); padding != nullptr && padding->is_string()) {
    m.padding = t::conv_padding{r.string("padding", {})};
  } else {
    m.padding = r.integer_or_1_tuple("padding", m.padding.amount());
  }
  m.dilation = r.integer_or_1_tuple("dilation", m.dilation);
  m.groups = r.integer("groups", m.groups);
  m.bias = r.boolean("bias", m.bias);
  m.padding_mode = r.string("padding_mode", m.padding_mode);
  return m;
}

t::LayerNorm read_layer_norm(const json& kwargs, const std::string& where) {
  const kwargs_reader r{
      where, kwargs, {"normalized_shape", "eps", "elementwise_affine", "bias", "device", "dtype"}};
  r.check_factory_kwargs();
  if (!r.boolean("bias", true)) {
    fail(where,
         "\"bias\": false (PyTorch >= 2.1) is not supported: rnnparams models PyTorch 1.13's LayerNorm");
  }
  t::LayerNorm m;
  const json* normalized = r.find("normalized_shape");
  if (normalized == nullptr) {
    fail(where, "missing required argument \"normalized_shape\"");
  }
  if (normalized->is_array()) {
    if (normalized->size() > shape::max_rank) {
      r.wrong("normalized_shape", "an integer or a list of up to 8 integers", *normalized);
    }
    for (std::size_t i = 0; i < normalized->size(); ++i) {
      const json item{{"normalized_shape", (*normalized)[i]}};
      const std::int64_t d =
          kwargs_reader{where, item, {"normalized_shape"}}.integer("normalized_shape", std::nullopt);
      if (d < 0) {
        r.wrong("normalized_shape", "a list of integers >= 0", *normalized);
      }
      m.normalized_shape.push_back(static_cast<std::uint64_t>(d));
    }
  } else {
    const std::int64_t d = r.integer("normalized_shape", std::nullopt);
    if (d < 0) {
      r.wrong("normalized_shape", "an integer >= 0", *normalized);
    }
    m.normalized_shape = shape{static_cast<std::uint64_t>(d)};
  }
  m.eps = r.number("eps", m.eps);
  m.elementwise_affine = r.boolean("elementwise_affine", m.elementwise_affine);
  return m;
}

t::BatchNorm1d read_batch_norm(const json& kwargs, const std::string& where) {
  const kwargs_reader r{
      where, kwargs, {"num_features", "eps", "momentum", "affine", "track_running_stats", "device", "dtype"}};
  r.check_factory_kwargs();
  t::BatchNorm1d m;
  m.num_features = r.integer("num_features", std::nullopt);
  m.eps = r.number("eps", m.eps);
  m.momentum = r.optional_number("momentum", m.momentum);
  m.affine = r.boolean("affine", m.affine);
  m.track_running_stats = r.boolean("track_running_stats", m.track_running_stats);
  return m;
}

using reader_function = module (*)(const json&, const std::string&);

template <class Module, Module (*Read)(const json&, const std::string&)>
module read_as_module(const json& kwargs, const std::string& where) {
  return Read(kwargs, where);
}

const std::map<std::string_view, reader_function>& readers() {
  static const std::map<std::string_view, reader_function> table{
      {"RNN", &read_as_module<t::RNN, &read_recurrent<t::RNN>>},
      {"LSTM", &read_as_module<t::LSTM, &read_recurrent<t::LSTM>>},
      {"GRU", &read_as_module<t::GRU, &read_recurrent<t::GRU>>},
      {"Linear", &read_as_module<t::Linear, &read_linear>},
      {"Embedding", &read_as_module<t::Embedding, &read_embedding>},
      {"Conv1d", &read_as_module<t::Conv1d, &read_conv1d>},
      {"LayerNorm", &read_as_module<t::LayerNorm, &read_layer_norm>},
      {"BatchNorm1d", &read_as_module<t::BatchNorm1d, &read_batch_norm>},
  };
  return table;
}

} // namespace

module module_from_config(const nlohmann::json& class_and_kwargs) {
  if (!class_and_kwargs.is_object()) {
    fail("module", "expected {\"class_name\": ..., \"kwargs\": {...}}, got " + describe(class_and_kwargs));
  }
  const auto class_name_it = class_and_kwargs.find("class_name");
  if (class_name_it == class_and_kwargs.end() || !class_name_it->is_string()) {
    fail("module", "\"class_name\" must be a string");
  }
  std::string_view name = class_name_it->get_ref<const std::string&>();
  for (const std::string_view prefix : {std::string_view{"torch.nn."}, std::string_view{"nn."}}) {
    if (name.starts_with(prefix)) {
      name.remove_prefix(prefix.size());
    }
  }
  const std::string where{name};
  const auto reader = readers().find(name);
  if (reader == readers().end()) {
    fail(where,
         "unknown or unsupported module class; rnnparams models RNN, LSTM, GRU, Linear, Embedding, Conv1d, "
         "LayerNorm and BatchNorm1d");
  }
  static const json empty = json::object();
  const auto kwargs = class_and_kwargs.find("kwargs");
  if (kwargs != class_and_kwargs.end() && !kwargs->is_object()) {
    fail(where, "\"kwargs\" must be an object, got " + describe(*kwargs));
  }
  return reader->second(kwargs == class_and_kwargs.end() ? empty : *kwargs, where);
}

} // namespace rnnparams::torch_config
