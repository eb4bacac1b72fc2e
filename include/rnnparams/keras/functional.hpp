// rnnparams/keras/functional.hpp: Keras's functional API, a graph of layers, usable in constant expressions.
// SPDX-License-Identifier: MIT
#pragma once

// Kept out of <rnnparams/rnnparams.hpp>, as keras/model.hpp is: a TU that does not build graphs does
// not pay for them.
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/static_vector.hpp>
#include <rnnparams/dtype.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/keras/multi_input_list.hpp>
#include <rnnparams/keras/sequential.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <type_traits>

namespace rnnparams::keras {

/// A symbolic tensor of a Functional model under construction (Keras's KerasTensor): output `index`
/// of the `node`-th layer call of the model at `owner`. Only the model that made it accepts it.
struct tensor {
  const void* owner = nullptr;
  std::uint32_t node = 0;
  std::uint32_t index = 0;
};

/// The tensors given as `initial_state=` to a recurrent layer: [h] for SimpleRNN and GRU, [h, c] for
/// LSTM; a Bidirectional layer takes the forward states, then the backward ones.
struct initial_state {
  static constexpr std::size_t max_states = 4;
  constexpr initial_state() = default;
  constexpr initial_state(std::initializer_list<tensor> states) : tensors{states, who} {}

  static constexpr std::string_view who = "rnnparams::keras::initial_state";
  rnnparams::detail::static_vector<tensor, max_states> tensors;
};

/// One inbound connection of a layer call, as Keras's summary writes it: `name[node][tensor]`.
struct connection {
  rnnparams::detail::fixed_string<63> layer;
  std::uint32_t node = 0;
  std::uint32_t tensor = 0;
};

} // namespace rnnparams::keras

namespace rnnparams::detail {

inline constexpr std::string_view keras_functional_who = "rnnparams::keras::Functional";

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

/// One call of a layer (an Input is a call without inputs).
struct keras_graph_call {
  std::uint32_t layer = 0;
  /// Which call of its layer this is: the `node` of `name[node][tensor]`.
  std::uint32_t ordinal = 0;
  static_vector<keras_tensor_ref, keras_max_call_inputs> inputs;
  static_vector<shape, keras_max_call_outputs> outputs;
};

/// One layer of the graph: a keras::layer, a layer called on a list of tensors (`merge`) when
/// `takes_a_list`, or an InputLayer when `is_input`.
struct keras_graph_layer {
  keras::layer layer{};
  keras::multi_input_layer merge{};
  bool is_input = false;
  bool takes_a_list = false;
  /// Its own name (Keras's name=), or empty for the automatic one.
  fixed_string<63> own_name;
  /// The input of its first call (of one input): the layer's weights are built for it. A layer called
  /// on a list is built on its first call's inputs.
  shape built_on;
  std::uint32_t calls = 0;
};

/// The states a recurrent layer returns with return_state (and takes as initial_state): [h] for
/// SimpleRNN and GRU, [h, c] for LSTM, each (units,); a Bidirectional layer has the wrapped layer's
/// states for each direction. Empty for other layers.
template <class Layer>
constexpr static_vector<shape, 4> keras_state_shapes(const Layer& l) {
  static_vector<shape, 4> states;
  const auto of = [&](const auto& rnn, std::size_t copies) {
    using type = std::remove_cvref_t<decltype(rnn)>;
    if constexpr (requires { rnn.return_state; }) {
      const std::uint64_t u = keras_units(type::who, rnn.units);
      const std::size_t per_copy = std::is_same_v<type, keras::LSTM> ? 2 : 1;
      for (std::size_t i = 0; i < copies * per_copy; ++i) {
        states.push_back(shape{u}, type::who);
      }
    }
  };
  if constexpr (std::is_same_v<Layer, keras::Bidirectional>) {
    rnnparams::visit([&](const auto& rnn) { of(rnn, 2); }, l.layer);
  } else {
    of(l, 1);
  }
  return states;
}

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// What a layer call returns: one tensor, or with return_state=True [output, *states]. Converts to a
/// tensor when it holds one; take the others with [i].
class call_outputs {
public:
  constexpr call_outputs(const void* owner, std::uint32_t node, std::size_t count, std::string_view who)
      : owner_{owner}, node_{node}, count_{count}, who_{who} {}

