// tools/cli/model_code.cpp: Keras and PyTorch calls read into rnnparams layers, argument by argument.
// SPDX-License-Identifier: MIT
#include "model_code.hpp"

#include "layer_arguments.hpp"
#include "text.hpp"

#include <rnnparams/errors.hpp>
#include <rnnparams/keras/multi_input_list.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <set>
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

/// A Keras layer call read: a keras::layer, or a keras::multi_input_layer (one called on a list).
template <class Layer>
struct layer_read {
  Layer layer;
  std::string name;
  std::optional<shape> input_shape; // from input_shape= / batch_input_shape= / input_dim=
};
using keras_layer_read = layer_read<keras::layer>;

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

/// The modules PyTorch code has bound to names (`layer = nn.TransformerEncoderLayer(...)`), for a module
/// that takes one by name (`nn.TransformerEncoder(layer, num_layers=6)`): the call each name was bound
/// to and the entry it made, which a module that takes it consumes.
struct torch_scope {
  struct binding {
    const value* call = nullptr;
    std::size_t entry = 0;
  };
  std::map<std::string, binding, std::less<>> names;
  mutable std::set<std::size_t> consumed;
};

std::optional<torch_module> torch_module_of(const value& call, std::optional<std::int64_t> placeholder,
                                            const torch_scope* scope);

/// One Keras layer or PyTorch module call as the Source of cli::read_layer: its arguments matched
/// against the class's signature, each read with the code reader's messages. `out` receives what a
/// Keras layer says of the model's input (nullptr for PyTorch).
class call_source {
public:
  call_source(const arguments& a, const value& call, std::string_view cls,
              std::optional<std::int64_t> placeholder, std::optional<shape>* input_shape,
              const torch_scope* scope = nullptr)
      : a_{a}, call_{call}, cls_{cls}, placeholder_{placeholder}, input_shape_{input_shape}, scope_{scope} {}

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
    const bool torch_activation = scope_ != nullptr && key == "activation"; // a Transformer layer's
    if (v != nullptr && v->type == value::kind::name && torch_activation) {
      // a Transformer layer's activation=F.relu or F.gelu: the functions its strings name
      for (const std::string_view prefix : {"F.", "nn.functional.", "torch.nn.functional.", "functional."}) {
        for (const std::string_view name : {"relu", "gelu"}) {
          if (v->text.size() == prefix.size() + name.size() && v->text.starts_with(prefix) &&
              v->text.ends_with(name)) {
            return name;
          }
        }
      }
      throw syntax_error(v->where,
                         std::string{cls_} + ": activation=" + v->text +
                             " is not supported: rnnparams reads \"relu\", \"gelu\", F.relu or F.gelu");
    }
    if (v != nullptr && v->type == value::kind::call && torch_activation) {
      throw syntax_error(v->where,
                         std::string{cls_} + ": activation=" + v->text +
                             "() is not supported: a module as the activation adds a submodule; write "
                             "activation=\"relu\" or \"gelu\" (the same parameters)");
    }
    return a_.string(key, fallback);
  }
  /// Keras RNN's cell: a cell call (`LSTMCell(8)`), a list of them, or `StackedRNNCells([...])`.
  [[nodiscard]] keras::rnn_cell rnn_cell(std::string_view key) const {
    const value* v = a_.find(key);
    if (v == nullptr) {
      throw syntax_error(call_.where, std::string{cls_} + " needs '" + std::string{key} + "' (a cell)");
    }
    const auto one = [&](const value& c) -> keras::keras_cell {
      const std::string_view name = c.type == value::kind::call ? strip_prefix(c.text, keras_prefixes) : "";
      const auto read = [&]<class Cell>(std::type_identity<Cell> /*cell*/) -> keras::keras_cell {
        const signature& s = signature_of<Cell>();
        std::vector<std::string_view> accepted = s.keyword_only; // a cell is a layer: name, trainable, ...
        accepted.insert(accepted.end(), {"name", "trainable", "dtype", "autocast"});
        const arguments a(c, name, s.positional, accepted, placeholder_);
        return read_layer<Cell>(call_source{a, c, name, placeholder_, nullptr});
      };
      const std::optional<keras::keras_cell> cell = read_keras_cell(name, read);
      if (!cell) {
        throw syntax_error(c.where, std::string{cls_} + ": " + std::string{key} + " must be a " +
                                        keras_cell_names_text() + ", got " + c.describe());
      }
      return *cell;
    };
    const auto stack = [&](const value& list) {
      keras::StackedRNNCells s;
      if (list.items.size() > keras::StackedRNNCells::max_cells) {
        throw syntax_error(list.where, std::string{cls_} + ": rnnparams stacks up to 4 cells, got " +
                                           std::to_string(list.items.size()));
      }
      for (const value& c : list.items) {
        s.cells.push_back(one(c));
      }
      return s;
    };
    if (v->type == value::kind::list || v->type == value::kind::tuple) {
      return stack(*v);
    }
    if (v->type == value::kind::call && strip_prefix(v->text, keras_prefixes) == "StackedRNNCells") {
      const signature& s = signature_of<keras::StackedRNNCells>();
      const arguments a(*v, "StackedRNNCells", s.positional, s.keyword_only, placeholder_);
      const value* cells = a.find("cells");
      if (cells == nullptr || (cells->type != value::kind::list && cells->type != value::kind::tuple)) {
        throw syntax_error(v->where, "StackedRNNCells needs a list of cells");
      }
      return stack(*cells);
    }
    return rnnparams::visit([](const auto& c) -> keras::rnn_cell { return c; }, one(*v));
  }
  /// A module made in the call (`nn.TransformerEncoderLayer(512, 8)`) or bound to a name before, which this
  /// module then holds (the name's own entry is consumed); None or absent: nullopt.
  [[nodiscard]] std::optional<torch::module> module(std::string_view key, bool required) const {
    const value* v = a_.find(key);
    if (v == nullptr || v->type == value::kind::none) {
      if (required) {
        throw syntax_error(call_.where, std::string{cls_} + " needs '" + std::string{key} + "'");
      }
      return std::nullopt;
    }
    module_at_ = v;
    if (v->type == value::kind::name && scope_ != nullptr) {
      const auto bound = scope_->names.find(v->text);
      if (bound == scope_->names.end()) {
        throw syntax_error(v->where, std::string{cls_} + ": " + std::string{key} + "=" + v->text +
                                         " is not a module the code made before");
      }
      scope_->consumed.insert(bound->second.entry);
      return torch_module_of(*bound->second.call, placeholder_, scope_);
    }
    if (v->type != value::kind::call) {
      throw syntax_error(v->where, std::string{cls_} + ": " + std::string{key} + " must be a module, got " +
                                       v->describe());
    }
    std::optional<torch::module> m = torch_module_of(*v, placeholder_, scope_);
    if (!m) {
      throw syntax_error(v->where,
                         std::string{cls_} + ": " + std::string{key} + " must be a module rnnparams models");
    }
    return m;
  }
  [[noreturn]] void not_module(std::string_view key, const torch::module& got,
                               std::string_view expected) const {
    throw syntax_error(module_at_->where, std::string{cls_} + ": " + std::string{key} + " must be a " +
                                              std::string{expected} + ", got " +
                                              std::string{torch::class_name(got)});
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
  /// An integer, standing for `count` equal ones, or a tuple or list of `count` integers (a 2-D
  /// module's kernel_size, as PyTorch's _pair reads it).
  [[nodiscard]] int_tuple integers(std::string_view key, const std::optional<int_tuple>& fallback,
                                   std::size_t count) const {
    const value* v = a_.find(key);
    if (v == nullptr) {
      if (!fallback) {
        throw syntax_error(call_.where, std::string{cls_} + " needs '" + std::string{key} + "'");
      }
      return *fallback;
    }
    int_tuple t;
    if (v->type != value::kind::tuple && v->type != value::kind::list) {
      const std::int64_t one = a_.integer_of(*v, key);
      for (std::size_t i = 0; i < count; ++i) {
        t.push_back(one);
      }
      return t;
    }
    if (v->items.size() != count) {
      throw syntax_error(v->where, std::string{key} + " of " + std::string{cls_} +
                                       " must be an integer or a tuple of " + std::to_string(count) +
                                       " integers, got " + v->describe() + " of " +
                                       std::to_string(v->items.size()));
    }
    for (const value& item : v->items) {
      t.push_back(a_.integer_of(item, key));
    }
    return t;
  }
  /// integers(), or None; `fallback` when absent.
  [[nodiscard]] std::optional<int_tuple>
  optional_integers(std::string_view key, const std::optional<int_tuple>& fallback, std::size_t count) const {
    const value* v = a_.find(key);
    if (v == nullptr) {
      return fallback;
    }
    if (v->type == value::kind::none) {
      return std::nullopt;
    }
    return integers(key, std::nullopt, count);
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
    if (const auto length = a_.optional_integer(key); length && input_shape_ != nullptr) {
      *input_shape_ = shape{*length};
    }
  }

private:
  const arguments& a_;
  const value& call_;
  std::string_view cls_;
  std::optional<std::int64_t> placeholder_;
  std::optional<shape>* input_shape_;
  const torch_scope* scope_;
  mutable const value* wrapped_at_ = nullptr;
  mutable const value* module_at_ = nullptr;
};

