// tools/cli/model_code.cpp: Keras and PyTorch calls read into rnnparams layers, argument by argument.
// SPDX-License-Identifier: MIT
#include "model_code.hpp"

#include "layer_arguments.hpp"
#include "text.hpp"

#include <rnnparams/errors.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <string_view>

namespace rnnparams::cli {
namespace {

// ---- helpers -------------------------------------------------------------------------------------

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
      row[j] =
          std::min({row[j] + 1, row[j - 1] + 1, diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0U : 1U)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

/// " (did you mean 'LSTM'?)" for the closest of `known`, when it is close enough.
std::string suggestion(std::string_view wrong, const std::vector<std::string_view>& known) {
  std::string_view best;
  std::size_t best_distance = 0;
  for (std::string_view k : known) {
    const std::size_t d = edit_distance(wrong, k);
    if (best.empty() || d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  if (best.empty() || best_distance > std::max<std::size_t>(2, wrong.size() / 3)) {
    return "";
  }
  return " (did you mean '" + std::string{best} + "'?)";
}

/// The arguments of one call, matched against a signature: positional names in order, and the keywords
/// that are accepted but change nothing we count.
class arguments {
public:
  arguments(const value& call, std::string_view class_name, std::vector<std::string_view> positional,
            const std::vector<std::string_view>& accepted, std::optional<std::int64_t> placeholder)
      : call_(call), class_name_(class_name), placeholder_(placeholder) {
    if (call.items.size() > positional.size()) {
      throw syntax_error(call.items[positional.size()].where, std::string{class_name} + " takes at most " +
                                                                  std::to_string(positional.size()) +
                                                                  " positional arguments");
    }
    for (std::size_t i = 0; i < call.items.size(); ++i) {
      given_.emplace(positional[i], &call.items[i]);
    }
    std::vector<std::string_view> all = positional;
    all.insert(all.end(), accepted.begin(), accepted.end());
    for (const value& v : call.keywords) {
      const std::string& key = v.keyword;
      if (std::find(all.begin(), all.end(), key) == all.end()) {
        throw syntax_error(v.keyword_where,
                           std::string{class_name} + " has no argument '" + key + "'" + suggestion(key, all));
      }
      if (given_.count(key) != 0) {
        throw syntax_error(v.where, std::string{class_name} + " got two values for '" + key + "'");
      }
      given_.emplace(key, &v);
    }
  }

  [[nodiscard]] const value* find(std::string_view key) const {
    const auto it = given_.find(std::string{key});
    return it == given_.end() ? nullptr : it->second;
  }
  [[nodiscard]] bool has(std::string_view key) const {
    const value* v = find(key);
    return v != nullptr && v->type != value::kind::none;
  }

  std::int64_t integer(std::string_view key, std::optional<std::int64_t> fallback = std::nullopt) const {
    const value* v = find(key);
    if (v == nullptr) {
      if (!fallback) {
        throw syntax_error(call_.where, std::string{class_name_} + " needs '" + std::string{key} + "'");
      }
      return *fallback;
    }
    return integer_of(*v, key);
  }
  std::int64_t integer_of(const value& v, std::string_view key) const {
    if (v.type == value::kind::placeholder) {
      if (!placeholder_) {
        throw syntax_error(v.where, "'?' stands for a size only with --budget");
      }
      return *placeholder_;
    }
    if (v.type == value::kind::tuple || v.type == value::kind::list) { // kernel_size=(3,)
      if (v.items.size() != 1) {
        throw syntax_error(v.where, std::string{key} + " of " + std::string{class_name_} +
                                        " must be one integer (a 1-D layer)");
      }
      return integer_of(v.items[0], key);
    }
    if (v.type != value::kind::integer) {
      throw syntax_error(v.where, std::string{key} + " of " + std::string{class_name_} +
                                      " must be an int, got " + v.describe());
    }
    return v.integer;
  }
  std::optional<std::int64_t> optional_integer(std::string_view key) const {
    const value* v = find(key);
    if (v == nullptr || v->type == value::kind::none) {
      return std::nullopt;
    }
    return integer_of(*v, key);
  }
  bool boolean(std::string_view key, bool fallback) const {
    const value* v = find(key);
    if (v == nullptr) {
      return fallback;
    }
    if (v->type != value::kind::boolean) {
      throw syntax_error(v->where, std::string{key} + " of " + std::string{class_name_} +
                                       " must be True or False, got " + v->describe());
    }
    return v->boolean;
  }
  double number(std::string_view key, double fallback) const {
    const value* v = find(key);
    if (v == nullptr) {
      return fallback;
    }
    if (v->type == value::kind::integer) {
      return static_cast<double>(v->integer);
    }
    if (v->type != value::kind::floating) {
      throw syntax_error(v->where, std::string{key} + " of " + std::string{class_name_} +
                                       " must be a number, got " + v->describe());
    }
    return v->floating;
  }
  std::string_view string(std::string_view key, std::string_view fallback) const {
    const value* v = find(key);
    if (v == nullptr) {
      return fallback;
    }
    if (v->type != value::kind::string) {
      throw syntax_error(v->where, std::string{key} + " of " + std::string{class_name_} +
                                       " must be a string, got " + v->describe());
    }
    return intern(v->text);
  }
  /// Rejects an argument whose value rnnparams cannot represent.
  void reject_if(bool condition, std::string_view key, const std::string& why) const {
    if (condition) {
      const value* v = find(key);
      throw syntax_error(v != nullptr ? v->where : call_.where, std::string{class_name_} + ": " + why);
    }
  }

private:
  const value& call_;
  std::string_view class_name_;
  std::optional<std::int64_t> placeholder_;
  std::map<std::string, const value*, std::less<>> given_;
};

/// `keras.layers.LSTM`, `tf.keras.layers.LSTM`, `layers.LSTM`, `LSTM` -> "LSTM"; other prefixes stay.
std::string_view strip_prefix(std::string_view name, const std::vector<std::string_view>& prefixes) {
  for (std::string_view p : prefixes) {
    if (name.size() > p.size() && name.substr(0, p.size()) == p) {
      return name.substr(p.size());
    }
  }
  return name;
}

// ---- Keras ---------------------------------------------------------------------------------------

const std::vector<std::string_view> keras_prefixes{
    "tensorflow.keras.layers.", "tf.keras.layers.", "keras.layers.", "layers.",
    "tensorflow.keras.",        "tf.keras.",        "keras."};

struct keras_layer_read {
  keras::layer layer;
  std::string name;
  std::optional<shape> input_shape; // from input_shape= / batch_input_shape= / input_dim=
};

shape shape_of(const value& v, bool with_batch, std::optional<std::int64_t> placeholder) {
  if (v.type != value::kind::tuple && v.type != value::kind::list) {
    if (v.type == value::kind::integer && !with_batch) { // input_shape=3 is (3,)
      return shape{v.integer};
    }
    throw syntax_error(v.where, "a shape must be a tuple such as (3, 1), got " + v.describe());
  }
  shape s;
  for (std::size_t i = with_batch ? 1 : 0; i < v.items.size(); ++i) {
    const value& d = v.items[i];
    if (d.type == value::kind::none) {
      s.push_back(none);
    } else if (d.type == value::kind::integer) {
      if (d.integer < 0) {
        throw syntax_error(d.where, "a dimension must be >= 0 or None");
      }
      s.push_back(d.integer);
    } else if (d.type == value::kind::placeholder && placeholder) {
      s.push_back(*placeholder);
    } else {
      throw syntax_error(d.where, "a dimension must be an int or None, got " + d.describe());
    }
    if (s.rank() > shape::max_rank) {
      throw syntax_error(d.where, "shapes have at most 8 dimensions");
    }
  }
  if (with_batch && v.items.empty()) {
    throw syntax_error(v.where, "a batch shape starts with the batch size");
  }
  return s;
}

keras_layer_read keras_layer_of(const value& call, std::optional<std::int64_t> placeholder, bool wrapped);

keras::layer keras_inner(const value& v, std::string_view wrapper, std::optional<std::int64_t> placeholder) {
  if (v.type != value::kind::call) {
    throw syntax_error(v.where, std::string{wrapper} + " wraps a layer, got " + v.describe());
  }
  return keras_layer_of(v, placeholder, true).layer;
}

/// None, False or 0: the value of an argument left at its default.
bool is_unset(const value& v) {
  return v.type == value::kind::none || (v.type == value::kind::boolean && !v.boolean) ||
         (v.type == value::kind::integer && v.integer == 0) ||
         (v.type == value::kind::floating && v.floating == 0.0);
}

/// torch.float32 and its other spellings.
bool is_float32(std::string_view dtype) {
  return dtype == "float32" || dtype == "torch.float32" || dtype == "float" || dtype == "torch.float";
}

/// A literal as Python writes it (True, 3, 'x'); other values as describe() says them.
std::string python_literal(const value& v) {
  switch (v.type) {
  case value::kind::boolean:
    return v.boolean ? "True" : "False";
  case value::kind::integer:
    return std::to_string(v.integer);
  case value::kind::string:
    return "\"" + v.text + "\"";
  default:
    return v.describe();
  }
}

/// One Keras layer or PyTorch module call as the Source of cli::read_layer: its arguments matched
/// against the class's signature, each read with the code reader's messages. `out` receives what a
/// Keras layer says of the model's input (nullptr for PyTorch).
class call_source {
public:
  call_source(const arguments& a, const value& call, std::string_view cls,
              std::optional<std::int64_t> placeholder, keras_layer_read* out)
      : a_{a}, call_{call}, cls_{cls}, placeholder_{placeholder}, out_{out} {}

  [[nodiscard]] std::int64_t integer(std::string_view key, std::optional<std::int64_t> fallback,
                                     bool /*one_tuple*/) const {
    return a_.integer(key, fallback);
  }
  [[nodiscard]] std::optional<std::int64_t>
  optional_integer(std::string_view key, std::optional<std::int64_t> fallback, bool /*one_tuple*/) const {
    const value* v = a_.find(key);
    if (v == nullptr) {
      return fallback;
    }
    return a_.optional_integer(key);
  }
  /// Code takes the framework's default for an absent keyword (absent_from_old_configs_means_false is for
  /// saved configurations only).
  [[nodiscard]] bool boolean(std::string_view key, bool fallback,
                             bool /*absent_from_old_configs*/ = false) const {
    return a_.boolean(key, fallback);
  }
  [[nodiscard]] double number(std::string_view key, std::optional<double> fallback) const {
    if (!fallback && !a_.has(key)) {
      throw syntax_error(call_.where, std::string{cls_} + " needs '" + std::string{key} + "'");
    }
    return a_.number(key, fallback.value_or(0.0));
  }
  [[nodiscard]] std::optional<double> optional_number(std::string_view key,
                                                      std::optional<double> fallback) const {
    const value* v = a_.find(key);
    if (v == nullptr) {
      return fallback;
    }
    if (v->type == value::kind::none) {
      return std::nullopt;
    }
    return a_.number(key, 0.0);
  }
  [[nodiscard]] bool holds_string(std::string_view key) const {
    const value* v = a_.find(key);
    return v != nullptr && v->type == value::kind::string;
  }
  /// An integer or a tuple of integers (PyTorch's normalized_shape).
  [[nodiscard]] shape sizes(std::string_view key, const std::optional<shape>& fallback) const {
    const value* v = a_.find(key);
    if (v == nullptr) {
      if (!fallback) {
        throw syntax_error(call_.where, std::string{cls_} + " needs '" + std::string{key} + "'");
      }
      return *fallback;
    }
    return shape_of(*v, false, placeholder_);
  }
  void only_true(std::string_view key, std::string_view why, std::string_view since) const {
    a_.reject_if(!a_.boolean(key, true), key,
                 std::string{key} + "=False" + (since.empty() ? "" : " (" + std::string{since} + ")") +
                     " is not supported: " + std::string{why});
  }
  /// PyTorch's dtype=None, torch.float32 (or "float32", torch.float): the parameters rnnparams reports.
  void float32_only(std::string_view key) const {
    const value* v = a_.find(key);
    if (v == nullptr || v->type == value::kind::none) {
      return;
    }
    const bool named = v->type == value::kind::name || v->type == value::kind::string;
    a_.reject_if(!named || !is_float32(v->text), key,
                 std::string{key} + "=" + (named ? v->text : v->describe()) +
                     " is not supported: rnnparams reports float32 parameters");
  }
  [[nodiscard]] std::string_view string(std::string_view key, std::string_view fallback,
                                        std::string_view none_as) const {
    const value* v = a_.find(key);
    if (v != nullptr && v->type == value::kind::none && !none_as.empty()) {
      return none_as;
    }
    return a_.string(key, fallback);
  }
  /// A tuple or list of integers (Reshape's target_shape, Permute's dims), as Python's tuple() reads it.
  /// With `one_integer`, an integer is a tuple of one (Dot's axes=-1).
  [[nodiscard]] int_tuple integer_tuple(std::string_view key, std::optional<int_tuple> fallback,
                                        bool one_integer = false) const {
    const value* v = a_.find(key);
    if (v == nullptr) {
      if (!fallback) {
        throw syntax_error(call_.where, std::string{cls_} + " needs '" + std::string{key} + "'");
      }
      return *fallback;
    }
    if (one_integer && v->type != value::kind::tuple && v->type != value::kind::list) {
      return int_tuple{a_.integer_of(*v, key)};
    }
    if (v->type != value::kind::tuple && v->type != value::kind::list) {
      throw syntax_error(v->where, std::string{key} + " of " + std::string{cls_} +
                                       " must be a tuple of integers, got " + v->describe());
    }
    if (v->items.size() > int_tuple::max_size) {
      throw syntax_error(v->where, std::string{key} + " of " + std::string{cls_} + " has more than " +
                                       std::to_string(int_tuple::max_size) + " entries");
    }
    int_tuple t;
    for (const value& item : v->items) {
      t.push_back(a_.integer_of(item, key));
    }
    return t;
  }
  [[nodiscard]] std::optional<keras::layer> wrapped(std::string_view key, bool required,
                                                    shape (* /*inner_shape*/)(const shape&)) const {
    const value* inner = a_.find(key);
    if (inner == nullptr || (!required && inner->type == value::kind::none)) {
      if (required) {
        throw syntax_error(call_.where, std::string{cls_} + " needs the layer it wraps");
      }
      return std::nullopt;
    }
    wrapped_at_ = inner;
    return keras_inner(*inner, cls_, placeholder_);
  }
  [[noreturn]] void not_wrappable(std::string_view /*key*/, const keras::layer& inner,
                                  const std::string& accepted) const {
    const std::string inner_class{keras::class_name(inner)};
    if (inner_class == cls_) {
      throw syntax_error(wrapped_at_->where, inner_class + " inside " + inner_class + " is not supported");
    }
    throw syntax_error(wrapped_at_->where,
                       std::string{cls_} + " wraps a " + accepted + ", not " + inner_class);
  }
  [[noreturn]] void different_backward_layer(std::string_view key, std::string_view what) const {
    throw syntax_error(a_.find(key)->where,
                       std::string{cls_} + ": a " + std::string{key} + " that differs from the layer (" +
                           std::string{what} +
                           ") is not supported: rnnparams counts two copies of the layer");
  }
  void only(std::string_view key, std::string_view supported, std::string_view why) const {
    const std::string_view given = string(key, supported, supported);
    a_.reject_if(given != supported, key,
                 std::string{key} + "=\"" + std::string{given} + "\" is not supported: " + std::string{why});
  }
  void unsupported(std::string_view key, std::string_view why) const {
    const value* v = a_.find(key);
    a_.reject_if(v != nullptr && !is_unset(*v), key,
                 std::string{key} + "=" + (v != nullptr ? python_literal(*v) : std::string{}) +
                     " is not supported: " + std::string{why});
  }
  void last_axis(std::string_view key) const {
    const value* axis = a_.find(key);
    if (axis == nullptr) {
      return;
    }
    const bool last =
        (axis->type == value::kind::integer && axis->integer == -1) ||
        ((axis->type == value::kind::list || axis->type == value::kind::tuple) && axis->items.size() == 1 &&
         axis->items[0].type == value::kind::integer && axis->items[0].integer == -1);
    a_.reject_if(!last, key, "only axis=-1 (the last axis) is supported");
  }
  /// tf.keras 2's Embedding(..., input_length=T): the model's input is (T).
  void input_length(std::string_view key) const {
    if (const auto length = a_.optional_integer(key); length && out_ != nullptr) {
      out_->input_shape = shape{*length};
    }
  }

private:
  const arguments& a_;
  const value& call_;
  std::string_view cls_;
  std::optional<std::int64_t> placeholder_;
  keras_layer_read* out_;
  mutable const value* wrapped_at_ = nullptr;
};

/// Reads a call of class T: its arguments against T's signature, then the keywords every layer takes.
struct code_entry {
  using function = keras_layer_read (*)(const value&, std::string_view, std::optional<std::int64_t>);
  template <class T>
  static function of() {
    return [](const value& call, std::string_view cls, std::optional<std::int64_t> placeholder) {
      const signature& s = signature_of<T>();
      std::vector<std::string_view> accepted = s.keyword_only;
      accepted.insert(accepted.end(), keras_common_keywords.begin(), keras_common_keywords.end());
      const arguments a(call, cls, s.positional, accepted, placeholder);
      keras_layer_read out;
      out.layer = read_layer<T>(call_source{a, call, cls, placeholder, &out});
      if (const value* n = a.find("name"); n != nullptr) {
        if (n->type != value::kind::string) {
          throw syntax_error(n->where, "name must be a string");
        }
        out.name = n->text;
      }
      if (const value* v = a.find("input_shape"); v != nullptr && v->type != value::kind::none) {
        out.input_shape = shape_of(*v, false, placeholder);
      } else if (const value* b = a.find("batch_input_shape"); b != nullptr && b->type != value::kind::none) {
        out.input_shape = shape_of(*b, true, placeholder);
      } else if (const value* d = a.find("input_dim");
                 d != nullptr && d->type != value::kind::none && !std::is_same_v<T, keras::Embedding>) {
        out.input_shape = shape{a.integer_of(*d, "input_dim")};
      }
      return out;
    };
  }
};

keras_layer_read keras_layer_of(const value& call, std::optional<std::int64_t> placeholder, bool wrapped) {
  const std::string_view cls = strip_prefix(call.text, keras_prefixes);
  const auto& readers = keras_dispatch<code_entry>();
  const auto reader = readers.find(cls);
  if (reader == readers.end()) {
    static const std::vector<std::string_view> known = [] {
      std::vector<std::string_view> names = keras_class_names();
      names.insert(names.end(), {"Input", "Sequential"});
      return names;
    }();
    throw syntax_error(call.where, "unknown Keras layer '" + std::string{cls} + "'" + suggestion(cls, known));
  }
  keras_layer_read out = reader->second(call, cls, placeholder);
  if (wrapped && out.input_shape) {
    throw syntax_error(call.where, "give the input shape to the wrapper, not to the layer it wraps");
  }
  return out;
}

/// keras.Input(shape=(3, 1)), Input((None, 8)), InputLayer(input_shape=...), batch_shape=(None, 3, 1).
shape keras_input_of(const value& call, std::optional<std::int64_t> placeholder) {
  const arguments a(call, "Input",
                    {"shape", "batch_size", "dtype", "sparse", "batch_shape", "name", "tensor"},
                    {"input_shape", "batch_input_shape", "ragged", "optional", "type_spec"}, placeholder);
  if (const value* s = a.find("shape"); s != nullptr && s->type != value::kind::none) {
    return shape_of(*s, false, placeholder);
  }
  if (const value* s = a.find("input_shape"); s != nullptr && s->type != value::kind::none) {
    return shape_of(*s, false, placeholder);
  }
  for (std::string_view key : {"batch_shape", "batch_input_shape"}) {
    if (const value* s = a.find(key); s != nullptr && s->type != value::kind::none) {
      return shape_of(*s, true, placeholder);
    }
  }
  throw syntax_error(call.where, "Input needs a shape, e.g. Input(shape=(3, 1))");
}

bool is_keras_input(std::string_view callee) {
  const std::string_view cls = strip_prefix(callee, keras_prefixes);
  return cls == "Input" || cls == "InputLayer";
}
bool is_keras_sequential(std::string_view callee) {
  const std::string_view cls = strip_prefix(
      strip_prefix(callee, {"tensorflow.keras.models.", "tf.keras.models.", "keras.models.", "models."}),
      keras_prefixes);
  return cls == "Sequential";
}

/// Builds the Keras model as layers arrive; the input shape may come with the first layer.
class keras_builder {
public:
  explicit keras_builder(std::optional<std::int64_t> placeholder) : placeholder_(placeholder) {}

  void input(const value& call) {
    if (input_) {
      throw syntax_error(call.where, "the model already has its input");
    }
    input_ = keras_input_of(call, placeholder_);
    model_.emplace(keras::Input{*input_});
  }
  void add(const value& call) {
    if (call.type != value::kind::call) {
      throw syntax_error(call.where, "expected a layer, got " + call.describe());
    }
    if (is_keras_input(call.text)) {
      input(call);
      return;
    }
    keras_layer_read read = keras_layer_of(call, placeholder_, false);
    if (read.input_shape) {
      if (model_) {
        if (model_->size() != 0 || *read.input_shape != model_->input_shape()) {
          throw syntax_error(call.where, "input_shape is for the first layer of a model");
        }
      } else {
        input_ = read.input_shape;
        model_.emplace(keras::Input{*input_});
      }
    }
    if (!model_) {
      throw syntax_error(call.where,
                         "the model has no input shape: start with keras.Input(shape=...) or give "
                         "the first layer input_shape=...");
    }
    try {
      model_->add(read.layer, read.name);
    } catch (const std::exception& e) {
      throw syntax_error(call.where, e.what());
    }
  }
  [[nodiscard]] bool started() const { return model_.has_value(); }
  keras::model finish(location where) {
    if (!model_) {
      throw syntax_error(where,
                         "no Keras model found: expected Sequential([...]), model.add(...) or layer calls");
    }
    if (model_->size() == 0) {
      throw syntax_error(where, "the model has no layers");
    }
    return std::move(*model_);
  }

private:
  std::optional<std::int64_t> placeholder_;
  std::optional<shape> input_;
  std::optional<keras::model> model_;
};

/// Methods of a Keras model that change nothing we count.
bool ignored_model_method(std::string_view method) {
  static constexpr std::array<std::string_view, 12> methods{
      "summary",      "compile",      "fit",          "evaluate",   "predict", "save",
      "save_weights", "load_weights", "count_params", "get_config", "to_json", "plot_model"};
  return std::find(methods.begin(), methods.end(), method) != methods.end();
}

keras::model build_keras(const std::vector<statement>& code, std::optional<std::int64_t> placeholder) {
  keras_builder builder(placeholder);
  std::string model_name;
  location last{};
  for (const statement& s : code) {
    last = s.where;
    const value& e = s.expression;
    if (e.type != value::kind::call) {
      throw syntax_error(e.where, "expected a call, got " + e.describe());
    }
    if (is_keras_sequential(e.text)) {
      if (builder.started()) {
        throw syntax_error(e.where, "one model at a time: this is a second Sequential");
      }
      model_name = s.target;
      const arguments a(e, "Sequential", {"layers", "trainable", "name"}, {}, placeholder);
      if (const value* layers = a.find("layers"); layers != nullptr && layers->type != value::kind::none) {
        if (layers->type != value::kind::list && layers->type != value::kind::tuple) {
          throw syntax_error(layers->where, "Sequential takes a list of layers");
        }
        for (const value& l : layers->items) {
          builder.add(l);
        }
      }
      continue;
    }
    const std::size_t dot = e.text.rfind('.');
    const std::string object = dot == std::string::npos ? "" : e.text.substr(0, dot);
    const std::string method = dot == std::string::npos ? "" : e.text.substr(dot + 1);
    if (model_name.empty() && method == "add" && !object.empty()) {
      model_name = object; // the seed's code starts with model.add(...)
    }
    if (!model_name.empty() && object == model_name) {
      if (method == "add") {
        if (e.items.size() != 1 || !e.keywords.empty()) {
          throw syntax_error(e.where, model_name + ".add takes one layer");
        }
        builder.add(e.items[0]);
      } else if (method == "build") {
        // model.build((None, 3, 1)) gives the input shape.
        if (e.items.size() != 1) {
          throw syntax_error(e.where, model_name + ".build takes the input shape");
        }
        value input;
        input.type = value::kind::call;
        input.where = e.where;
        input.text = "Input";
        input.keywords.push_back(e.items[0]);
        input.keywords.back().keyword = "batch_shape";
        input.keywords.back().keyword_where = e.where;
        if (!builder.started()) {
          builder.input(input);
        }
      } else if (!ignored_model_method(method)) {
        throw syntax_error(e.where, "unsupported model method '" + method + "'");
      }
      continue;
    }
    if (!s.target.empty() && is_keras_input(e.text)) {
      builder.input(e); // inputs = keras.Input(shape=(3, 1))
      continue;
    }
    if (!s.target.empty()) {
      throw syntax_error(s.where, "the functional API (x = Layer(...)(x)) is not supported; use Sequential");
    }
    builder.add(e); // one layer per line
  }
  return builder.finish(last);
}

// ---- PyTorch -------------------------------------------------------------------------------------

const std::vector<std::string_view> torch_prefixes{"torch.nn.", "nn."};

/// Modules rnnparams does not model that change no count or shape; they are skipped.
constexpr std::array<std::string_view, 2> skipped_torch_modules{"Identity", "LogSoftmax"};

bool skipped_torch_module(std::string_view cls) {
  return std::find(skipped_torch_modules.begin(), skipped_torch_modules.end(), cls) !=
         skipped_torch_modules.end();
}

/// Reads a call of module class T against T's signature.
struct torch_code_entry {
  using function = torch_module (*)(const value&, std::string_view, std::optional<std::int64_t>);
  template <class T>
  static function of() {
    return [](const value& call, std::string_view cls, std::optional<std::int64_t> placeholder) {
      const signature& s = signature_of<T>();
      const arguments a(call, cls, s.positional, s.keyword_only, placeholder);
      return torch_module{read_layer<T>(call_source{a, call, cls, placeholder, nullptr})};
    };
  }
};

std::optional<torch_module> torch_module_of(const value& call, std::optional<std::int64_t> placeholder) {
  const std::string_view cls = strip_prefix(call.text, torch_prefixes);
  const auto& readers = torch_dispatch<torch_code_entry>();
  if (const auto reader = readers.find(cls); reader != readers.end()) {
    return reader->second(call, cls, placeholder);
  }
  if (skipped_torch_module(cls)) {
    return std::nullopt;
  }
  static const std::vector<std::string_view> known = [] {
    std::vector<std::string_view> names = torch_class_names();
    names.push_back("Sequential");
    names.insert(names.end(), skipped_torch_modules.begin(), skipped_torch_modules.end());
    return names;
  }();
  throw syntax_error(call.where,
                     "unknown PyTorch module '" + std::string{cls} + "'" + suggestion(cls, known));
}

void add_torch(std::vector<torch_entry>& out, const value& call, std::optional<std::int64_t> placeholder) {
  if (call.type != value::kind::call) {
    throw syntax_error(call.where, "expected a module, got " + call.describe());
  }
  if (strip_prefix(call.text, torch_prefixes) == "Sequential") {
    if (!call.keywords.empty()) {
      throw syntax_error(call.where, "nn.Sequential takes modules as positional arguments");
    }
    for (const value& m : call.items) {
      add_torch(out, m, placeholder);
    }
    return;
  }
  std::optional<torch_module> module = torch_module_of(call, placeholder);
  if (!module) {
    return;
  }
  try {
    rnnparams::visit([](const auto& m) { (void)m.count_params(); }, *module);
  } catch (const std::exception& e) {
    throw syntax_error(call.where, e.what());
  }
  out.push_back({*module, call.where});
}

std::vector<torch_entry> build_torch(const std::vector<statement>& code,
                                     std::optional<std::int64_t> placeholder) {
  std::vector<torch_entry> out;
  location last{};
  for (const statement& s : code) {
    last = s.where;
    add_torch(out, s.expression, placeholder);
  }
  if (out.empty()) {
    throw syntax_error(last, "no PyTorch module found");
  }
  return out;
}

bool mentions_placeholder(const value& v) {
  if (v.type == value::kind::placeholder) {
    return true;
  }
  for (const value& item : v.items) {
    if (mentions_placeholder(item)) {
      return true;
    }
  }
  for (const value& item : v.keywords) {
    if (mentions_placeholder(item)) {
      return true;
    }
  }
  return false;
}

bool calls_torch(const value& v) {
  if (v.type == value::kind::call &&
      (v.text.starts_with("nn.") || v.text.starts_with("torch.") || v.text.starts_with("torch.nn."))) {
    return true;
  }
  for (const value& item : v.items) {
    if (calls_torch(item)) {
      return true;
    }
  }
  return false;
}

} // namespace

convention detect_convention(const std::vector<statement>& code) {
  for (const statement& s : code) {
    if (calls_torch(s.expression)) {
      return convention::torch;
    }
  }
  return convention::keras;
}

bool has_placeholder(const std::vector<statement>& code) {
  return std::any_of(code.begin(), code.end(),
                     [](const statement& s) { return mentions_placeholder(s.expression); });
}

code_model build_model(const std::vector<statement>& code, convention kind,
                       std::optional<std::int64_t> placeholder) {
  if (code.empty()) {
    throw syntax_error({1, 1}, "no model code found");
  }
  code_model out;
  if (kind == convention::keras) {
    out.keras = build_keras(code, placeholder);
  } else {
    out.torch = build_torch(code, placeholder);
  }
  return out;
}

} // namespace rnnparams::cli