  [[nodiscard]] constexpr std::size_t size() const noexcept { return count_; }
  /// Output i: 0 is the layer's output; with return_state, 1.. are the states.
  constexpr tensor operator[](std::size_t i) const {
    if (i >= count_) {
      // clang-format off
      rnnparams::detail::report_invalid(who_, "has no output of that index: a call returns [output] or, with return_state=True, [output, *states]"); // error here: index from 0
      // clang-format on
    }
    return tensor{owner_, node_, static_cast<std::uint32_t>(i)};
  }
  // NOLINTNEXTLINE(google-explicit-constructor): a single output is used as the tensor it is
  constexpr operator tensor() const {
    if (count_ != 1) {
      // clang-format off
      rnnparams::detail::report_invalid(who_, "returns several tensors with return_state=True ([output, h] or [output, h, c]): take one with [i]"); // error here: add [0], [1], ...
      // clang-format on
    }
    return tensor{owner_, node_, 0};
  }

private:
  const void* owner_;
  std::uint32_t node_;
  std::size_t count_;
  std::string_view who_;
};

template <std::size_t MaxCalls>
class Functional;

/// A layer of a Functional model under construction, to be called on tensors (more than once for a
/// shared layer): `auto encoder = f.add(LSTM{...}); auto out = encoder(x);`.
template <class Model, class Layer>
class layer_handle {
  static constexpr bool takes_a_list =
      keras_multi_input_layer<Layer> || std::is_same_v<Layer, keras::multi_input_layer>;

public:
  constexpr layer_handle(Model& owner, std::uint32_t index, const Layer& what)
      : model_{&owner}, index_{index}, layer_{what} {}

  /// layer(x), or layer(x, initial_state=[h, c]) for a recurrent layer.
  constexpr call_outputs operator()(tensor x, const initial_state& states = {}) const
    requires(!takes_a_list)
  {
    if constexpr (std::is_same_v<Layer, keras::layer>) { // a layer known at run time: its class's call
      return rnnparams::visit([&](const auto& l) { return model_->call(index_, l, x, states); }, layer_);
    } else {
      return model_->call(index_, layer_, x, states);
    }
  }
  /// layer([a, b, ...]) for a merge, or attention's [query, value] / [query, value, key]
  /// (MultiHeadAttention's mha(query, value, key) is {query, value, key}).
  constexpr call_outputs operator()(std::initializer_list<tensor> inputs) const
    requires takes_a_list
  {
    return (*this)(std::span<const tensor>{inputs.begin(), inputs.size()});
  }
  /// The same, on a list made at run time.
  constexpr call_outputs operator()(std::span<const tensor> inputs) const
    requires takes_a_list
  {
    if constexpr (std::is_same_v<Layer, keras::multi_input_layer>) {
      return rnnparams::visit([&](const auto& l) { return model_->call_list(index_, l, inputs); }, layer_);
    } else {
      return model_->call_list(index_, layer_, inputs);
    }
  }
  /// The layer's index in the order the model created its layers.
  [[nodiscard]] constexpr std::uint32_t index() const noexcept { return index_; }

private:
  Model* model_;
  std::uint32_t index_;
  Layer layer_;
};

/// A Keras functional model: Inputs, layers called on tensors, and a model of chosen inputs and
/// outputs (keras.Model(inputs, outputs), whose class is Functional). It holds at most MaxCalls
/// layer calls (an Input is one), all in the object, so it works in constant expressions:
///
///     constexpr auto model = [] {
///       k::Functional f;
///       const auto x = f.input({rnnparams::none, 8});
///       const auto y = f(k::Dense{.units = 4}, x);
///       return f.model({x}, {y});
///     }();
///     static_assert(model.count_params() == 36);
///
/// A layer that does not fit its input is a compile error naming the layer's class (at run time an
/// invalid_model whose text starts with the layer's name). Queries before model() are errors, not zeros.
/// Shared layers count once; the layers are listed, named and queried as Keras lists them (model.layers,
/// InputLayers included).
template <std::size_t MaxCalls = 64>
class Functional : public rnnparams::detail::keras_counts {
public:
  constexpr Functional() = default;

  // ------------------------------------------------------------------ building

  /// keras.Input(shape, name=): a tensor of `input_shape` (without the batch axis).
  constexpr tensor input(const shape& input_shape, std::string_view name = {}) {
    rnnparams::detail::keras_graph_layer l;
    l.is_input = true;
    l.own_name = rnnparams::detail::fixed_string<63>{name};
    l.built_on = input_shape;
    const std::uint32_t index = add_layer(l);
    rnnparams::detail::keras_graph_call c;
    c.layer = index;
    c.outputs.push_back(input_shape, rnnparams::detail::keras_functional_who);
    const std::uint32_t node = add_call(c);
    return tensor{this, node, 0};
  }

  /// A layer, not yet called: `name` is Keras's name= (empty: the automatic name).
  template <class Layer>
    requires keras_layer<Layer>
  constexpr layer_handle<Functional, Layer> add(const Layer& what, std::string_view name = {}) {
    rnnparams::detail::keras_graph_layer l;
    l.layer = keras::layer{what};
    l.own_name = rnnparams::detail::fixed_string<63>{name};
    return layer_handle<Functional, Layer>{*this, add_layer(l), what};
  }

  /// A layer called on a list of tensors (a merge, attention), not yet called.
  template <class Layer>
    requires keras_multi_input_layer<Layer>
  constexpr layer_handle<Functional, Layer> add(const Layer& what, std::string_view name = {}) {
    return layer_handle<Functional, Layer>{*this, add_list_layer(keras::multi_input_layer{what}, name), what};
  }

