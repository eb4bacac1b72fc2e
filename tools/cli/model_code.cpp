// tools/cli/model_code.cpp: Keras and PyTorch calls read into rnnparams layers, argument by argument.
// SPDX-License-Identifier: MIT
#include "model_code.hpp"

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

// Keyword arguments every Keras layer accepts.
const std::vector<std::string_view> keras_common{"name",        "trainable",         "dtype",
                                                 "input_shape", "batch_input_shape", "batch_size",
                                                 "input_dim",   "autocast",          "activity_regularizer"};

std::vector<std::string_view> with_common(std::vector<std::string_view> extra) {
  extra.insert(extra.end(), keras_common.begin(), keras_common.end());
  return extra;
}

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

void reject_channels_first(const arguments& a) {
  a.reject_if(a.string("data_format", "channels_last") != "channels_last", "data_format",
              "only data_format=\"channels_last\" is supported");
}

void reject_axis(const arguments& a) {
  const value* axis = a.find("axis");
  if (axis == nullptr) {
    return;
  }
  const bool last =
      (axis->type == value::kind::integer && axis->integer == -1) ||
      ((axis->type == value::kind::list || axis->type == value::kind::tuple) && axis->items.size() == 1 &&
       axis->items[0].type == value::kind::integer && axis->items[0].integer == -1);
  a.reject_if(!last, "axis", "only axis=-1 (the last axis) is supported");
}

