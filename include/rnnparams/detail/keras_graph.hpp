// rnnparams/detail/keras_graph.hpp: the graph of layer calls every Keras model is (Sequential, keras::model,
// Functional): its layers, its calls, their checks, names and per-layer queries. SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/static_vector.hpp>
#include <rnnparams/dtype.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace rnnparams::keras {

/// One layer of a model, with everything summary() shows of it.
struct layer_info {
  /// Keras's automatic name: "simple_rnn", "simple_rnn_1", ... numbered per class within the model.
  rnnparams::detail::fixed_string<63> name;
  std::string_view class_name;
  shape input_shape;
  shape output_shape;
  weight_list weights;
  std::uint64_t params = 0;
  std::uint64_t trainable_params = 0;
  std::uint64_t non_trainable_params = 0;
  /// The layer's own `trainable` setting (Keras's layer.trainable).
  bool trainable = true;
  /// Multiply-accumulates per sample; nullopt when a needed dimension is None.
  rnnparams::optional<std::uint64_t> macs;
};

/// One inbound connection of a layer call, as Keras's summary writes it: `name[node][tensor]`.
struct connection {
  rnnparams::detail::fixed_string<63> layer;
  std::uint32_t node = 0;
  std::uint32_t tensor = 0;
};

} // namespace rnnparams::keras

namespace rnnparams::detail {

/// Keras's automatic name for the ordinal-th layer of its class: "lstm", "lstm_1", ...
constexpr fixed_string<63> keras_auto_name(std::string_view stem, std::uint64_t ordinal) {
  fixed_string<63> name{stem};
  if (ordinal != 0) {
    name.append("_").append_decimal(ordinal);
  }
  return name;
}

/// Run time only, in a handler: runs `cleanup`, then throws the error in flight again, as its own type
/// (overflow_error or invalid_model), with the parts of `prefix` before its text; any other exception
/// goes on as it is. How every model puts a layer's position or name in front of its message.
template <class Cleanup>
[[noreturn]] void keras_rethrow_with(const std::array<std::string_view, 5>& prefix, Cleanup cleanup) {
  try {
    throw;
  } catch (const rnnparams::overflow_error& e) {
    cleanup();
    throw rnnparams::overflow_error({prefix[0], prefix[1], prefix[2], prefix[3], prefix[4], e.what()});
  } catch (const invalid_model& e) {
    cleanup();
    throw invalid_model({prefix[0], prefix[1], prefix[2], prefix[3], prefix[4], e.what()});
  } catch (...) {
    cleanup();
    throw;
  }
}

/// What summary() shows of layer `l` named `name`, for its input and output shapes: a keras::layer on one
/// shape, or a layer called on a list (keras::multi_input_layer) on its inputs' shapes, whose first is the
/// input shape shown.
template <class Layer, class Input>
constexpr keras::layer_info keras_layer_info(const fixed_string<63>& name, const Layer& l, const Input& input,
                                             const shape& output) {
  // Unqualified, so that argument-dependent lookup finds the overloads for a multi_input_layer, which
  // keras/multi_input_list.hpp declares (in TUs that include it) after this header.
  using keras::class_name;
  using keras::macs;
  using keras::weights;
  keras::layer_info result;
  result.name = name;
  result.class_name = class_name(l);
  if constexpr (std::is_same_v<Input, shape>) {
    result.input_shape = input;
  } else {
    result.input_shape = input[0];
  }
  result.output_shape = output;
  result.weights = weights(l, input);
  result.params = result.weights.count();
  result.trainable_params = result.weights.trainable_count();
  result.non_trainable_params = result.weights.non_trainable_count();
  result.trainable = rnnparams::visit([](const auto& x) { return x.trainable; }, l);
  result.macs = macs(l, input);
  return result;
}

/// The totals every Keras model answers (Sequential, keras::model, Functional): the counts of its
/// weights, a shared layer's once, and their bytes.
class keras_counts {
public:
  /// Keras's model.count_params(): every weight of every layer.
  [[nodiscard]] constexpr std::uint64_t count_params() const noexcept { return params_; }
  /// The sum of the trainable weights.
  [[nodiscard]] constexpr std::uint64_t trainable_params() const noexcept { return trainable_; }
  /// The sum of the non-trainable weights (BatchNormalization statistics, frozen layers).
  [[nodiscard]] constexpr std::uint64_t non_trainable_params() const noexcept { return params_ - trainable_; }