  /// A layer known only at run time (one a reader made), not yet called.
  constexpr layer_handle<Functional, keras::layer> add(const keras::layer& what, std::string_view name = {}) {
    rnnparams::detail::keras_graph_layer l;
    l.layer = what;
    l.own_name = rnnparams::detail::fixed_string<63>{name};
    return layer_handle<Functional, keras::layer>{*this, add_layer(l), what};
  }
  constexpr layer_handle<Functional, keras::multi_input_layer> add(const keras::multi_input_layer& what,
                                                                   std::string_view name = {}) {
    return layer_handle<Functional, keras::multi_input_layer>{*this, add_list_layer(what, name), what};
  }

  /// Layer(...)(x): a new layer, called once.
  template <class Layer>
    requires keras_layer<Layer>
  constexpr call_outputs operator()(const Layer& what, tensor x, const initial_state& states = {}) {
    return add(what)(x, states);
  }

  /// Layer(...)([a, b]): a new merge or attention layer, called once on the list of tensors.
  template <class Layer>
    requires keras_multi_input_layer<Layer>
  constexpr call_outputs operator()(const Layer& what, std::initializer_list<tensor> inputs) {
    return add(what)(inputs);
  }

  /// keras.Model(inputs, outputs): the model of these Inputs and outputs, with Keras's order of layers.
  /// Every output must be computed from the given inputs only.
  [[nodiscard]] constexpr Functional model(std::initializer_list<tensor> inputs,
                                           std::initializer_list<tensor> outputs) const {
    Functional m = *this;
    m.finish(this, {inputs.begin(), inputs.size()}, {outputs.begin(), outputs.size()});
    return m;
  }

  /// model(inputs, outputs) of lists made at run time, made of this object itself (no copy: a reader's
  /// model is large); the tensors stay this model's.
  constexpr void model_in_place(std::span<const tensor> inputs, std::span<const tensor> outputs) {
    finish(this, inputs, outputs);
  }

  // ------------------------------------------------------------------ queries (after model())

  /// The number of layers, InputLayers included (Keras's len(model.layers)).
  [[nodiscard]] constexpr std::size_t size() const { return built().order_.size(); }
  /// Keras's model.count_params(): every weight of every layer, a shared layer's once.
  [[nodiscard]] constexpr std::uint64_t count_params() const { return built().keras_counts::count_params(); }
  [[nodiscard]] constexpr std::uint64_t trainable_params() const {
    return built().keras_counts::trainable_params();
  }
  [[nodiscard]] constexpr std::uint64_t non_trainable_params() const {
    return built().keras_counts::non_trainable_params();
  }
  /// The bytes the weights take in `type`.
  [[nodiscard]] constexpr std::uint64_t weight_bytes(dtype type = dtype::float32) const {
    return built().keras_counts::weight_bytes(type);
  }
  /// Multiply-accumulates per sample over every call (a shared layer's for each); none when one is unknown.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs() const {
    static_cast<void>(built());
    std::uint64_t total = 0;
    for (std::size_t n = 0; n < calls_.size(); ++n) {
      const rnnparams::detail::keras_graph_call& c = calls_[n];
      if (!in_model_[n] || layers_[c.layer].is_input) {
        continue;
      }
      const auto m = layers_[c.layer].takes_a_list
                         ? keras::macs(layers_[c.layer].merge, shapes_of(c))
                         : keras::macs(layers_[c.layer].layer, shape_of(c.inputs[0]));
      if (!m) {
        return std::nullopt;
      }
      total = rnnparams::detail::checked_add(total, *m, rnnparams::detail::keras_functional_who);
    }
    return total;
  }

  /// The number of model inputs and outputs, and their shapes (without the batch axis).
  [[nodiscard]] constexpr std::size_t input_count() const { return built().inputs_.size(); }
  [[nodiscard]] constexpr std::size_t output_count() const { return built().outputs_.size(); }
  [[nodiscard]] constexpr const shape& input_shape(std::size_t i = 0) const {
    return shape_of(inputs_[checked(i, built().inputs_.size())]);
  }
  [[nodiscard]] constexpr const shape& output_shape(std::size_t i = 0) const {
    return shape_of(outputs_[checked(i, built().outputs_.size())]);
  }

  /// The i-th layer (Keras's model.layers[i]) with its name, shapes (of its first call), weights and counts.
  [[nodiscard]] constexpr layer_info info(std::size_t i) const {
    const std::uint32_t index = layer_at(i);
    const rnnparams::detail::keras_graph_layer& l = layers_[index];
    const shape& output = calls_[first_call(index)].outputs[0];
    if (l.takes_a_list) { // built on its first call's inputs
      return rnnparams::detail::keras_layer_info(name_of(index), l.merge,
                                                 shapes_of(calls_[first_call_ever(index)]), output);
    }
    if (!l.is_input) {
      return rnnparams::detail::keras_layer_info(name_of(index), l.layer, l.built_on, output);
    }
    layer_info result; // an InputLayer: no weights, and its output is its input
    result.name = name_of(index);
    result.class_name = "InputLayer";
    result.input_shape = output;
    result.output_shape = output;
    result.macs = 0;
    return result;
  }

