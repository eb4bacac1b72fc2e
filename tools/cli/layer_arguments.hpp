// tools/cli/layer_arguments.hpp: one keyword reader for every front end, driven by each layer's describe().
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/type_list.hpp>
#include <rnnparams/keras.hpp>
#include <rnnparams/torch.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace rnnparams::cli {

/// Keyword arguments every Keras layer takes (Layer.__init__'s **kwargs); `trainable` sets the
/// layer's own field, `name` its name, the input-shape keywords the model's input, and the rest change
/// nothing rnnparams counts.
inline const std::vector<std::string_view> keras_common_keywords{
    "name",       "trainable", "dtype",    "input_shape",         "batch_input_shape",
    "batch_size", "input_dim", "autocast", "activity_regularizer"};

/// A layer's signature as its describe() gives it: the keywords by position, then the keyword-only ones.
struct signature {
  std::vector<std::string_view> positional;
  std::vector<std::string_view> keyword_only;
  std::vector<std::string_view> aliases;

  template <class T>
  void field(std::string_view key, T /*member*/, detail::arg options = {}) {
    add(key, options);
  }
  void ignored(std::string_view key, detail::arg options = {}) { add(key, options); }
  void unsupported(std::string_view key, std::string_view /*why*/, detail::arg options = {}) {
    add(key, options);
  }
  void only(std::string_view key, std::string_view /*value*/, std::string_view /*why*/) { add(key, {}); }
  void last_axis(std::string_view key) { add(key, {}); }
  void input_length(std::string_view key) { add(key, {.keyword_only = true}); }
  void backward_layer(std::string_view key) { add(key, {}); }
  void only_true(std::string_view key, std::string_view /*why*/, detail::arg options = {}) {
    add(key, options);
  }
  void float32_only(std::string_view key, detail::arg options = {}) { add(key, options); }
  void alias(std::string_view name) { aliases.push_back(name); }

private:
  void add(std::string_view key, detail::arg options) {
    (options.keyword_only ? keyword_only : positional).push_back(key);
  }
};

/// The signature of a layer class, from its describe().
template <class Layer>
const signature& signature_of() {
  static const signature s = [] {
    signature out;
    Layer::describe(out);
    return out;
  }();
  return s;
}

/// "a, b or c" (or "a, b and c"): names for a message.
std::string join_names(const std::vector<std::string_view>& names, std::string_view last_separator);

/// "SimpleRNN, LSTM or GRU": the classes a wrapper's layer can be, for messages.
template <class OneOf>
std::string alternatives_text() {
  return []<class... Ts>(detail::type_list<Ts...> /*types*/) {
    return join_names({Ts::class_name...}, " or ");
  }(typename OneOf::types{});
}

/// `inner` as an alternative of OneOf, or nullopt when OneOf does not hold its class.
template <class OneOf>
std::optional<OneOf> as_alternative(const keras::layer& inner) {
  return rnnparams::visit(
      [](const auto& x) -> std::optional<OneOf> {
        using type = std::remove_cvref_t<decltype(x)>;
        if constexpr (detail::contains<type, typename OneOf::types>) {
          return OneOf{x};
        } else {
          return std::nullopt;
        }
      },
      inner);
}

/// Reads a layer's arguments from a Source by walking Layer::describe(). The Source reads one value
/// by keyword, in its own format and with its own messages:
///   integer(key, fallback, one_tuple), optional_integer(key, fallback, one_tuple), boolean(key, fallback),
///   number(key, fallback), optional_number(key, fallback), string(key, fallback, none_as),
///   integer_tuple(key, fallback, one_integer), integers(key, fallback, count) (an integer for `count`
///   equal ones, or a tuple of `count`: a 2-D window's sizes), optional_integers(key, fallback, count),
///   holds_string(key), sizes(key, fallback) -> shape,
///   only_true(key, why, since), float32_only(key), wrapped(key, required, inner_shape) -> optional layer
///   (inner_shape: what the wrapped layer sees of the input, nullptr for the same), not_wrappable(key, inner,
///   accepted), unsupported(key, why), only(key, value, why), last_axis(key), input_length(key),
///   different_backward_layer(key, what) (what: "class", a keyword or "trainable"), and for PyTorch modules
///   made of modules module(key, required) -> optional torch::module and not_module(key, module,
///   expected_class).
/// A std::nullopt fallback means the argument is required.
template <class Layer, class Source>
class argument_reader : public detail::argument_probe { // ignored() and alias() set nothing
public:
  argument_reader(const Source& source, Layer& layer) : source_{source}, layer_{layer} {}