  /// The bytes the weights take in `type`.
  [[nodiscard]] constexpr std::uint64_t weight_bytes(dtype type = dtype::float32) const {
    return rnnparams::weight_bytes(params_, type);
  }

protected:
  /// Adds one layer's weights (all of them, and the trainable part) to the totals.
  constexpr void add_weights(std::uint64_t all, std::uint64_t trainable, std::string_view who) {
    params_ = checked_add(params_, all, who);
    trainable_ = checked_add(trainable_, trainable, who);
  }

private:
  std::uint64_t params_ = 0;
  std::uint64_t trainable_ = 0;
};

/// The most tensors one call takes (inputs, then initial states) and returns ([output, h, c] of each
/// direction of a Bidirectional LSTM).
inline constexpr std::size_t keras_max_call_inputs = 8;
inline constexpr std::size_t keras_max_call_outputs = 5;

/// A tensor inside the graph: output `index` of call `node`.
struct keras_tensor_ref {
  std::uint32_t node = 0;
  std::uint32_t index = 0;
  friend constexpr bool operator==(const keras_tensor_ref&, const keras_tensor_ref&) = default;
};

/// One call of a layer (an Input is a call without inputs), with room for MaxInputs input tensors and
/// MaxOutputs outputs: a chain's call (Sequential, keras::model) has one of each, which keeps a deep
/// model's constant evaluation cheap; a Functional's has room for initial states and returned states.
template <std::size_t MaxInputs = keras_max_call_inputs, std::size_t MaxOutputs = keras_max_call_outputs>
struct keras_graph_call {
  std::uint32_t layer = 0;
  /// Which call of its layer this is: the `node` of `name[node][tensor]`.
  std::uint32_t ordinal = 0;
  static_vector<keras_tensor_ref, MaxInputs> inputs;
  static_vector<shape, MaxOutputs> outputs;
  /// Whether the model's outputs need it, and its depth there (Keras's nodes_by_depth key: the longest
  /// path to an output).
  bool in_model = false;
  std::uint64_t depth = 0;
};

/// One layer of the graph: a keras::layer, a layer called on a list of tensors (which Functional keeps
/// beside it) when `takes_a_list`, or an InputLayer when `is_input`.
struct keras_graph_layer {
  /// Layers of one kind are numbered together in their automatic names: a keras::layer's index in
  /// keras::layer_types, a list layer's index after those, or input_kind.
  static constexpr std::uint32_t input_kind = 0xFFFFFFFFU;
  /// Makes an InputLayer's record.
  struct input_tag {};

  constexpr keras_graph_layer() = default;
  constexpr explicit keras_graph_layer(input_tag /*tag*/) : is_input{true}, kind{input_kind} {}
  /// The record of `what`, a keras::layer or a layer of a known class, not yet called.
  template <class Layer>
  constexpr explicit keras_graph_layer(const Layer& what) : layer{what}, kind{kind_of(what)} {}

  template <class Layer>
  static constexpr std::uint32_t kind_of(const Layer& what) noexcept {
    if constexpr (std::is_same_v<Layer, keras::layer>) {
      return static_cast<std::uint32_t>(what.index());
    } else {
      return static_cast<std::uint32_t>(index_of<Layer, keras::layer_types>);
    }
  }

  keras::layer layer{};
  bool is_input = false;
  bool takes_a_list = false;
  std::uint32_t kind = 0;
  /// Its own name (Keras's name=), or empty for the automatic one.
  fixed_string<63> own_name;
  /// A layer called on a list: the stem of its automatic names ("concatenate"), and its index in
  /// Functional's list of them.
  std::string_view list_stem;
  std::uint32_t list = 0;
  std::uint32_t calls = 0;
  /// Its weights' counts, from its first call.
  std::uint64_t params = 0;
  std::uint64_t trainable_params = 0;
};

/// Where a graph keeps its layers, calls and order: inline, at most N of each, usable in constant
/// expressions (Sequential<N>, Functional<N>). keras/model.hpp has a growing one.
/// Call is the call record: keras_graph_call<1, 1> for a chain.
template <std::size_t N, class Call = keras_graph_call<>>
struct keras_fixed_store {
  template <class T>
  using type = static_vector<T, N>;
  using call = Call;
};

/// The graph of layer calls every Keras model is, as Keras's Functional (whose subclass Sequential is)
/// keeps it: the layers in the order they were made, every call with its input tensors and output
/// shapes, and the model's layers in Keras's order. Sequential and keras::model are graphs that chain
/// each layer to the one before (keras_stack below); Functional (keras/functional.hpp) adds layers called
/// on lists and Keras's map_graph. Store says where the lists live (keras_fixed_store<N>, or
/// keras/model.hpp's growing one). The queries take a layer's index in the model's order.
template <class Store>
class keras_graph : public keras_counts {
public:
  /// Multiply-accumulates per sample over every call of one input (a shared layer's for each); none when
  /// one is unknown. `list_macs(call)` gives a call of a layer called on a list.
  template <class ListMacs>
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs_with(const ListMacs& list_macs,
                                                                       std::string_view who) const {
    std::uint64_t total = 0;
    for (std::size_t n = 0; n < calls_.size(); ++n) {
      const call_type& c = calls_[n];
      const keras_graph_layer& l = layers_[c.layer];
      if (!c.in_model || l.is_input) {
        continue;
      }
      const rnnparams::optional<std::uint64_t> m =
          l.takes_a_list ? list_macs(c) : keras::macs(l.layer, shape_of(c.inputs[0]));
      if (!m) {
        return std::nullopt;
      }
      total = checked_add(total, *m, who);
    }
    return total;
  }

protected:
  using layers_type = typename Store::template type<keras_graph_layer>;
  using call_type = typename Store::call;
  using calls_type = typename Store::template type<call_type>;