/// Reads a call of class T into a layer_read<Layer>: its arguments against T's signature, then the
/// keywords every layer takes.
template <class Layer>
struct code_entry {
  using function = layer_read<Layer> (*)(const value&, std::string_view, std::optional<std::int64_t>);
  template <class T>
  static function of() {
    return [](const value& call, std::string_view cls, std::optional<std::int64_t> placeholder) {
      const signature& s = signature_of<T>();
      std::vector<std::string_view> accepted = s.keyword_only;
      accepted.insert(accepted.end(), keras_common_keywords.begin(), keras_common_keywords.end());
      const arguments a(call, cls, s.positional, accepted, placeholder);
      layer_read<Layer> out;
      out.layer = read_layer<T>(call_source{a, call, cls, placeholder, &out.input_shape});
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

/// The readers of the layers called on a list (merges, attention).
const auto& keras_list_dispatch() {
  return class_dispatch<code_entry<keras::multi_input_layer>, keras::multi_input_layer_types>();
}

keras_layer_read keras_layer_of(const value& call, std::optional<std::int64_t> placeholder, bool wrapped) {
  const std::string_view cls = strip_prefix(call.text, keras_prefixes);
  const auto& readers = keras_dispatch<code_entry<keras::layer>>();
  const auto reader = readers.find(cls);
  if (reader == readers.end() && keras_list_dispatch().contains(cls)) {
    throw syntax_error(call.where, std::string{cls} +
                                       " is called on a list of tensors, which only a functional "
                                       "model passes: write y = " +
                                       std::string{cls} + "()([a, b]) and keras.Model(inputs, outputs)");
  }
  if (reader == readers.end()) {
    static const std::vector<std::string_view> known = [] {
      std::vector<std::string_view> names = keras_class_names();
      names.insert(names.end(), {"Input", "Sequential", "Model"});
      const auto add = [&]<class... Ts>(detail::type_list<Ts...> /*list*/) {
        names.insert(names.end(), {Ts::class_name...});
      };
      add(keras::multi_input_layer_types{});
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

/// keras.Input(shape=(3, 1)), Input((None, 8)), InputLayer(input_shape=...), batch_shape=(None, 3, 1);
/// name= for a functional model's Input.
struct keras_input {
  shape input_shape;
  std::string name;
};
keras_input keras_input_of(const value& call, std::optional<std::int64_t> placeholder) {
  const arguments a(call, "Input",
                    {"shape", "batch_size", "dtype", "sparse", "batch_shape", "name", "tensor"},
                    {"input_shape", "batch_input_shape", "ragged", "optional", "type_spec"}, placeholder);
  keras_input out;
  if (const value* n = a.find("name"); n != nullptr && n->type != value::kind::none) {
    if (n->type != value::kind::string) {
      throw syntax_error(n->where, "name must be a string");
    }
    out.name = n->text;
  }
  const auto given = [&](std::string_view key) {
    const value* v = a.find(key);
    return v != nullptr && v->type != value::kind::none ? v : nullptr;
  };
  if (const value* s = given("shape") != nullptr ? given("shape") : given("input_shape"); s != nullptr) {
    out.input_shape = shape_of(*s, false, placeholder);
  } else if (const value* b =
                 given("batch_shape") != nullptr ? given("batch_shape") : given("batch_input_shape");
             b != nullptr) {
    out.input_shape = shape_of(*b, true, placeholder);
  } else {
    throw syntax_error(call.where, "Input needs a shape, e.g. Input(shape=(3, 1))");
  }
  return out;
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
    input_ = keras_input_of(call, placeholder_).input_shape;
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

code_model build_keras(const std::vector<statement>& code, std::optional<std::int64_t> placeholder) {
  keras_builder builder(placeholder);
  code_model out;
  std::string model_name;
  location last{};
  for (const statement& s : code) {
    last = s.where;
    if (s.is_import) {
      continue;
    }
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
      if (const value* name = a.find("name"); name != nullptr && name->type != value::kind::none) {
        if (name->type != value::kind::string) {
          throw syntax_error(name->where, "name must be a string");
        }
        out.name = name->text;
      }
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
  out.keras = builder.finish(last);
  return out;
}

// ---- Keras functional code -----------------------------------------------------------------------

/// `Model`, `keras.Model`, `tf.keras.models.Model`, ...: the functional model's constructor.
bool is_keras_model(std::string_view callee) {
  return strip_prefix(strip_prefix(callee, {"tensorflow.keras.models.", "tf.keras.models.", "keras.models.",
                                            "models."}),
                      keras_prefixes) == "Model";
}

/// Keras's function forms of the merge layers: layers.concatenate([a, b], axis=-1) is
/// Concatenate(axis=-1)([a, b]). The class name, or empty.
std::string_view merge_function_class(std::string_view callee) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> functions{{
      {"concatenate", "Concatenate"},
      {"add", "Add"},
      {"subtract", "Subtract"},
      {"multiply", "Multiply"},
      {"average", "Average"},
      {"maximum", "Maximum"},
      {"minimum", "Minimum"},
      {"dot", "Dot"},
  }};
  const std::string_view name =
      strip_prefix(callee, {"tensorflow.keras.layers.", "tf.keras.layers.", "keras.layers.", "layers."});
  if (name.size() == callee.size() && callee.find('.') != std::string_view::npos) {
    return {}; // np.add, tf.concat: not Keras's layers
  }
  for (const auto& [function, cls] : functions) {
    if (name == function) {
      return cls;
    }
  }
  return {};
}

/// True when the code uses Keras's functional API: a call of a call (`LSTM(8)(x)`), a call of an
/// indexing, keras.Model(...), a merge function, a subscript or a tuple assignment.
bool mentions_functional_api(const value& v) {
  if (v.type == value::kind::subscript ||
      (v.type == value::kind::call &&
       (!v.callee.empty() || is_keras_model(v.text) || !merge_function_class(v.text).empty()))) {
    return true;
  }
  const auto any = [](const std::vector<value>& values) {
    return std::any_of(values.begin(), values.end(),
                       [](const value& x) { return mentions_functional_api(x); });
  };
  return any(v.items) || any(v.keywords) || any(v.callee);
}

bool uses_functional_api(const std::vector<statement>& code) {
  return std::any_of(code.begin(), code.end(), [](const statement& s) {
    return !s.unpack.empty() || mentions_functional_api(s.expression);
  });
}

/// Reads functional Keras code statement by statement, as Python runs it: names bound to tensors,
/// lists of tensors, layers, models and constants; Inputs and layers made into one Functional model as
/// the code makes them (so that Keras's automatic names follow the order of construction), and the
/// model of keras.Model(inputs, outputs) made at the end.
class functional_builder {
public:
  explicit functional_builder(std::optional<std::int64_t> placeholder)
      : placeholder_(placeholder), model_(std::make_shared<keras_config::functional_model>()) {}

  void run(const std::vector<statement>& code) {
    for (const statement& s : code) {
      last_ = s.where;
      if (s.is_import) { // import numpy as np: np is a module the code cannot know
        for (const std::string& name : s.foreign_names) {
          env_[name] = unknown(name);
        }
        continue;
      }
      binding b = evaluate(s.expression);
      if (!s.unpack.empty()) {
        unpack(s, std::move(b));
      } else if (!s.target.empty()) {
        env_[s.target] = std::move(b);
      }
    }
  }

  code_model finish() {
    if (models_.empty()) {
      throw syntax_error(last_, "functional Keras code makes its model with keras.Model(inputs=..., "
                                "outputs=...); this code has none");
    }
    // The model the code summarizes, else the first it makes (a seq2seq's training model, before the
    // inference models that reuse its layers).
    std::size_t chosen = 0;
    for (std::size_t i = 0; i < models_.size(); ++i) {
      if (models_[i].summarized) {
        chosen = i;
      }
    }
    const made_model& m = models_[chosen];
    try {
      model_->model_in_place(m.inputs, m.outputs);
    } catch (const std::exception& e) {
      throw syntax_error(m.where, e.what());
    }
    code_model out;
    out.functional = model_;
    out.name = m.name;
    for (std::size_t i = 0; i < chosen; ++i) {
      out.ordinal += models_[i].name.empty() ? 1U : 0U;
    }
    return out;
  }

private:
  using single = keras::layer_handle<keras_config::functional_model, keras::layer>;
  using multi = keras::layer_handle<keras_config::functional_model, keras::multi_input_layer>;

  /// What a name is bound to. An unknown is a value the code cannot know without running it (a module
  /// other than Keras's, data, what a call into them returns): fine where nothing depends on it.
  struct binding {
    enum class kind { constant, tensor, tensors, layer, model, unknown };
    kind type = kind::constant;
    value constant; // constant: a literal, or a tuple / list / dict of them; unknown: what it is, as text
    std::vector<keras::tensor> tensors; // tensor: one; tensors: a list of them
    std::size_t layer = 0;              // layer: index in layers_
    std::size_t model = 0;              // model: index in models_
  };
  struct made_layer {
    std::optional<single> one;
    std::optional<multi> many;
    std::string class_name;
  };
  struct made_model {
    std::vector<keras::tensor> inputs;
    std::vector<keras::tensor> outputs;
    std::string name;
    location where;
    bool summarized = false;
  };

  static binding constant(value v) {
    binding b;
    b.constant = std::move(v);
    return b;
  }
  static binding unknown(const std::string& what) {
    binding b;
    b.type = binding::kind::unknown;
    b.constant.type = value::kind::string;
    b.constant.text = what;
    return b;
  }
  static binding tensors(std::vector<keras::tensor> list, bool one) {
    binding b;
    b.type = one ? binding::kind::tensor : binding::kind::tensors;
    b.tensors = std::move(list);
    return b;
  }

  /// `v` with each name bound to a constant replaced by it: a layer's arguments as Python passes them.
  [[nodiscard]] value resolved(const value& v) const {
    if (v.type == value::kind::name) {
      if (const auto it = env_.find(v.text); it != env_.end() && it->second.type == binding::kind::constant) {
        value c = it->second.constant;
        c.where = v.where;
        c.keyword = v.keyword;
        c.keyword_where = v.keyword_where;
        return c;
      }
      return v;
    }
    value out = v;
    for (value& item : out.items) {
      item = resolved(item);
    }
    for (value& item : out.keywords) {
      item = resolved(item);
    }
    return out;
  }

  binding evaluate(const value& v) {
    switch (v.type) {
    case value::kind::name: {
      if (const auto it = env_.find(v.text); it != env_.end()) {
        return it->second;
      }
      const std::string first = v.text.substr(0, v.text.find('.'));
      if (const auto it = env_.find(first); it != env_.end() && it->second.type == binding::kind::unknown) {
        return unknown(v.text); // np.pi, data.shape
      }
      throw syntax_error(v.where, "name '" + first + "' is not defined");
    }
    case value::kind::attribute: {
      const binding object = evaluate(v.items[0]);
      if (object.type == binding::kind::unknown) {
        return unknown(object.constant.text + "." + v.text);
      }
      throw syntax_error(v.where, "the attribute " + v.text + " of " + what(object, v.items[0]) +
                                      " is not model code rnnparams reads");
    }
    case value::kind::tuple:
    case value::kind::list:
      return sequence(v);
    case value::kind::subscript:
      return subscript(v);
    case value::kind::call:
      return call(v);
    default:
      return constant(resolved(v));
    }
  }

  /// [a, b] of tensors (lists of tensors flattened, as Keras's tree.flatten reads a model's inputs),
  /// or a tuple or list of constants.
  binding sequence(const value& v) {
    std::vector<binding> items;
    items.reserve(v.items.size());
    bool all_constant = true;
    bool all_tensors = true;
    for (const value& item : v.items) {
      items.push_back(evaluate(item));
      if (items.back().type == binding::kind::unknown) {
        return items.back();
      }
      const binding::kind k = items.back().type;
      all_constant = all_constant && k == binding::kind::constant;
      all_tensors = all_tensors && (k == binding::kind::tensor || k == binding::kind::tensors);
    }
    if (all_constant) {
      return constant(resolved(v));
    }
    if (!all_tensors) {
      throw syntax_error(v.where, "a list of tensors and other values is not model code");
    }
    std::vector<keras::tensor> list;
    for (const binding& b : items) {
      list.insert(list.end(), b.tensors.begin(), b.tensors.end());
    }
    return tensors(std::move(list), false);
  }

  binding subscript(const value& v) {
    const binding object = evaluate(v.items[0]);
    const binding index = evaluate(v.items[1]);
    if (object.type == binding::kind::unknown || index.type == binding::kind::unknown) {
      return unknown(object.type == binding::kind::unknown ? object.constant.text + "[...]" : "an index");
    }
    if (object.type == binding::kind::tensor) {
      throw syntax_error(v.where,
                         "indexing a tensor slices it, which is not a layer rnnparams models; "
                         "only the list of tensors a layer returns with return_state=True is indexed");
    }
    if (index.type != binding::kind::constant || index.constant.type != value::kind::integer) {
      throw syntax_error(v.items[1].where, "an index must be an int");
    }
    const std::size_t size =
        object.type == binding::kind::tensors ? object.tensors.size()
        : object.type == binding::kind::constant &&
                (object.constant.type == value::kind::tuple || object.constant.type == value::kind::list)
            ? object.constant.items.size()
            : 0;
    if (object.type != binding::kind::tensors && size == 0 &&
        !(object.type == binding::kind::constant &&
          (object.constant.type == value::kind::tuple || object.constant.type == value::kind::list))) {
      throw syntax_error(v.where, "indexing " + what(object, v.items[0]) + " is not model code");
    }
    const std::int64_t i = index.constant.integer;
    const auto n = static_cast<std::int64_t>(size);
    if (i >= n || i < -n) {
      throw syntax_error(
          v.items[1].where,
          "index " + std::to_string(i) + " is out of range: " +
              (object.type == binding::kind::tensors ? "the list holds " : "the sequence holds ") +
              std::to_string(size) + (size == 1 ? " item" : " items"));
    }
    const auto at = static_cast<std::size_t>(i < 0 ? i + n : i);
    if (object.type == binding::kind::tensors) {
      return tensors({object.tensors[at]}, true);
    }
    return constant(object.constant.items[at]);
  }

  static std::string what(const binding& b, const value& written) {
    switch (b.type) {
    case binding::kind::constant:
      return b.constant.describe();
    case binding::kind::tensor:
      return "a tensor";
    case binding::kind::tensors:
      return "a list of tensors";
    case binding::kind::layer:
      return "a layer";
    case binding::kind::model:
      return "a model";
    case binding::kind::unknown:
      return b.constant.text + ", which is not known without running the code";
    }
    return written.describe();
  }

  binding call(const value& v) {
    if (!v.callee.empty() && v.callee.front().type == value::kind::attribute) { // Model(x, y).summary()
      const value& attribute = v.callee.front();
      const binding object = evaluate(attribute.items[0]);
      if (object.type == binding::kind::unknown) {
        return unknown(object.constant.text + "." + attribute.text + "(...)");
      }
      if (object.type == binding::kind::model &&
          (attribute.text == "summary" || ignored_model_method(attribute.text))) {
        models_[object.model].summarized = models_[object.model].summarized || attribute.text == "summary";
        return unknown(attribute.text + "(...)"); // what fit, predict, ... return is data
      }
      throw syntax_error(v.where, attribute.text + "(...) on " + what(object, attribute.items[0]) +
                                      " is not model code rnnparams reads");
    }
    if (!v.callee.empty()) { // LSTM(8)(x), layers[0](x)
      const binding callee = evaluate(v.callee.front());
      if (callee.type == binding::kind::unknown) {
        return unknown(callee.constant.text + "(...)");
      }
      if (callee.type != binding::kind::layer) {
        throw syntax_error(v.where, "calling " + what(callee, v.callee.front()) + " is not model code");
      }
      return call_layer(callee.layer, v);
    }
    if (const auto it = env_.find(v.text); it != env_.end()) {
      if (it->second.type == binding::kind::layer) {
        return call_layer(it->second.layer, v);
      }
      if (it->second.type == binding::kind::unknown) {
        return unknown(v.text + "(...)");
      }
      throw syntax_error(v.where, "calling " + what(it->second, v) + " (" + v.text + ") is not model code");
    }
    const std::size_t dot = v.text.rfind('.');
    if (dot != std::string::npos) {
      const std::string object = v.text.substr(0, dot);
      const std::string method = v.text.substr(dot + 1);
      const std::string first = v.text.substr(0, v.text.find('.'));
      if (const auto it = env_.find(first); it != env_.end() && it->second.type == binding::kind::unknown) {
        return unknown(v.text + "(...)"); // np.random.randn(...), tokenizer.fit_on_texts(...)
      }
      if (const auto it = env_.find(object); it != env_.end()) {
        if (it->second.type == binding::kind::model &&
            (method == "summary" || ignored_model_method(method))) {
          models_[it->second.model].summarized = models_[it->second.model].summarized || method == "summary";
          return unknown(v.text + "(...)"); // what fit, predict, ... return is data
        }
        throw syntax_error(v.where, object + "." + method + " on " + what(it->second, v) +
                                        " is not model code rnnparams reads");
      }
    }
    if (v.text == "print") { // print(model.summary()): only a summary it prints matters
      for (const value& item : v.items) {
        if (item.type == value::kind::call &&
            (item.text.ends_with(".summary") ||
             (!item.callee.empty() && item.callee.front().type == value::kind::attribute &&
              item.callee.front().text == "summary"))) {
          (void)evaluate(item);
        }
      }
      return constant(value{});
    }
    if (const std::string_view cls = strip_prefix(v.text, keras_prefixes);
        cls.find('.') != std::string_view::npos) {
      const std::string_view first = cls.substr(0, cls.find('.'));
      if (first != "tf" && first != "keras" && first != "tensorflow") {
        throw syntax_error(v.where, "name '" + std::string{first} + "' is not defined");
      }
      return unknown(v.text + "(...)"); // tf.random.set_seed(...), keras.optimizers.Adam(...): not layers
    }
    if (is_keras_input(v.text)) {
      const keras_input read = keras_input_of(resolved(v), placeholder_);
      return tensors({model_->input(read.input_shape, read.name)}, true);
    }
    if (is_keras_model(v.text)) {
      return make_model(v);
    }
    if (is_keras_sequential(v.text)) {
      throw syntax_error(v.where, "a Sequential model inside functional code is not supported: call its "
                                  "layers on the tensors instead");
    }
    if (const std::string_view cls = merge_function_class(v.text); !cls.empty()) {
      // layers.concatenate(inputs, axis=-1, **kwargs): Concatenate(axis=-1, **kwargs)(inputs).
      value layer_call = v;
      layer_call.text = std::string{cls};
      layer_call.items.clear();
      layer_call.keywords.clear();
      const value* inputs = nullptr;
      for (const value& k : v.keywords) {
        if (k.keyword == "inputs") {
          inputs = &k;
        } else {
          layer_call.keywords.push_back(k);
        }
      }
      if (!v.items.empty()) {
        if (inputs != nullptr || v.items.size() > 1) {
          throw syntax_error(v.where, v.text + " takes the list of tensors, then keyword arguments");
        }
        inputs = &v.items.front();
      }
      if (inputs == nullptr) {
        throw syntax_error(v.where, v.text + " needs the list of tensors to merge");
      }
      const std::size_t layer = construct(layer_call);
      value applied;
      applied.type = value::kind::call;
      applied.where = v.where;
      applied.items.push_back(*inputs);
      return call_layer(layer, applied);
    }
    binding b;
    b.type = binding::kind::layer;
    b.layer = construct(v);
    return b;
  }

  /// A layer object, as Keras makes it when the code constructs it (taking its automatic name then).
  std::size_t construct(const value& v) {
    const value call = resolved(v);
    const std::string_view cls = strip_prefix(call.text, keras_prefixes);
    made_layer made;
    made.class_name = std::string{cls};
    try {
      if (const auto& list_readers = keras_list_dispatch(); list_readers.contains(cls)) {
        layer_read<keras::multi_input_layer> read = list_readers.find(cls)->second(call, cls, placeholder_);
        made.many.emplace(model_->add(read.layer, read.name));
      } else {
        // input_shape= is for a Sequential model's first layer; a functional model takes its Inputs.
        const keras_layer_read read = keras_layer_of(call, placeholder_, false);
        made.one.emplace(model_->add(read.layer, read.name));
      }
    } catch (const syntax_error&) {
      throw;
    } catch (const std::exception& e) {
      throw syntax_error(v.where, e.what());
    }
    layers_.push_back(std::move(made));
    return layers_.size() - 1;
  }

  /// The tensors of an argument: one, or a list.
  std::vector<keras::tensor> tensors_of(const value& v, std::string_view layer, std::string_view argument) {
    const binding b = evaluate(v);
    if (b.type != binding::kind::tensor && b.type != binding::kind::tensors) {
      throw syntax_error(v.where, std::string{layer} + " takes tensors as " + std::string{argument} +
                                      ", got " + what(b, v));
    }
    return b.tensors;
  }

  /// A keyword of a layer call that changes nothing rnnparams counts, given a constant (training=False,
  /// use_causal_mask=True); a tensor there (a mask) would be an input of the call, which is refused.
  void ignored_call_keyword(const value& k, std::string_view layer) {
    const binding b = evaluate(k);
    if (b.type != binding::kind::constant) {
      throw syntax_error(k.where, std::string{layer} + ": a tensor as " + k.keyword +
                                      "= is not supported (rnnparams models the layer's inputs and states)");
    }
  }

  /// layer(x), layer(x, initial_state=[h, c]), merge([a, b]), mha(query, value, key=k).
  binding call_layer(std::size_t index, const value& v) {
    // Evaluating the arguments may make layers (Dense(1)(LSTM(8)(x))): layers_ is read by index.
    const std::string cls = layers_[index].class_name;
    const bool takes_a_list = layers_[index].many.has_value();
    std::vector<keras::tensor> inputs;
    std::vector<keras::tensor> states;
    const bool mha = cls == "MultiHeadAttention";
    const std::vector<std::string_view> positional =
        mha ? std::vector<std::string_view>{"query", "value", "key"}
            : std::vector<std::string_view>{"inputs"};
    if (v.items.size() > positional.size()) {
      throw syntax_error(v.items[positional.size()].where, cls + " is called on " +
                                                               (mha ? "query, value and key" : "its inputs") +
                                                               ", then keyword arguments");
    }
    std::map<std::string_view, const value*> given;
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      given[positional[i]] = &v.items[i];
    }
    static constexpr std::array<std::string_view, 5> ignored{"training", "mask", "use_causal_mask",
                                                             "query_mask", "value_mask"};
    for (const value& k : v.keywords) {
      if (std::find(positional.begin(), positional.end(), k.keyword) != positional.end()) {
        if (given.contains(k.keyword)) {
          throw syntax_error(k.keyword_where, cls + " got two values for '" + k.keyword + "'");
        }
        given[positional[static_cast<std::size_t>(std::find(positional.begin(), positional.end(), k.keyword) -
                                                  positional.begin())]] = &k;
      } else if (k.keyword == "initial_state" && !takes_a_list) {
        states = tensors_of(k, cls, "initial_state");
      } else if (std::find(ignored.begin(), ignored.end(), k.keyword) != ignored.end() ||
                 (mha && (k.keyword == "attention_mask" || k.keyword == "key_mask"))) {
        ignored_call_keyword(k, cls);
      } else if (k.keyword == "return_attention_scores") {
        const binding b = evaluate(k);
        if (b.type != binding::kind::constant || b.constant.type != value::kind::boolean ||
            b.constant.boolean) {
          throw syntax_error(k.where, cls + ": return_attention_scores=True is not supported (rnnparams "
                                            "models the attention output only)");
        }
      } else {
        throw syntax_error(k.keyword_where, "calling " + cls + " takes no argument '" + k.keyword + "'");
      }
    }
    // Keras lists a call's tensors as tree.flatten((args, kwargs)) does: the positional ones, then the
    // keywords sorted by name. inbound() lists them in the signature's order (then initial_state), so a
    // call whose keywords sort otherwise (mha(query=q, value=v, key=k): key, query, value) is refused.
    std::vector<std::string_view> keyword_tensors;
    for (const std::string_view p : positional) {
      if (given.contains(p) && !given[p]->keyword.empty()) {
        keyword_tensors.push_back(p);
      }
    }
    for (const value& k : v.keywords) {
      if (k.keyword == "initial_state") {
        keyword_tensors.emplace_back("initial_state");
      }
    }
    if (!std::is_sorted(keyword_tensors.begin(), keyword_tensors.end())) {
      throw syntax_error(v.where, "calling " + cls + " with " + join_names(keyword_tensors, " and ") +
                                      " as keywords: Keras lists the keywords' tensors in sorted order, "
                                      "which rnnparams does not model; pass " +
                                      std::string{keyword_tensors.front()} + " by position");
    }
    for (const std::string_view p : positional) {
      if (const auto it = given.find(p); it != given.end()) {
        const std::vector<keras::tensor> t = tensors_of(*it->second, cls, p);
        inputs.insert(inputs.end(), t.begin(), t.end());
      } else if (p != "key") {
        throw syntax_error(v.where, "calling " + cls + " needs " + std::string{mha ? p : "its inputs"});
      }
    }
    keras::call_outputs out{nullptr, 0, 0, {}};
    try {
      if (takes_a_list) {
        out = (*layers_[index].many)(std::span<const keras::tensor>{inputs});
      } else {
        if (inputs.size() != 1) {
          throw syntax_error(v.where, cls + " takes one tensor, got a list of " +
                                          std::to_string(inputs.size()) +
                                          (states.empty() && inputs.size() > 1
                                               ? " (give a recurrent layer's states as initial_state=[...])"
                                               : ""));
        }
        keras::initial_state initial;
        if (states.size() > keras::initial_state::max_states) {
          throw syntax_error(v.where, cls + " takes at most " +
                                          std::to_string(keras::initial_state::max_states) +
                                          " initial states");
        }
        for (const keras::tensor& s : states) {
          initial.tensors.push_back(s, keras::initial_state::who);
        }
        out = (*layers_[index].one)(inputs.front(), initial);
      }
    } catch (const syntax_error&) {
      throw;
    } catch (const std::exception& e) {
      throw syntax_error(v.where, e.what());
    }
    std::vector<keras::tensor> results;
    for (std::size_t i = 0; i < out.size(); ++i) {
      results.push_back(out[i]);
    }
    return tensors(std::move(results), results.size() == 1);
  }

  /// keras.Model(inputs, outputs, name=...): recorded; finish() makes the model.
  binding make_model(const value& v) {
    const arguments a(v, "Model", {"inputs", "outputs", "name"}, {"trainable"}, placeholder_);
    made_model m;
    m.where = v.where;
    for (const std::string_view key : {"inputs", "outputs"}) {
      const value* given = a.find(key);
      if (given == nullptr) {
        throw syntax_error(v.where, "Model needs '" + std::string{key} + "'");
      }
      (key == "inputs" ? m.inputs : m.outputs) = tensors_of(*given, "Model", key);
    }
    if (const value* name = a.find("name"); name != nullptr) {
      const value n = resolved(*name);
      if (n.type != value::kind::string) {
        throw syntax_error(n.where, "name must be a string");
      }
      m.name = n.text;
    }
    models_.push_back(std::move(m));
    binding b;
    b.type = binding::kind::model;
    b.model = models_.size() - 1;
    return b;
  }

  void unpack(const statement& s, binding b) {
    std::vector<binding> items;
    if (b.type == binding::kind::unknown) { // x_train, x_test = train_test_split(...)
      for (const std::string& name : s.unpack) {
        env_[name] = unknown(name);
      }
      return;
    }
    if (b.type == binding::kind::tensors) {
      for (const keras::tensor& t : b.tensors) {
        items.push_back(tensors({t}, true));
      }
    } else if (b.type == binding::kind::constant &&
               (b.constant.type == value::kind::tuple || b.constant.type == value::kind::list)) {
      for (const value& item : b.constant.items) {
        items.push_back(constant(item));
      }
    } else {
      throw syntax_error(
          s.expression.where,
          "cannot unpack " + what(b, s.expression) +
              (b.type == binding::kind::tensor
                   ? " into names: a recurrent layer returns [output, *states] with return_state=True"
                   : " into names"));
    }
    if (items.size() != s.unpack.size()) {
      throw syntax_error(s.expression.where,
                         std::string{items.size() > s.unpack.size() ? "too many" : "not enough"} +
                             " values to unpack (expected " + std::to_string(s.unpack.size()) + ", got " +
                             std::to_string(items.size()) + ")");
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      env_[s.unpack[i]] = std::move(items[i]);
    }
  }

  std::optional<std::int64_t> placeholder_;
  std::shared_ptr<keras_config::functional_model> model_;
  std::map<std::string, binding, std::less<>> env_;
  std::vector<made_layer> layers_;
  std::vector<made_model> models_;
  location last_{};
};

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
  using function = torch_module (*)(const value&, std::string_view, std::optional<std::int64_t>,
                                    const torch_scope*);
  template <class T>
  static function of() {
    return [](const value& call, std::string_view cls, std::optional<std::int64_t> placeholder,
              const torch_scope* scope) {
      const signature& s = signature_of<T>();
      const arguments a(call, cls, s.positional, s.keyword_only, placeholder);
      return torch_module{read_layer<T>(call_source{a, call, cls, placeholder, nullptr, scope})};
    };
  }
};

/// Tensor factories whose positional arguments, or one tuple of them, are the sizes.
constexpr std::array<std::string_view, 7> tensor_factories{"torch.zeros",      "torch.ones",  "torch.empty",
                                                           "torch.rand",       "torch.randn", "torch.Tensor",
                                                           "torch.FloatTensor"};

/// The shape of a tensor the code makes, as Embedding.from_pretrained needs it: torch.zeros(1000, 64),
/// torch.randn((1000, 64)), torch.FloatTensor(1000, 64), ...; a tensor made from data has no shape here.
shape made_tensor_shape(const value& v, std::string_view for_what, std::optional<std::int64_t> placeholder) {
  if (v.type != value::kind::call ||
      std::find(tensor_factories.begin(), tensor_factories.end(), v.text) == tensor_factories.end()) {
    throw syntax_error(v.where, std::string{for_what} + ": the shape of " + v.describe() +
                                    " is not known from the code: write it as torch.zeros(rows, cols)");
  }
  static const std::vector<std::string_view> positional(shape::max_rank, "size");
  static const std::vector<std::string_view> keywords{"dtype",     "device",     "requires_grad", "layout",
                                                      "generator", "pin_memory", "memory_format"};
  const bool one_tuple =
      v.items.size() == 1 && (v.items[0].type == value::kind::tuple || v.items[0].type == value::kind::list);
  const arguments keywords_checked(v, v.text, positional, keywords, placeholder);
  value sizes = one_tuple ? v.items[0] : v;
  sizes.type = value::kind::tuple;
  for (const value& size : sizes.items) {
    if (size.type != value::kind::integer && size.type != value::kind::placeholder) {
      throw syntax_error(size.where,
                         std::string{for_what} + ": the shape of " + v.text +
                             "(...) is not known from the code: write it as torch.zeros(rows, cols)");
    }
  }
  return shape_of(sizes, false, placeholder); // the sizes as any shape in the code is read
}

/// nn.Embedding.from_pretrained(embeddings, freeze=True, ...), with the embeddings' shape from the code.
torch_module pretrained_embedding(const value& call, std::optional<std::int64_t> placeholder) {
  constexpr std::string_view cls = "Embedding.from_pretrained";
  const signature& s = signature_of<torch::from_pretrained_options>();
  const arguments a(call, cls, s.positional, s.keyword_only, placeholder);
  const value* embeddings = a.find("embeddings");
  if (embeddings == nullptr) {
    throw syntax_error(call.where, std::string{cls} + " needs 'embeddings'");
  }
  const shape rows_cols = made_tensor_shape(*embeddings, cls, placeholder);
  const auto options =
      read_layer<torch::from_pretrained_options>(call_source{a, call, cls, placeholder, nullptr});
  try {
    return torch_module{torch::Embedding::from_pretrained(rows_cols, options)};
  } catch (const invalid_model& e) {
    throw syntax_error(call.where, e.what());
  }
}

std::optional<torch_module> torch_module_of(const value& call, std::optional<std::int64_t> placeholder,
                                            const torch_scope* scope) {
  const std::string_view cls = strip_prefix(call.text, torch_prefixes);
  if (cls == "Embedding.from_pretrained") {
    return pretrained_embedding(call, placeholder);
  }
  const auto& readers = torch_dispatch<torch_code_entry>();
  if (const auto reader = readers.find(cls); reader != readers.end()) {
    return reader->second(call, cls, placeholder, scope);
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

void add_torch(std::vector<torch_entry>& out, const value& call, std::optional<std::int64_t> placeholder,
               const torch_scope& scope) {
  if (call.type != value::kind::call) {
    throw syntax_error(call.where, "expected a module, got " + call.describe());
  }
  if (strip_prefix(call.text, torch_prefixes) == "Sequential") {
    if (!call.keywords.empty()) {
      throw syntax_error(call.where, "nn.Sequential takes modules as positional arguments");
    }
    for (const value& m : call.items) {
      add_torch(out, m, placeholder, scope);
    }
    return;
  }
  std::optional<torch_module> module = torch_module_of(call, placeholder, &scope);
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
  torch_scope scope;
  location last{};
  for (const statement& s : code) {
    last = s.where;
    if (s.is_import) {
      continue;
    }
    const value& e = s.expression;
    // Data the code makes (src = torch.rand(10, 32, 512)) and a module it runs (out = encoder(src)) change
    // no count.
    if (e.type == value::kind::call &&
        (std::find(tensor_factories.begin(), tensor_factories.end(), e.text) != tensor_factories.end() ||
         scope.names.contains(e.text))) {
      continue;
    }
    const std::size_t before = out.size();
    add_torch(out, e, placeholder, scope);
    if (!s.target.empty() && out.size() == before + 1) {
      scope.names.insert_or_assign(s.target, torch_scope::binding{&e, before});
    }
  }
  // A module another one holds (the encoder_layer of nn.TransformerEncoder(layer, 6)) is counted there.
  std::vector<torch_entry> kept;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!scope.consumed.contains(i)) {
      kept.push_back(out[i]);
    }
  }
  if (kept.empty()) {
    throw syntax_error(last, "no PyTorch module found");
  }
  return kept;
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
  return std::any_of(v.callee.begin(), v.callee.end(),
                     [](const value& c) { return mentions_placeholder(c); });
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
  if (kind == convention::keras) {
    if (uses_functional_api(code)) {
      functional_builder builder(placeholder);
      builder.run(code);
      return builder.finish();
    }
    return build_keras(code, placeholder);
  }
  code_model out;
  out.torch = build_torch(code, placeholder);
  return out;
}

} // namespace rnnparams::cli