  /// The i-th layer's name: its own, or Keras's automatic one ("input_layer", "lstm_1", ...).
  [[nodiscard]] constexpr rnnparams::detail::fixed_string<63> name(std::size_t i) const {
    return name_of(layer_at(i));
  }

  /// How many times the model calls the i-th layer (its nodes; 0 for an InputLayer, as Keras counts them
  /// in the summary's "Connected to").
  [[nodiscard]] constexpr std::size_t call_count(std::size_t i) const {
    const std::uint32_t index = layer_at(i);
    if (layers_[index].is_input) {
      return 0;
    }
    std::size_t count = 0;
    for (std::size_t n = 0; n < calls_.size(); ++n) {
      count += calls_[n].layer == index && in_model_[n] ? 1U : 0U;
    }
    return count;
  }

  /// The tensors the `call`-th call (0-based) of the i-th layer takes, as `name[node][tensor]`: its
  /// inputs, then its initial states; none for an InputLayer.
  [[nodiscard]] constexpr rnnparams::detail::static_vector<connection,
                                                           rnnparams::detail::keras_max_call_inputs>
  inbound(std::size_t i, std::size_t call = 0) const {
    const std::uint32_t index = layer_at(i);
    rnnparams::detail::static_vector<connection, rnnparams::detail::keras_max_call_inputs> result;
    if (layers_[index].is_input && call == 0) {
      return result; // an InputLayer takes nothing
    }
    std::size_t seen = 0;
    for (std::size_t n = 0; n < calls_.size(); ++n) {
      if (calls_[n].layer != index || !in_model_[n] || layers_[index].is_input) {
        continue;
      }
      if (seen++ != call) {
        continue;
      }
      for (const rnnparams::detail::keras_tensor_ref& t : calls_[n].inputs) {
        const rnnparams::detail::keras_graph_call& from = calls_[t.node];
        result.push_back(connection{name_of(from.layer), from.ordinal, t.index},
                         rnnparams::detail::keras_functional_who);
      }
      return result;
    }
    // clang-format off
    rnnparams::detail::report_invalid(rnnparams::detail::keras_functional_who, "the layer has no call of that index"); // error here: call < call_count(i)
    // clang-format on
  }

  /// The shape of a tensor of this model (without the batch axis), before model() or after.
  [[nodiscard]] constexpr const shape& tensor_shape(const tensor& t) const {
    return shape_of(own(t, rnnparams::detail::keras_functional_who));
  }

  /// The i-th layer's name as tf.keras 2 gives it: an Input named automatically is input_1, input_2, ...
  /// (numbered from 1); the others as name(i).
  [[nodiscard]] constexpr rnnparams::detail::fixed_string<63> tf_keras_name(std::size_t i) const {
    const std::uint32_t index = layer_at(i);
    const rnnparams::detail::keras_graph_layer& l = layers_[index];
    if (!l.is_input || !l.own_name.empty()) {
      return name_of(index);
    }
    std::uint64_t ordinal = 1;
    for (std::uint32_t j = 0; j < index; ++j) {
      ordinal += layers_[j].is_input && layers_[j].own_name.empty() ? 1U : 0U;
    }
    return rnnparams::detail::keras_auto_name("input", 0).append("_").append_decimal(ordinal);
  }

  /// True when every call of the i-th layer (in the model or not) gave the same output shapes; else
  /// tf.keras 2's summary prints "multiple".
  [[nodiscard]] constexpr bool same_output_shapes(std::size_t i) const {
    const std::uint32_t index = layer_at(i);
    const std::uint32_t first = first_call_ever(index);
    for (std::size_t n = first; n < calls_.size(); ++n) {
      if (calls_[n].layer == index && !(calls_[n].outputs == calls_[first].outputs)) {
        return false;
      }
    }
    return true;
  }

  /// The shapes of the tensors the `call`-th call of the i-th layer takes, in inbound()'s order.
  [[nodiscard]] constexpr input_shapes inbound_shapes(std::size_t i, std::size_t call = 0) const {
    const std::uint32_t index = layer_at(i);
    std::size_t seen = 0;
    for (std::size_t n = 0; n < calls_.size(); ++n) {
      if (calls_[n].layer == index && in_model_[n] && !layers_[index].is_input && seen++ == call) {
        return shapes_of(calls_[n]);
      }
    }
    return {};
  }

  /// The output shapes of the i-th layer's last call (of any call, as Keras's summary shows them):
  /// one, or with return_state [output, *states]; an InputLayer's input.
  [[nodiscard]] constexpr rnnparams::detail::static_vector<shape, rnnparams::detail::keras_max_call_outputs>
  output_shapes(std::size_t i) const {
    const std::uint32_t index = layer_at(i);
    std::uint32_t last = first_call_ever(index);
    for (std::size_t n = last; n < calls_.size(); ++n) {
      last = calls_[n].layer == index ? static_cast<std::uint32_t>(n) : last;
    }
    return calls_[last].outputs;
  }