  /// `who` starts the messages of the model's own errors ("rnnparams::keras::Functional").
  constexpr explicit keras_graph(std::string_view who) noexcept : who_{who} {}
  /// A graph that starts with an InputLayer, then `layers` (Sequential's, known up front), not yet
  /// called, each record made in place.
  template <class... Layers>
  constexpr keras_graph(std::string_view who, std::in_place_t /*tag*/, const Layers&... layers)
      : layers_{std::in_place, keras_graph_layer::input_tag{}, layers...}, who_{who} {}

  /// An InputLayer of `input_shape` named `name` (empty: automatic), and its call; returns the call.
  constexpr std::uint32_t add_input(const shape& input_shape, std::string_view name) {
    keras_graph_layer& l = new_layer();
    l = keras_graph_layer{keras_graph_layer::input_tag{}};
    l.own_name = fixed_string<63>{name};
    return add_input_call(static_cast<std::uint32_t>(layers_.size() - 1), input_shape);
  }

  /// The call of InputLayer `index`, which outputs `input_shape`; returns it.
  constexpr std::uint32_t add_input_call(std::uint32_t index, const shape& input_shape) {
    call_type& c = new_call();
    c.layer = index;
    c.outputs.push_back(input_shape, who_);
    return static_cast<std::uint32_t>(calls_.size() - 1);
  }

  /// A layer, not yet called; returns its index.
  template <class Layer>
  constexpr std::uint32_t add_layer_of(const Layer& what, std::string_view name) {
    keras_graph_layer& l = new_layer();
    l = keras_graph_layer{what};
    if (!name.empty()) {
      l.own_name = fixed_string<63>{name};
    }
    return static_cast<std::uint32_t>(layers_.size() - 1);
  }

  /// A new default layer record at the end, to be filled in place.
  constexpr keras_graph_layer& new_layer() {
    if (layers_.size() == layers_.capacity()) {
      // error here: raise the capacity, Functional<N> with N >= the number of layer calls
      // clang-format off
      report_invalid(who_, "more layers than this model's capacity: use Functional<N> with a larger N");
      // clang-format on
    }
    return layers_.emplace_back(who_);
  }

  /// A new default call record at the end, to be filled in place.
  constexpr call_type& new_call() {
    if (calls_.size() == calls_.capacity()) {
      // error here: raise the capacity, Functional<N> with N >= the number of layer calls
      // clang-format off
      report_invalid(who_, "more layer calls than this model's capacity: use Functional<N> with a larger N");
      // clang-format on
    }
    return calls_.emplace_back(who_);
  }

  /// Fills `c` with the call of layer `index` (`what`, of its own class or a keras::layer) on tensor `in`,
  /// checked against the layer (its first call builds its weights), with its output; Functional adds a
  /// recurrent layer's initial states and states, then commit_call. A chain fills its new_call() in place.
  template <class Layer>
  constexpr void make_call(call_type& c, std::uint32_t index, const Layer& what, keras_tensor_ref in) {
    constexpr std::string_view who = keras_who_of<Layer>();
    keras_graph_layer& l = layers_[index];
    c.layer = index;
    c.ordinal = l.calls;
    c.inputs.push_back(in, who);
    const shape& input = shape_of(in);
    if (c.ordinal == 0) { // the first call builds the weights; Functional checks a shared layer's later calls
      const weight_sums sums = keras_apply(what, [&](const auto& x) { return keras_weight_sums(x, input); });
      l.params = sums.all();
      l.trainable_params = sums.trainable();
    }
    c.outputs.push_back(keras_apply(what, [&](const auto& x) { return x.compute_output_shape(input); }), who);
  }

