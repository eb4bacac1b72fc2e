// tools/cli/torch_config.cpp: PyTorch module constructions (JSON) read into rnnparams::torch values.
// SPDX-License-Identifier: MIT
#include "torch_config.hpp"

#include "layer_arguments.hpp"
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

/// A module's kwargs, read key by key: the Source of cli::read_layer, which reads the keys each
/// module's describe() names. Every key must be one the constructor takes.
class kwargs_reader {
public:
  kwargs_reader(std::string where, const json& kwargs, const cli::signature& accepted)
      : where_{std::move(where)}, kwargs_{kwargs} {
    for (const auto& [key, value] : kwargs_.items()) {
      bool known = false;
      for (const auto* list : {&accepted.positional, &accepted.keyword_only}) {
        for (const std::string_view a : *list) {
          known = known || a == key;
        }
      }
      if (!known) {
        fail(where_, "unexpected keyword argument \"" + key + "\"");
      }
    }
  }

  [[nodiscard]] const json* find(std::string_view key) const {
    const auto it = kwargs_.find(key);
    return it == kwargs_.end() ? nullptr : &*it;
  }

  [[noreturn]] void wrong(std::string_view key, std::string_view expected, const json& value) const {
    fail(where_,
         "\"" + std::string{key} + "\" must be " + std::string{expected} + ", got " + describe(value));
  }