  template <class T>
  void field(std::string_view key, T Layer::* member, detail::arg options = {}) {
    T& value = layer_.*member;
    const auto fallback = [&]<class V>(const V& v) -> std::optional<V> {
      return options.required ? std::nullopt : std::optional<V>{v};
    };
    if constexpr (std::is_same_v<T, std::int64_t>) {
      value = source_.integer(key, fallback(value), options.one_tuple);
    } else if constexpr (std::is_same_v<T, rnnparams::optional<std::int64_t>>) {
      value = source_.optional_integer(key, value, options.one_tuple);
    } else if constexpr (std::is_same_v<T, bool>) {
      value = source_.boolean(key, value, options.absent_from_old_configs_means_false);
    } else if constexpr (std::is_same_v<T, double>) {
      value = source_.number(key, fallback(value));
    } else if constexpr (std::is_same_v<T, rnnparams::optional<double>>) {
      value = source_.optional_number(key, value);
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      value = source_.string(key, value, options.none_as);
    } else if constexpr (std::is_same_v<T, int_tuple>) {
      value = source_.integer_tuple(key, fallback(value), options.one_tuple);
    } else if constexpr (std::is_same_v<T, shape>) {
      value = source_.sizes(key, fallback(value));
    } else if constexpr (is_fixed_ints<T>::value) {
      value = fixed_of<T::size()>(source_.integers(key, fallback(tuple_of(value)), T::size()));
    } else if constexpr (is_fixed_ints<typename optional_of<T>::type>::value) {
      constexpr std::size_t n = optional_of<T>::type::size();
      const std::optional<int_tuple> read =
          source_.optional_integers(key, value ? std::optional{tuple_of(*value)} : std::nullopt, n);
      value = read ? T{fixed_of<n>(*read)} : T{std::nullopt};
    } else if constexpr (is_conv_padding<T>::value) {
      constexpr std::size_t n = T::axes;
      if (source_.holds_string(key)) {
        value = T{source_.string(key, value.mode(), options.none_as)};
      } else if constexpr (n == 1) {
        value = T{source_.integer(key, fallback(value.amount()), options.one_tuple)};
      } else {
        value = T{fixed_of<n>(source_.integers(key, fallback(tuple_of(value.amounts())), n))};
      }
    } else if constexpr (std::is_same_v<T, keras::rnn_cell>) {
      value = source_.rnn_cell(key); // RNN's cell: one cell, a list of them or StackedRNNCells
    } else if constexpr (detail::contains<T, torch::module_types>) {
      // a module made of modules takes one (TransformerEncoder's encoder_layer)
      if (const std::optional<torch::module> inner = source_.module(key, options.required)) {
        if (!rnnparams::holds_alternative<T>(*inner)) {
          source_.not_module(key, *inner, T::class_name);
        }
        value = rnnparams::get<T>(*inner);
      }
    } else if constexpr (detail::contains<typename optional_of<T>::type, torch::module_types>) {
      // None or a module (TransformerEncoder's norm)
      using held = typename optional_of<T>::type;
      const std::optional<torch::module> inner = source_.module(key, false);
      if (inner && !rnnparams::holds_alternative<held>(*inner)) {
        source_.not_module(key, *inner, held::class_name);
      }
      value = inner ? T{rnnparams::get<held>(*inner)} : T{std::nullopt};
    } else {
      const std::optional<keras::layer> inner = source_.wrapped(key, options.required, inner_shape());
      if (inner) {
        std::optional<T> held = as_alternative<T>(*inner);
        if (!held) {
          source_.not_wrappable(key, *inner, alternatives_text<T>());
        }
        value = *held;
      }
    }
  }
  void unsupported(std::string_view key, std::string_view why, detail::arg /*options*/ = {}) {
    source_.unsupported(key, why);
  }
  void only(std::string_view key, std::string_view value, std::string_view why) {
    source_.only(key, value, why);
  }
  void last_axis(std::string_view key) { source_.last_axis(key); }
  void input_length(std::string_view key) { source_.input_length(key); }
  void only_true(std::string_view key, std::string_view why, detail::arg options = {}) {
    source_.only_true(key, why, options.since);
  }
  void float32_only(std::string_view key, detail::arg /*options*/ = {}) { source_.float32_only(key); }
  void backward_layer(std::string_view key) {
    // Keras 3 writes the backward copy out; rnnparams counts two copies of `layer`, so it must match.
    const std::optional<keras::layer> inner = source_.wrapped(key, false, inner_shape());
    if (!inner) {
      return;
    }
    if constexpr (requires { layer_.layer; }) {
      using held = std::remove_cvref_t<decltype(layer_.layer)>;
      const std::optional<held> copy = as_alternative<held>(*inner);
      if (!copy) {
        source_.not_wrappable(key, *inner, alternatives_text<held>());
      }
      if (const std::optional<std::string_view> what = first_difference(layer_.layer, *copy)) {
        source_.different_backward_layer(key, *what);
      }
    }
  }

private:
  template <class T>
  struct is_fixed_ints : std::false_type {};
  template <std::size_t N>
  struct is_fixed_ints<fixed_ints<N>> : std::true_type {};
  template <class T>
  struct optional_of {
    using type = void;
  };
  template <class T>
  struct optional_of<rnnparams::optional<T>> {
    using type = T;
  };
  template <class T>
  struct is_conv_padding : std::false_type {};
  template <std::size_t N>
  struct is_conv_padding<torch::basic_conv_padding<N>> : std::true_type {};