  /// Keras 3's test of whether its summary is a chain ("sequential_like", no "Connected to" column):
  /// each depth of the graph holds one call, of at most one input tensor, and no layer is called twice
  /// in the model.
  [[nodiscard]] constexpr bool sequential_like() const {
    static_cast<void>(built());
    std::uint64_t seen_depths[MaxCalls]{};
    std::size_t depths = 0;
    for (std::size_t n = 0; n < calls_.size(); ++n) {
      if (!in_model_[n]) {
        continue;
      }
      if (calls_[n].inputs.size() > 1) {
        return false;
      }
      for (std::size_t k = 0; k < depths; ++k) {
        if (seen_depths[k] == depth_[n]) {
          return false; // two calls at one depth
        }
      }
      seen_depths[depths++] = depth_[n];
    }
    for (const std::uint32_t li : order_) {
      std::size_t calls = 0;
      for (std::size_t n = 0; n < calls_.size(); ++n) {
        calls += calls_[n].layer == li && in_model_[n] ? 1U : 0U;
      }
      if (calls > 1) {
        return false;
      }
    }
    return true;
  }

private:
  template <class, class>
  friend class layer_handle;

  /// Calls layer `index` (of class Layer) on x with these initial states: layer_handle's call.
  template <class Layer>
  constexpr call_outputs call(std::uint32_t index, const Layer& what, tensor x, const initial_state& states) {
    rnnparams::detail::keras_graph_layer& l = layers_[index];
    try {
      const rnnparams::detail::keras_tensor_ref in = own(x, Layer::who);
      rnnparams::detail::keras_graph_call c;
      c.layer = index;
      c.ordinal = l.calls;
      c.inputs.push_back(in, Layer::who);
      const shape& input = shape_of(in);
      if (l.calls == 0) {
        l.built_on = input;
        static_cast<void>(
            rnnparams::detail::keras_weight_sums(what, input)); // its weights' errors, here and named
      } else if (!(what.weights(input) == what.weights(l.built_on))) {
        // error here: a shared layer's weights are made for its first call's input; this input needs others
        // clang-format off
        rnnparams::detail::report_invalid(Layer::who, "is shared, and this call's input needs weights of other shapes than its first call's");
        // clang-format on
      }
      c.outputs.push_back(what.compute_output_shape(input), Layer::who);
      const auto state_shapes = rnnparams::detail::keras_state_shapes(what);
      if (!states.tensors.empty()) {
        if (states.tensors.size() != state_shapes.size()) {
          // error here: pass [h] to SimpleRNN and GRU, [h, c] to LSTM, forward then backward states to
          // Bidirectional
          // clang-format off
          rnnparams::detail::report_invalid(Layer::who, "initial_state must hold one tensor per state: [h] for SimpleRNN and GRU, [h, c] for LSTM, both directions' for Bidirectional");
          // clang-format on
        }
        for (std::size_t s = 0; s < state_shapes.size(); ++s) {
          const rnnparams::detail::keras_tensor_ref st = own(states.tensors[s], Layer::who);
          if (!(shape_of(st) == state_shapes[s])) {
            // error here: each initial state is (units,), the units of the layer it starts
            // clang-format off
            rnnparams::detail::report_invalid(Layer::who, "an initial_state tensor must have the shape of the layer's state, (units,)");
            // clang-format on
          }
          c.inputs.push_back(st, Layer::who);
        }
      }
      if (rnnparams::detail::keras_returns_state(what)) {
        for (const shape& s : state_shapes) {
          c.outputs.push_back(s, Layer::who);
        }
      }
      ++l.calls;
      const std::uint32_t node = add_call(c);
      return call_outputs{this, node, calls_[node].outputs.size(), Layer::who};
    } catch (...) {
      rethrow_at(index);
    }
  }

  /// Calls layer `index` (of class Layer, called on a list) on these tensors: layer_handle's call.
  template <class Layer>
  constexpr call_outputs call_list(std::uint32_t index, const Layer& what, std::span<const tensor> inputs) {
    rnnparams::detail::keras_graph_layer& l = layers_[index];
    try {
      rnnparams::detail::keras_graph_call c;
      c.layer = index;
      c.ordinal = l.calls;
      if (inputs.size() > rnnparams::detail::keras_max_call_inputs) {
        // clang-format off
        rnnparams::detail::report_invalid(Layer::who, "is called on more tensors than a call may take (8)"); // error here: merge in steps
        // clang-format on
      }
      for (const tensor& t : inputs) {
        c.inputs.push_back(own(t, Layer::who), Layer::who);
      }
      const input_shapes shapes = shapes_of(c);
      if (l.calls == 0) {
        static_cast<void>(
            rnnparams::detail::keras_weight_sums(what, shapes)); // its weights' errors, here and named
      } else if (!(what.weights(shapes) == what.weights(shapes_of(calls_[first_call_ever(index)])))) {
        // error here: a shared layer's weights are made for its first call's inputs; these need others
        // clang-format off
        rnnparams::detail::report_invalid(Layer::who, "is shared, and this call's inputs need weights of other shapes than its first call's");
        // clang-format on
      }
      c.outputs.push_back(what.compute_output_shape(shapes), Layer::who);
      ++l.calls;
      const std::uint32_t node = add_call(c);
      return call_outputs{this, node, 1, Layer::who};
    } catch (...) {
      rethrow_at(index);
    }
  }