  /// Adds call `c` of its layer, made by make_call; returns its index.
  constexpr std::uint32_t commit_call(const call_type& c) {
    ++layers_[c.layer].calls;
    new_call() = c;
    return static_cast<std::uint32_t>(calls_.size() - 1);
  }

  /// "rnnparams::keras::LSTM" for a layer of a known class; for a keras::layer, its model's name (the
  /// class is named by the model's error prefix).
  template <class Layer>
  static constexpr std::string_view keras_who_of() noexcept {
    if constexpr (std::is_same_v<Layer, keras::layer>) {
      return "rnnparams::keras::layer";
    } else {
      return Layer::who;
    }
  }

  [[nodiscard]] constexpr const shape& shape_of(const keras_tensor_ref& t) const {
    return calls_[t.node].outputs[t.index];
  }

  /// The first call of layer `index`, in the model or not: the one its weights were built for.
  [[nodiscard]] constexpr std::uint32_t first_call_ever(std::uint32_t index) const {
    for (std::size_t n = 0; n < calls_.size(); ++n) {
      if (calls_[n].layer == index) {
        return static_cast<std::uint32_t>(n);
      }
    }
    return 0;
  }

  /// The input of the first call of layer `index` (of one input), which its weights were built for.
  [[nodiscard]] constexpr const shape& built_on(std::uint32_t index) const {
    return shape_of(calls_[first_call_ever(index)].inputs[0]);
  }

  /// The first call of layer `index` in the model (else its first call ever).
  [[nodiscard]] constexpr std::uint32_t first_call(std::uint32_t index) const {
    for (std::size_t n = 0; n < calls_.size(); ++n) {
      if (calls_[n].layer == index && calls_[n].in_model) {
        return static_cast<std::uint32_t>(n);
      }
    }
    return first_call_ever(index);
  }

  /// The model's i-th layer (Keras's model.layers[i]) with its name, shapes (of its first call), weights
  /// and counts; a layer called on a list is not one (Functional describes those).
  [[nodiscard]] constexpr keras::layer_info info_of(std::uint32_t index) const {
    const keras_graph_layer& l = layers_[index];
    const shape& output = calls_[first_call(index)].outputs[0];
    if (!l.is_input) { // built on its first call's input
      return keras_layer_info(name_of(index), l.layer, built_on(index), output);
    }
    keras::layer_info result; // an InputLayer: no weights, and its output is its input
    result.name = name_of(index);
    result.class_name = "InputLayer";
    result.input_shape = output;
    result.output_shape = output;
    result.macs = 0;
    return result;
  }

  /// Keras's name of layer `index`: its own, or its class's stem numbered among the automatically named
  /// layers of that kind made before it ("input_layer", "input_layer_1", "lstm", "lstm_1", ...); a layer
  /// wrapped in a Bidirectional or TimeDistributed was named too. `stem` is the stem of its class.
  [[nodiscard]] constexpr fixed_string<63> name_of(std::uint32_t index, std::string_view stem) const {
    const keras_graph_layer& l = layers_[index];
    if (!l.own_name.empty()) {
      return l.own_name;
    }
    const bool plain = !l.is_input && !l.takes_a_list;
    const std::string_view cls = plain ? keras::class_name(l.layer) : std::string_view{};
    std::uint64_t ordinal = 0;
    for (std::uint32_t j = 0; j < index; ++j) {
      const keras_graph_layer& other = layers_[j];
      ordinal += other.kind == l.kind && other.is_input == l.is_input &&
                         other.takes_a_list == l.takes_a_list && other.own_name.empty()
                     ? 1U
                     : 0U;
      if (plain && !other.is_input && !other.takes_a_list) {
        ordinal += keras_wrapped_of_class(other.layer, cls); // Bidirectional(LSTM(...)) named an LSTM
      }
    }
    return keras_auto_name(stem, ordinal);
  }

  /// name_of(index, stem) with the stem of its class: an InputLayer's, a list layer's own, or a
  /// keras::layer's from the table.
  [[nodiscard]] constexpr fixed_string<63> name_of(std::uint32_t index) const {
    const keras_graph_layer& l = layers_[index];
    const std::string_view stem = l.is_input       ? std::string_view{"input_layer"}
                                  : l.takes_a_list ? l.list_stem
                                                   : keras::default_name(l.layer);
    return name_of(index, stem);
  }

  layers_type layers_{};
  calls_type calls_{};
  std::string_view who_;
};

} // namespace rnnparams::detail