  /// A window's sizes as the tuple a Source reads and writes.
  template <std::size_t N>
  static int_tuple tuple_of(const fixed_ints<N>& sizes) {
    int_tuple t;
    for (const std::int64_t v : sizes) {
      t.push_back(v);
    }
    return t;
  }
  /// The N integers a Source's integers() read (exactly N).
  template <std::size_t N>
  static fixed_ints<N> fixed_of(const int_tuple& t) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return fixed_ints<N>{t[I]...};
    }(std::make_index_sequence<N>{});
  }

  /// What a wrapper's layer sees for the wrapper's input: TimeDistributed's step_shape, or the same.
  static constexpr shape (*inner_shape())(const shape&) {
    if constexpr (requires(const shape& s) { Layer::step_shape(s); }) {
      return &Layer::step_shape;
    } else {
      return nullptr;
    }
  }

  /// Where two layers of a one_of differ: "class", the keyword of the first described field whose
  /// values differ, or "trainable"; nullopt when they are the same.
  template <class Variant>
  static std::optional<std::string_view> first_difference(const Variant& a, const Variant& b) {
    if (a.index() != b.index()) {
      return "class";
    }
    return rnnparams::visit(
        [&](const auto& x) -> std::optional<std::string_view> {
          using type = std::remove_cvref_t<decltype(x)>;
          const type& y = rnnparams::get<type>(b);
          field_comparer<type> compare{{}, x, y, std::nullopt};
          type::describe(compare);
          if (!compare.difference && x.trainable != y.trainable) {
            return "trainable";
          }
          return compare.difference;
        },
        a);
  }
  template <class T>
  struct field_comparer : detail::argument_probe {
    const T& a;
    const T& b;
    std::optional<std::string_view> difference;
    template <class M>
    void field(std::string_view key, M T::* member, detail::arg /*options*/ = {}) {
      if constexpr (requires { a.*member == b.*member; }) {
        if (!difference && !(a.*member == b.*member)) {
          difference = key;
        }
      }
    }
  };

  const Source& source_;
  Layer& layer_;
};

/// A cell of Keras's RNN by its class name ("LSTMCell"), read by read(std::type_identity<Cell>{}) (a function
/// of the Source); nullopt for a name that is not a cell.
template <class Read>
std::optional<keras::keras_cell> read_keras_cell(std::string_view class_name, const Read& read) {
  std::optional<keras::keras_cell> out;
  [&]<class... Cells>(detail::type_list<Cells...> /*cells*/) {
    ((class_name == Cells::class_name ? static_cast<void>(out = read(std::type_identity<Cells>{}))
                                      : static_cast<void>(0)),
     ...);
  }(typename keras::keras_cell::types{});
  return out;
}

/// "SimpleRNNCell, LSTMCell, GRUCell or StackedRNNCells": what RNN runs, for messages.
inline std::string keras_cell_names_text() { return alternatives_text<keras::rnn_cell>(); }

/// A Layer read from a Source: its described arguments, then `trainable` (Keras layers).
template <class Layer, class Source>
Layer read_layer(const Source& source) {
  Layer layer{};
  argument_reader<Layer, Source> reader{source, layer};
  Layer::describe(reader);
  if constexpr (requires { layer.trainable; }) {
    layer.trainable = source.boolean("trainable", layer.trainable);
  }
  return layer;
}

/// Class names (and the aliases each class describes) of a List to Entry::of<T>(), the function that
/// reads class T in one front end: the dispatch of every reader, derived from keras::layer_types or
/// torch::module_types. Entry has `using function = ...;` and `template <class T> static function of();`.
template <class Entry, class List>
const std::map<std::string, typename Entry::function, std::less<>>& class_dispatch() {
  static const auto table = []<class... Ts>(detail::type_list<Ts...>) {
    std::map<std::string, typename Entry::function, std::less<>> t;
    const auto add = [&]<class T>(std::type_identity<T>) {
      t.emplace(std::string{T::class_name}, Entry::template of<T>());
      for (std::string_view alias : signature_of<T>().aliases) {
        t.emplace(std::string{alias}, Entry::template of<T>());
      }
    };
    (add(std::type_identity<Ts>{}), ...);
    return t;
  }(List{});
  return table;
}

/// The dispatch of every Keras reader.
template <class Entry>
const std::map<std::string, typename Entry::function, std::less<>>& keras_dispatch() {
  return class_dispatch<Entry, keras::layer_types>();
}
/// The dispatch of every PyTorch reader.
template <class Entry>
const std::map<std::string, typename Entry::function, std::less<>>& torch_dispatch() {
  return class_dispatch<Entry, torch::module_types>();
}

/// "SimpleRNN, LSTM, GRU, ... and TimeDistributed": every Keras class rnnparams models, for messages.
std::string keras_class_names_text();
/// Every Keras class name and alias rnnparams reads, for suggestions.
const std::vector<std::string_view>& keras_class_names();
/// "RNN, LSTM, GRU, ... and BatchNorm1d": every PyTorch class rnnparams models, for messages.
std::string torch_class_names_text();
/// Every PyTorch class name rnnparams reads, for suggestions.
const std::vector<std::string_view>& torch_class_names();

} // namespace rnnparams::cli