  constexpr std::uint32_t add_list_layer(const keras::multi_input_layer& what, std::string_view name) {
    rnnparams::detail::keras_graph_layer l;
    l.merge = what;
    l.takes_a_list = true;
    l.own_name = rnnparams::detail::fixed_string<63>{name};
    return add_layer(l);
  }

  /// The shapes of a call's input tensors.
  [[nodiscard]] constexpr input_shapes shapes_of(const rnnparams::detail::keras_graph_call& c) const {
    input_shapes shapes;
    for (const rnnparams::detail::keras_tensor_ref& t : c.inputs) {
      shapes.push_back(shape_of(t));
    }
    return shapes;
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

  constexpr std::uint32_t add_layer(const rnnparams::detail::keras_graph_layer& l) {
    if (layers_.size() == MaxCalls) {
      // error here: raise the capacity, Functional<N> with N >= the number of layer calls
      // clang-format off
      rnnparams::detail::report_invalid(rnnparams::detail::keras_functional_who, "more layers than this model's capacity: use Functional<N> with a larger N");
      // clang-format on
    }
    layers_.push_back(l, rnnparams::detail::keras_functional_who);
    return static_cast<std::uint32_t>(layers_.size() - 1);
  }

  constexpr std::uint32_t add_call(const rnnparams::detail::keras_graph_call& c) {
    if (calls_.size() == MaxCalls) {
      // error here: raise the capacity, Functional<N> with N >= the number of layer calls
      // clang-format off
      rnnparams::detail::report_invalid(rnnparams::detail::keras_functional_who, "more layer calls than this model's capacity: use Functional<N> with a larger N");
      // clang-format on
    }
    calls_.push_back(c, rnnparams::detail::keras_functional_who);
    return static_cast<std::uint32_t>(calls_.size() - 1);
  }

  /// i, when it is below size.
  [[nodiscard]] static constexpr std::size_t checked(std::size_t i, std::size_t size) {
    if (i >= size) {
      // clang-format off
      rnnparams::detail::report_invalid(rnnparams::detail::keras_functional_who, "index out of range: a layer, input or output the model does not have"); // error here: i < size()
      // clang-format on
    }
    return i;
  }

  /// The index in layers_ of the model's i-th layer.
  [[nodiscard]] constexpr std::uint32_t layer_at(std::size_t i) const {
    return order_[checked(i, built().order_.size())];
  }

  /// The graph's own reference to t, which must come from this model.
  constexpr rnnparams::detail::keras_tensor_ref own(const tensor& t, std::string_view who) const {
    return own(t, this, who);
  }
  constexpr rnnparams::detail::keras_tensor_ref own(const tensor& t, const void* owner,
                                                    std::string_view who) const {
    if (t.owner != owner || t.node >= calls_.size() || t.index >= calls_[t.node].outputs.size()) {
      // error here: a tensor is used only in the model whose input() or layer call made it
      // clang-format off
      rnnparams::detail::report_invalid(who, "a tensor from another model: use the tensors this model's input() and layer calls return");
      // clang-format on
    }
    return rnnparams::detail::keras_tensor_ref{t.node, t.index};
  }

  [[nodiscard]] constexpr const shape& shape_of(const rnnparams::detail::keras_tensor_ref& t) const {
    return calls_[t.node].outputs[t.index];
  }

  [[nodiscard]] constexpr const Functional& built() const {
    if (!finished_) {
      // error here: queries need the model's inputs and outputs
      // clang-format off
      rnnparams::detail::report_invalid(rnnparams::detail::keras_functional_who, "not a model yet: call model(inputs, outputs) and query what it returns");
      // clang-format on
    }
    return *this;
  }

  [[nodiscard]] constexpr std::uint32_t first_call(std::uint32_t index) const {
    for (std::size_t n = 0; n < calls_.size(); ++n) {
      if (calls_[n].layer == index && in_model_[n]) {
        return static_cast<std::uint32_t>(n);
      }
    }
    return first_call_ever(index);
  }

  /// Keras's name of layer `index`: its own, or its class's stem numbered among the automatically named
  /// layers of that class created before it ("input_layer", "input_layer_1", "lstm", "lstm_1", ...).
  [[nodiscard]] constexpr rnnparams::detail::fixed_string<63> name_of(std::uint32_t index) const {
    const rnnparams::detail::keras_graph_layer& l = layers_[index];
    if (!l.own_name.empty()) {
      return l.own_name;
    }
    std::uint64_t ordinal = 0;
    for (std::uint32_t j = 0; j < index; ++j) {
      const rnnparams::detail::keras_graph_layer& other = layers_[j];
      const bool same = other.is_input == l.is_input && other.takes_a_list == l.takes_a_list &&
                        (l.is_input || (l.takes_a_list ? other.merge.index() == l.merge.index()
                                                       : other.layer.index() == l.layer.index()));
      ordinal += same && other.own_name.empty() ? 1U : 0U;
      if (!l.is_input && !l.takes_a_list && !other.is_input && !other.takes_a_list) {
        ordinal += rnnparams::detail::keras_wrapped_of_class(other.layer, keras::class_name(l.layer));
      }
    }
    const std::string_view stem = l.is_input       ? std::string_view{"input_layer"}
                                  : l.takes_a_list ? keras::default_name(l.merge)
                                                   : keras::default_name(l.layer);
    return rnnparams::detail::keras_auto_name(stem, ordinal);
  }

  /// Run time only: the error in flight, from a call of layer `index`, again with the layer's name.
  [[noreturn]] void rethrow_at(std::uint32_t index) const {
    const rnnparams::detail::fixed_string<63> layer_name = name_of(index);
    rnnparams::detail::keras_rethrow_with(
        {rnnparams::detail::keras_functional_who, ": layer ", layer_name.view(), ": ", {}}, [] {});
  }

  /// model(inputs, outputs): Keras's map_graph. Walks back from the outputs (depth first, in order),
  /// gives each call its depth (the longest path to an output), orders the layers by decreasing depth
  /// and then by first visit, checks that every call is computable from the inputs, and sums the
  /// weights of the layers in the model.
  constexpr void finish(const void* owner, std::span<const tensor> inputs, std::span<const tensor> outputs) {
    if (finished_) {
      // clang-format off
      rnnparams::detail::report_invalid(rnnparams::detail::keras_functional_who, "is a model already: make the model once, from the object that built the graph"); // error here: call model() once
      // clang-format on
    }
    for (const tensor& t : inputs) {
      const rnnparams::detail::keras_tensor_ref r = own(t, owner, rnnparams::detail::keras_functional_who);
      if (!layers_[calls_[r.node].layer].is_input) {
        // error here: a model's inputs are the tensors input() returned
        // clang-format off
        rnnparams::detail::report_invalid(rnnparams::detail::keras_functional_who, "a model input must be a tensor that input() returned");
        // clang-format on
      }
      inputs_.push_back(r, rnnparams::detail::keras_functional_who);
    }
    for (const tensor& t : outputs) {
      outputs_.push_back(own(t, owner, rnnparams::detail::keras_functional_who),
                         rnnparams::detail::keras_functional_who);
    }
    if (outputs_.empty()) {
      // clang-format off
      rnnparams::detail::report_invalid(rnnparams::detail::keras_functional_who, "a model needs at least one output"); // error here: pass the outputs
      // clang-format on
    }
    // _build_map: post-order of the calls reachable from the outputs, and each layer's first visit.
    std::uint32_t visit_order[MaxCalls]{};
    bool visited_layer[MaxCalls]{};
    std::uint32_t visits = 0;
    rnnparams::detail::static_vector<std::uint32_t, MaxCalls> post_order;
    bool finished_call[MaxCalls]{};
    for (const rnnparams::detail::keras_tensor_ref& out : outputs_) {
      // an explicit stack of (call, next input to visit)
      std::uint32_t stack_call[MaxCalls]{};
      std::uint32_t stack_next[MaxCalls]{};
      std::size_t depth = 0;
      const auto enter = [&](std::uint32_t n) {
        if (finished_call[n]) {
          return;
        }
        const std::uint32_t li = calls_[n].layer;
        if (!visited_layer[li]) {
          visited_layer[li] = true;
          visit_order[li] = visits++;
        }
        stack_call[depth] = n;
        stack_next[depth] = 0;
        ++depth;
      };
      enter(out.node);
      while (depth > 0) {
        const std::uint32_t n = stack_call[depth - 1];
        if (stack_next[depth - 1] < calls_[n].inputs.size()) {
          enter(calls_[n].inputs[stack_next[depth - 1]++].node);
          continue;
        }
        finished_call[n] = true;
        post_order.push_back(n, rnnparams::detail::keras_functional_who);
        --depth;
      }
    }
    // Depths, from the outputs back: a call is one deeper than the deepest call that uses it, and a
    // layer as deep as its deepest call.
    std::uint64_t call_depth[MaxCalls]{};
    std::uint64_t layer_depth[MaxCalls]{};
    for (std::size_t k = post_order.size(); k-- > 0;) {
      const std::uint32_t n = post_order[k];
      const std::uint32_t li = calls_[n].layer;
      const std::uint64_t d = call_depth[n] > layer_depth[li] ? call_depth[n] : layer_depth[li];
      layer_depth[li] = d;
      call_depth[n] = d;
      for (const rnnparams::detail::keras_tensor_ref& t : calls_[n].inputs) {
        call_depth[t.node] = call_depth[t.node] > d + 1 ? call_depth[t.node] : d + 1;
      }
    }
    // Inputs that no output uses are still the model's layers, at depth 0 and before the others of it.
    bool listed[MaxCalls]{};
    for (const rnnparams::detail::keras_tensor_ref& r : inputs_) {
      const std::uint32_t li = calls_[r.node].layer;
      if (!visited_layer[li]) {
        listed[li] = true;
      }
    }
    for (std::size_t k = 0; k < post_order.size(); ++k) {
      in_model_[post_order[k]] = true;
      depth_[post_order[k]] = call_depth[post_order[k]];
      listed[calls_[post_order[k]].layer] = true;
    }
    // The layers by decreasing depth, then by first visit (the unvisited Inputs first, in creation
    // order): a counting sort on the depth of the layers taken in that order, O(layers + depth), so that
    // a deep chain stays within the compilers' constant-evaluation limits.
    std::uint32_t by_visit[MaxCalls]{}; // the listed layers, unvisited Inputs first, then by first visit
    std::size_t listed_count = 0;
    for (std::uint32_t li = 0; li < layers_.size(); ++li) {
      if (listed[li] && !visited_layer[li]) {
        by_visit[listed_count++] = li;
      }
    }
    for (std::uint32_t li = 0; li < layers_.size(); ++li) {
      if (listed[li] && visited_layer[li]) {
        by_visit[listed_count + visit_order[li]] = li;
      }
    }
    listed_count += visits;
    std::uint64_t deepest = 0;
    for (std::size_t k = 0; k < listed_count; ++k) {
      deepest = layer_depth[by_visit[k]] > deepest ? layer_depth[by_visit[k]] : deepest;
    }
    std::size_t starts[MaxCalls + 1]{}; // per depth, from the deepest: where its layers begin in order_
    for (std::size_t k = 0; k < listed_count; ++k) {
      ++starts[deepest - layer_depth[by_visit[k]] + 1];
    }
    for (std::size_t d = 1; d <= deepest; ++d) {
      starts[d] += starts[d - 1];
    }
    std::uint32_t sorted[MaxCalls]{};
    for (std::size_t k = 0; k < listed_count; ++k) {
      sorted[starts[deepest - layer_depth[by_visit[k]]]++] = by_visit[k];
    }
    for (std::size_t k = 0; k < listed_count; ++k) {
      order_.push_back(sorted[k], rnnparams::detail::keras_functional_who);
    }
    // Every Input a kept call reaches must be one of the model's inputs.
    for (std::size_t k = 0; k < post_order.size(); ++k) {
      const rnnparams::detail::keras_graph_call& c = calls_[post_order[k]];
      if (!layers_[c.layer].is_input) {
        continue;
      }
      bool given = false;
      for (const rnnparams::detail::keras_tensor_ref& r : inputs_) {
        given = given || r.node == post_order[k];
      }
      if (!given) {
        // error here: add the Input to the model's inputs, or compute the output from the inputs given
        // clang-format off
        rnnparams::detail::report_invalid(rnnparams::detail::keras_functional_who, "graph disconnected: an output depends on an Input that is not one of the model's inputs");
        // clang-format on
      }
    }
    // The weights of each layer in the model, once.
    for (const std::uint32_t li : order_) {
      const rnnparams::detail::keras_graph_layer& l = layers_[li];
      if (l.is_input) {
        continue;
      }
      const rnnparams::detail::weight_sums sums =
          l.takes_a_list
              ? rnnparams::visit(
                    [&, built_on = shapes_of(calls_[first_call_ever(li)])](const auto& x) {
                      return rnnparams::detail::keras_weight_sums(x, built_on);
                    },
                    l.merge)
              : rnnparams::visit(
                    [&](const auto& x) { return rnnparams::detail::keras_weight_sums(x, l.built_on); },
                    l.layer);
      this->add_weights(sums, rnnparams::detail::keras_functional_who);
    }
    finished_ = true;
  }

  rnnparams::detail::static_vector<rnnparams::detail::keras_graph_layer, MaxCalls> layers_;
  rnnparams::detail::static_vector<rnnparams::detail::keras_graph_call, MaxCalls> calls_;
  bool in_model_[MaxCalls]{};
  /// Each call's depth in the model (Keras's nodes_by_depth key): the longest path to an output.
  std::uint64_t depth_[MaxCalls]{};
  rnnparams::detail::static_vector<std::uint32_t, MaxCalls> order_;
  /// The model's inputs and outputs: up to 64 each (a real model has 17 outputs).
  rnnparams::detail::static_vector<rnnparams::detail::keras_tensor_ref, 64> inputs_;
  rnnparams::detail::static_vector<rnnparams::detail::keras_tensor_ref, 64> outputs_;
  bool finished_ = false;
};

} // namespace rnnparams::keras