  /// An integer (with one_tuple, also a list of one integer, as PyTorch's _single accepts);
  /// `fallback` when absent (std::nullopt: the argument is required).
  [[nodiscard]] std::int64_t integer(std::string_view key, std::optional<std::int64_t> fallback,
                                     bool one_tuple = false) const {
    const json* value = find(key);
    if (value == nullptr) {
      if (!fallback) {
        fail(where_, "missing required argument \"" + std::string{key} + "\"");
      }
      return *fallback;
    }
    if (!one_tuple) {
      return to_integer(key, *value, "an integer");
    }
    constexpr std::string_view expected = "an integer or a list of one integer (a 1-D module)";
    if (value->is_array()) {
      if (value->size() != 1) {
        wrong(key, expected, *value);
      }
      return to_integer(key, (*value)[0], expected);
    }
    return to_integer(key, *value, "an integer");
  }
  /// An integer or null (None); `fallback` when absent.
  [[nodiscard]] std::optional<std::int64_t>
  optional_integer(std::string_view key, std::optional<std::int64_t> fallback, bool one_tuple) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (value->is_null()) {
      return std::nullopt;
    }
    if (one_tuple) {
      return integer(key, std::nullopt, true);
    }
    return to_integer(key, *value, "an integer or null");
  }
  [[nodiscard]] bool boolean(std::string_view key, bool fallback,
                             bool /*absent_from_old_configs*/ = false) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (!value->is_boolean()) {
      wrong(key, "true or false", *value);
    }
    return value->get<bool>();
  }
  [[nodiscard]] double number(std::string_view key, std::optional<double> fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      if (!fallback) {
        fail(where_, "missing required argument \"" + std::string{key} + "\"");
      }
      return *fallback;
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
  [[nodiscard]] std::string_view string(std::string_view key, std::string_view fallback,
                                        std::string_view /*none_as*/ = {}) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (!value->is_string()) {
      wrong(key, "a string", *value);
    }
    return intern(value->get_ref<const std::string&>());
  }
  [[nodiscard]] bool holds_string(std::string_view key) const {
    const json* value = find(key);
    return value != nullptr && value->is_string();
  }
  /// An integer, standing for `count` equal ones, or a list of `count` integers (a 2-D module's
  /// kernel_size, as `_pair` reads it); `fallback` when absent (std::nullopt: the argument is required).
  [[nodiscard]] int_tuple integers(std::string_view key, const std::optional<int_tuple>& fallback,
                                   std::size_t count) const {
    const json* value = find(key);
    if (value == nullptr) {
      if (!fallback) {
        fail(where_, "missing required argument \"" + std::string{key} + "\"");
      }
      return *fallback;
    }
    const std::string expected = "an integer or a list of " + std::to_string(count) + " integers";
    int_tuple out;
    if (!value->is_array()) {
      const std::int64_t v = to_integer(key, *value, expected);
      for (std::size_t i = 0; i < count; ++i) {
        out.push_back(v);
      }
      return out;
    }
    if (value->size() != count) {
      wrong(key, expected, *value);
    }
    for (const json& item : *value) {
      out.push_back(to_integer(key, item, expected));
    }
    return out;
  }
  /// integers(), or null (None); `fallback` when absent.
  [[nodiscard]] std::optional<int_tuple>
  optional_integers(std::string_view key, const std::optional<int_tuple>& fallback, std::size_t count) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (value->is_null()) {
      return std::nullopt;
    }
    return integers(key, std::nullopt, count);
  }
  /// An integer or a list of integers, each >= 0 (LayerNorm's normalized_shape).
  [[nodiscard]] shape sizes(std::string_view key, const std::optional<shape>& fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      if (!fallback) {
        fail(where_, "missing required argument \"" + std::string{key} + "\"");
      }
      return *fallback;
    }
    if (!value->is_array()) {
      const std::int64_t d = integer(key, std::nullopt);
      if (d < 0) {
        wrong(key, "an integer >= 0", *value);
      }
      return shape{static_cast<std::uint64_t>(d)};
    }
    if (value->size() > shape::max_rank) {
      wrong(key, "an integer or a list of up to 8 integers", *value);
    }
    shape out;
    for (const json& item : *value) {
      const std::int64_t d = to_integer(key, item, "an integer");
      if (d < 0) {
        wrong(key, "a list of integers >= 0", *value);
      }
      out.push_back(static_cast<std::uint64_t>(d));
    }
    return out;
  }
  /// Rejects a key whose value is set (not absent, null, false or 0): a feature rnnparams does not model.
  void unsupported(std::string_view key, std::string_view why) const {
    const json* value = find(key);
    if (value == nullptr || value->is_null() || (value->is_boolean() && !value->get<bool>()) ||
        (value->is_number() && value->get<double>() == 0.0)) {
      return;
    }
    fail(where_,
         "\"" + std::string{key} + "\": " + describe(*value) + " is not supported: " + std::string{why});
  }
  /// A boolean rnnparams models only when true.
  void only_true(std::string_view key, std::string_view why, std::string_view since) const {
    if (!boolean(key, true)) {
      fail(where_, "\"" + std::string{key} + "\": false" +
                       (since.empty() ? "" : " (" + std::string{since} + ")") +
                       " is not supported: " + std::string{why});
    }
  }
  /// `dtype` must leave the parameters float32.
  void float32_only(std::string_view key) const {
    const json* dtype = find(key);
    if (dtype == nullptr || dtype->is_null()) {
      return;
    }
    if (!dtype->is_string()) {
      wrong(key, "null or a dtype name", *dtype);
    }
    const auto& name = dtype->get_ref<const std::string&>();
    if (name != "float32" && name != "torch.float32" && name != "float" && name != "torch.float") {
      fail(where_, "\"" + std::string{key} + "\": \"" + name +
                       "\" is not supported: rnnparams reports float32 parameters");
    }
  }

  /// A module given as {"class_name": ..., "kwargs": ...} (TransformerEncoder's encoder_layer), or null
  /// (None).
  [[nodiscard]] std::optional<rnnparams::torch::module> module(std::string_view key, bool required) const {
    const json* value = find(key);
    if (value == nullptr || value->is_null()) {
      if (required) {
        fail(where_, "missing required argument \"" + std::string{key} + "\"");
      }
      return std::nullopt;
    }
    return module_from_config(*value);
  }
  [[noreturn]] void not_module(std::string_view key, const rnnparams::torch::module& got,
                               std::string_view expected) const {
    fail(where_, "\"" + std::string{key} + "\" must be a " + std::string{expected} + ", got " +
                     std::string{rnnparams::torch::class_name(got)});
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

/// Reads the kwargs of module class T; a missing one keeps T's default, which is PyTorch's.
struct config_entry {
  using function = module (*)(const json&, const std::string&);
  template <class T>
  static function of() {
    return [](const json& kwargs, const std::string& where) -> module {
      return cli::read_layer<T>(kwargs_reader{where, kwargs, cli::signature_of<T>()});
    };
  }
};

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
  const auto& readers = cli::torch_dispatch<config_entry>();
  const auto reader = readers.find(name);
  if (reader == readers.end()) {
    fail(where, "unknown or unsupported module class; rnnparams models " + cli::torch_class_names_text());
  }
  static const json empty = json::object();
  const auto kwargs = class_and_kwargs.find("kwargs");
  if (kwargs != class_and_kwargs.end() && !kwargs->is_object()) {
    fail(where, "\"kwargs\" must be an object, got " + describe(*kwargs));
  }
  return reader->second(kwargs == class_and_kwargs.end() ? empty : *kwargs, where);
}

} // namespace rnnparams::torch_config