keras_layer_read keras_layer_of(const value& call, std::optional<std::int64_t> placeholder, bool wrapped) {
  const std::string_view cls = strip_prefix(call.text, keras_prefixes);
  const auto args = [&](std::vector<std::string_view> positional, std::vector<std::string_view> accepted) {
    return arguments(call, cls, std::move(positional), with_common(std::move(accepted)), placeholder);
  };
  keras_layer_read out;
  std::optional<arguments> a;
  const std::vector<std::string_view> rnn_ignored{"activation",
                                                  "kernel_initializer",
                                                  "recurrent_initializer",
                                                  "bias_initializer",
                                                  "kernel_regularizer",
                                                  "recurrent_regularizer",
                                                  "bias_regularizer",
                                                  "kernel_constraint",
                                                  "recurrent_constraint",
                                                  "bias_constraint",
                                                  "dropout",
                                                  "recurrent_dropout",
                                                  "go_backwards",
                                                  "stateful",
                                                  "unroll",
                                                  "seed",
                                                  "return_state",
                                                  "use_cudnn",
                                                  "recurrent_activation",
                                                  "unit_forget_bias",
                                                  "time_major",
                                                  "implementation"};
  const auto recurrent = [&](std::vector<std::string_view> positional) {
    a.emplace(args(std::move(positional), rnn_ignored));
    a->reject_if(a->boolean("return_state", false), "return_state",
                 "return_state=True gives several outputs, which a Sequential model cannot pass on");
  };
  if (cls == "SimpleRNN") {
    recurrent({"units",
               "activation",
               "use_bias",
               "kernel_initializer",
               "recurrent_initializer",
               "bias_initializer",
               "kernel_regularizer",
               "recurrent_regularizer",
               "bias_regularizer",
               "activity_regularizer",
               "kernel_constraint",
               "recurrent_constraint",
               "bias_constraint",
               "dropout",
               "recurrent_dropout",
               "return_sequences",
               "return_state",
               "go_backwards",
               "stateful",
               "unroll",
               "seed"});
    out.layer = keras::SimpleRNN{.units = a->integer("units"),
                                 .use_bias = a->boolean("use_bias", true),
                                 .return_sequences = a->boolean("return_sequences", false),
                                 .trainable = a->boolean("trainable", true)};
  } else if (cls == "LSTM") {
    recurrent({"units",
               "activation",
               "recurrent_activation",
               "use_bias",
               "kernel_initializer",
               "recurrent_initializer",
               "bias_initializer",
               "unit_forget_bias",
               "kernel_regularizer",
               "recurrent_regularizer",
               "bias_regularizer",
               "activity_regularizer",
               "kernel_constraint",
               "recurrent_constraint",
               "bias_constraint",
               "dropout",
               "recurrent_dropout",
               "seed",
               "return_sequences",
               "return_state",
               "go_backwards",
               "stateful",
               "unroll",
               "use_cudnn"});
    out.layer = keras::LSTM{.units = a->integer("units"),
                            .use_bias = a->boolean("use_bias", true),
                            .return_sequences = a->boolean("return_sequences", false),
                            .trainable = a->boolean("trainable", true)};
  } else if (cls == "GRU") {
    recurrent({"units",
               "activation",
               "recurrent_activation",
               "use_bias",
               "kernel_initializer",
               "recurrent_initializer",
               "bias_initializer",
               "kernel_regularizer",
               "recurrent_regularizer",
               "bias_regularizer",
               "activity_regularizer",
               "kernel_constraint",
               "recurrent_constraint",
               "bias_constraint",
               "dropout",
               "recurrent_dropout",
               "seed",
               "return_sequences",
               "return_state",
               "go_backwards",
               "stateful",
               "unroll",
               "reset_after",
               "use_cudnn"});
    out.layer = keras::GRU{.units = a->integer("units"),
                           .use_bias = a->boolean("use_bias", true),
                           .return_sequences = a->boolean("return_sequences", false),
                           .reset_after = a->boolean("reset_after", true),
                           .trainable = a->boolean("trainable", true)};
  } else if (cls == "Dense") {
    a.emplace(args({"units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                    "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                    "bias_constraint", "lora_rank", "lora_alpha"},
                   {}));
    a->reject_if(a->has("lora_rank"), "lora_rank", "LoRA weights are not supported");
    out.layer = keras::Dense{.units = a->integer("units"),
                             .use_bias = a->boolean("use_bias", true),
                             .trainable = a->boolean("trainable", true)};
  } else if (cls == "Embedding") {
    a.emplace(args({"input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer",
                    "embeddings_constraint", "mask_zero", "weights", "lora_rank", "lora_alpha"},
                   {"input_length"}));
    a->reject_if(a->has("lora_rank"), "lora_rank", "LoRA weights are not supported");
    out.layer = keras::Embedding{.input_dim = a->integer("input_dim"),
                                 .output_dim = a->integer("output_dim"),
                                 .trainable = a->boolean("trainable", true)};
    if (const auto length = a->optional_integer("input_length")) { // tf.keras 2: input_length=T
      out.input_shape = shape{*length};
    }
  } else if (cls == "Conv1D" || cls == "Convolution1D") {
    a.emplace(args({"filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
                    "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                    "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"},
                   {}));
    reject_channels_first(*a);
    out.layer = keras::Conv1D{.filters = a->integer("filters"),
                              .kernel_size = a->integer("kernel_size"),
                              .strides = a->integer("strides", 1),
                              .padding = a->string("padding", "valid"),
                              .dilation_rate = a->integer("dilation_rate", 1),
                              .groups = a->integer("groups", 1),
                              .use_bias = a->boolean("use_bias", true),
                              .trainable = a->boolean("trainable", true)};
  } else if (cls == "BatchNormalization") {
    a.emplace(
        args({"axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
              "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer",
              "gamma_regularizer", "beta_constraint", "gamma_constraint", "synchronized"},
             {"renorm", "renorm_clipping", "renorm_momentum", "fused", "virtual_batch_size", "adjustment"}));
    reject_axis(*a);
    a->reject_if(a->boolean("renorm", false), "renorm", "renorm=True adds weights that are not supported");
    out.layer = keras::BatchNormalization{.center = a->boolean("center", true),
                                          .scale = a->boolean("scale", true),
                                          .trainable = a->boolean("trainable", true)};
  } else if (cls == "LayerNormalization") {
    a.emplace(
        args({"axis", "epsilon", "center", "scale", "rms_scaling", "beta_initializer", "gamma_initializer",
              "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"},
             {}));
    reject_axis(*a);
    a->reject_if(a->boolean("rms_scaling", false), "rms_scaling", "rms_scaling=True is not supported");
    out.layer = keras::LayerNormalization{.center = a->boolean("center", true),
                                          .scale = a->boolean("scale", true),
                                          .trainable = a->boolean("trainable", true)};
  } else if (cls == "Dropout") {
    a.emplace(args({"rate", "noise_shape", "seed"}, {}));
    a->reject_if(!a->has("rate"), "rate", "Dropout needs 'rate'");
    out.layer = keras::Dropout{.rate = a->number("rate", 0), .trainable = a->boolean("trainable", true)};
  } else if (cls == "Flatten") {
    a.emplace(args({"data_format"}, {}));
    reject_channels_first(*a);
    out.layer = keras::Flatten{.trainable = a->boolean("trainable", true)};
  } else if (cls == "RepeatVector") {
    a.emplace(args({"n"}, {}));
    out.layer = keras::RepeatVector{.n = a->integer("n"), .trainable = a->boolean("trainable", true)};
  } else if (cls == "MaxPooling1D" || cls == "AveragePooling1D" || cls == "MaxPool1D" || cls == "AvgPool1D") {
    a.emplace(args({"pool_size", "strides", "padding", "data_format"}, {}));
    reject_channels_first(*a);
    const std::int64_t pool = a->integer("pool_size", 2);
    const std::optional<std::int64_t> strides = a->optional_integer("strides");
    const std::string_view padding = a->string("padding", "valid");
    const bool trainable = a->boolean("trainable", true);
    if (cls == "MaxPooling1D" || cls == "MaxPool1D") {
      out.layer = keras::MaxPooling1D{
          .pool_size = pool, .strides = strides, .padding = padding, .trainable = trainable};
    } else {
      out.layer = keras::AveragePooling1D{
          .pool_size = pool, .strides = strides, .padding = padding, .trainable = trainable};
    }
  } else if (cls == "GlobalAveragePooling1D" || cls == "GlobalMaxPooling1D" || cls == "GlobalAvgPool1D" ||
             cls == "GlobalMaxPool1D") {
    a.emplace(args({"data_format", "keepdims"}, {}));
    reject_channels_first(*a);
    const bool keepdims = a->boolean("keepdims", false);
    const bool trainable = a->boolean("trainable", true);
    if (cls == "GlobalMaxPooling1D" || cls == "GlobalMaxPool1D") {
      out.layer = keras::GlobalMaxPooling1D{.keepdims = keepdims, .trainable = trainable};
    } else {
      out.layer = keras::GlobalAveragePooling1D{.keepdims = keepdims, .trainable = trainable};
    }
  } else if (cls == "Bidirectional") {
    a.emplace(args({"layer", "merge_mode", "weights", "backward_layer"}, {}));
    a->reject_if(a->has("backward_layer"), "backward_layer", "a separate backward_layer is not supported");
    const value* inner = a->find("layer");
    if (inner == nullptr) {
      throw syntax_error(call.where, "Bidirectional needs the layer it wraps");
    }
    const keras::layer inner_layer = keras_inner(*inner, cls, placeholder);
    keras::recurrent_layer rnn;
    if (const auto* s = std::get_if<keras::SimpleRNN>(&inner_layer)) {
      rnn = *s;
    } else if (const auto* l = std::get_if<keras::LSTM>(&inner_layer)) {
      rnn = *l;
    } else if (const auto* g = std::get_if<keras::GRU>(&inner_layer)) {
      rnn = *g;
    } else {
      throw syntax_error(inner->where, "Bidirectional wraps a SimpleRNN, LSTM or GRU, not " +
                                           std::string{keras::class_name(inner_layer)});
    }
    const value* merge = a->find("merge_mode");
    a->reject_if(merge != nullptr && merge->type == value::kind::none, "merge_mode",
                 "merge_mode=None gives two outputs, which a Sequential model cannot pass on");
    out.layer = keras::Bidirectional{.layer = rnn,
                                     .merge_mode = a->string("merge_mode", "concat"),
                                     .trainable = a->boolean("trainable", true)};
  } else if (cls == "TimeDistributed") {
    a.emplace(args({"layer"}, {}));
    const value* inner = a->find("layer");
    if (inner == nullptr) {
      throw syntax_error(call.where, "TimeDistributed needs the layer it wraps");
    }
    const keras::layer inner_layer = keras_inner(*inner, cls, placeholder);
    keras::time_distributed_layer td;
    std::visit(
        [&](const auto& x) {
          if constexpr (std::is_same_v<std::remove_cvref_t<decltype(x)>, keras::TimeDistributed>) {
            throw syntax_error(inner->where, "TimeDistributed inside TimeDistributed is not supported");
          } else {
            td = x;
          }
        },
        inner_layer);
    out.layer = keras::TimeDistributed{.layer = td, .trainable = a->boolean("trainable", true)};
  } else {
    static const std::vector<std::string_view> known{"SimpleRNN",
                                                     "LSTM",
                                                     "GRU",
                                                     "Dense",
                                                     "Embedding",
                                                     "Conv1D",
                                                     "BatchNormalization",
                                                     "LayerNormalization",
                                                     "Dropout",
                                                     "Flatten",
                                                     "RepeatVector",
                                                     "MaxPooling1D",
                                                     "AveragePooling1D",
                                                     "GlobalAveragePooling1D",
                                                     "GlobalMaxPooling1D",
                                                     "Bidirectional",
                                                     "TimeDistributed",
                                                     "Input",
                                                     "Sequential"};
    throw syntax_error(call.where, "unknown Keras layer '" + std::string{cls} + "'" + suggestion(cls, known));
  }
  if (const value* n = a->find("name"); n != nullptr) {
    if (n->type != value::kind::string) {
      throw syntax_error(n->where, "name must be a string");
    }
    out.name = n->text;
  }
  if (const value* s = a->find("input_shape"); s != nullptr && s->type != value::kind::none) {
    out.input_shape = shape_of(*s, false, placeholder);
  } else if (const value* b = a->find("batch_input_shape"); b != nullptr && b->type != value::kind::none) {
    out.input_shape = shape_of(*b, true, placeholder);
  } else if (const value* d = a->find("input_dim"); d != nullptr && d->type != value::kind::none &&
                                                    !std::holds_alternative<keras::Embedding>(out.layer)) {
    out.input_shape = shape{a->integer_of(*d, "input_dim")};
  }
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

const std::vector<std::string_view> torch_known{
    "RNN",        "LSTM",    "GRU",  "Linear", "Embedding", "Conv1d",  "LayerNorm", "BatchNorm1d",
    "Sequential", "Dropout", "ReLU", "Tanh",   "Sigmoid",   "Flatten", "Identity",  "Softmax"};

bool parameter_free_torch_module(std::string_view cls) {
  static constexpr std::array<std::string_view, 9> free{
      "Dropout", "ReLU", "Tanh", "Sigmoid", "Flatten", "Identity", "Softmax", "LogSoftmax", "GELU"};
  return std::find(free.begin(), free.end(), cls) != free.end();
}

std::optional<torch_module> torch_module_of(const value& call, std::optional<std::int64_t> placeholder) {
  const std::string_view cls = strip_prefix(call.text, torch_prefixes);
  const std::vector<std::string_view> factory{"device", "dtype"};
  const auto args = [&](std::vector<std::string_view> positional) {
    return arguments(call, cls, std::move(positional), factory, placeholder);
  };
  if (cls == "RNN" || cls == "LSTM" || cls == "GRU") {
    std::vector<std::string_view> positional{"input_size", "hidden_size", "num_layers"};
    if (cls == "RNN") {
      positional.push_back("nonlinearity");
    }
    for (std::string_view k : {"bias", "batch_first", "dropout", "bidirectional"}) {
      positional.push_back(k);
    }
    if (cls == "LSTM") {
      positional.push_back("proj_size");
    }
    const arguments a = args(positional);
    const std::int64_t input_size = a.integer("input_size");
    const std::int64_t hidden_size = a.integer("hidden_size");
    const std::int64_t num_layers = a.integer("num_layers", 1);
    const bool bias = a.boolean("bias", true);
    const bool batch_first = a.boolean("batch_first", false);
    const double dropout = a.number("dropout", 0.0);
    const bool bidirectional = a.boolean("bidirectional", false);
    if (cls == "RNN") {
      return torch::RNN{.input_size = input_size,
                        .hidden_size = hidden_size,
                        .num_layers = num_layers,
                        .nonlinearity = a.string("nonlinearity", "tanh"),
                        .bias = bias,
                        .batch_first = batch_first,
                        .dropout = dropout,
                        .bidirectional = bidirectional};
    }
    if (cls == "LSTM") {
      return torch::LSTM{.input_size = input_size,
                         .hidden_size = hidden_size,
                         .num_layers = num_layers,
                         .bias = bias,
                         .batch_first = batch_first,
                         .dropout = dropout,
                         .bidirectional = bidirectional,
                         .proj_size = a.integer("proj_size", 0)};
    }
    return torch::GRU{.input_size = input_size,
                      .hidden_size = hidden_size,
                      .num_layers = num_layers,
                      .bias = bias,
                      .batch_first = batch_first,
                      .dropout = dropout,
                      .bidirectional = bidirectional};
  }
  if (cls == "Linear") {
    const arguments a = args({"in_features", "out_features", "bias"});
    return torch::Linear{.in_features = a.integer("in_features"),
                         .out_features = a.integer("out_features"),
                         .bias = a.boolean("bias", true)};
  }
  if (cls == "Embedding") {
    const arguments a = args({"num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type",
                              "scale_grad_by_freq", "sparse", "_weight", "_freeze"});
    a.reject_if(a.has("_weight"), "_weight", "_weight is not supported");
    torch::Embedding e{.num_embeddings = a.integer("num_embeddings"),
                       .embedding_dim = a.integer("embedding_dim")};
    e.padding_idx = a.optional_integer("padding_idx");
    return e;
  }
  if (cls == "Conv1d") {
    const arguments a = args({"in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation",
                              "groups", "bias", "padding_mode"});
    torch::Conv1d c{.in_channels = a.integer("in_channels"),
                    .out_channels = a.integer("out_channels"),
                    .kernel_size = a.integer("kernel_size")};
    c.stride = a.integer("stride", 1);
    if (const value* p = a.find("padding"); p != nullptr && p->type == value::kind::string) {
      c.padding = torch::conv_padding{intern(p->text)};
    } else {
      c.padding = a.integer("padding", 0);
    }
    c.dilation = a.integer("dilation", 1);
    c.groups = a.integer("groups", 1);
    c.bias = a.boolean("bias", true);
    c.padding_mode = a.string("padding_mode", "zeros");
    return c;
  }
  if (cls == "LayerNorm") {
    const arguments a = args({"normalized_shape", "eps", "elementwise_affine"});
    const value* ns = a.find("normalized_shape");
    if (ns == nullptr) {
      throw syntax_error(call.where, "LayerNorm needs 'normalized_shape'");
    }
    return torch::LayerNorm{.normalized_shape = shape_of(*ns, false, placeholder),
                            .eps = a.number("eps", 1e-5),
                            .elementwise_affine = a.boolean("elementwise_affine", true)};
  }
  if (cls == "BatchNorm1d") {
    const arguments a = args({"num_features", "eps", "momentum", "affine", "track_running_stats"});
    return torch::BatchNorm1d{.num_features = a.integer("num_features"),
                              .eps = a.number("eps", 1e-5),
                              .affine = a.boolean("affine", true),
                              .track_running_stats = a.boolean("track_running_stats", true)};
  }
  if (parameter_free_torch_module(cls)) {
    return std::nullopt;
  }
  throw syntax_error(call.where,
                     "unknown PyTorch module '" + std::string{cls} + "'" + suggestion(cls, torch_known));
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
    std::visit([](const auto& m) { (void)m.count_params(); }, *module);
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
    throw syntax_error(last, "no PyTorch module with parameters found");
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
