// rnnparams/keras/functional.hpp: Keras's functional API, a graph of layers, usable in constant expressions.
// SPDX-License-Identifier: MIT
#pragma once

// Kept out of <rnnparams/rnnparams.hpp>, as keras/model.hpp is: a TU that does not build graphs does
// not pay for them.
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/keras_graph.hpp>
#include <rnnparams/detail/keras_graph_records.hpp>
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

/// One inbound connection of a layer call, as Keras's summary writes it: `name[node][tensor]`.
struct connection {
  rnnparams::detail::fixed_string<63> layer;
  std::uint32_t node = 0;
  std::uint32_t tensor = 0;
};

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

} // namespace rnnparams::keras

namespace rnnparams::detail {

inline constexpr std::string_view keras_functional_who = "rnnparams::keras::Functional";

/// The states a recurrent layer returns with return_state (and takes as initial_state): [h] for
/// SimpleRNN and GRU, [h, c] for LSTM, each (units,); a Bidirectional layer has the wrapped layer's
/// states for each direction. Empty for other layers.
template <class Layer>
constexpr static_vector<shape, 16> keras_state_shapes(const Layer& l) {
  static_vector<shape, 16> states;
  const auto of = [&](const auto& rnn, std::size_t copies) {
    using type = std::remove_cvref_t<decltype(rnn)>;
    if constexpr (requires { rnn.state_sizes(); }) { // RNN(cell): each cell's h (and c)
      for (std::size_t i = 0; i < copies; ++i) {
        for (const std::uint64_t size : rnn.state_sizes()) {
          states.push_back(shape{size}, type::who);
        }
      }
    } else if constexpr (requires { rnn.return_state; }) {
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
class Functional : public rnnparams::detail::keras_graph<rnnparams::detail::keras_records<MaxCalls>> {
  using graph = rnnparams::detail::keras_graph<rnnparams::detail::keras_records<MaxCalls>>;

public:
  constexpr Functional() : graph{rnnparams::detail::keras_functional_who} {}

  // ------------------------------------------------------------------ building

  /// keras.Input(shape, name=): a tensor of `input_shape` (without the batch axis).
  constexpr tensor input(const shape& input_shape, std::string_view name = {}) {
    return tensor{this, this->add_input(input_shape, name), 0};
  }

  /// A layer, not yet called: `name` is Keras's name= (empty: the automatic name).
  template <class Layer>
    requires keras_layer<Layer>
  constexpr layer_handle<Functional, Layer> add(const Layer& what, std::string_view name = {}) {
    return layer_handle<Functional, Layer>{*this, this->add_layer_of(what, name), what};
  }

  /// A layer called on a list of tensors (a merge, attention), not yet called.
  template <class Layer>
    requires keras_multi_input_layer<Layer>
  constexpr layer_handle<Functional, Layer> add(const Layer& what, std::string_view name = {}) {
    return layer_handle<Functional, Layer>{*this, add_list_layer(keras::multi_input_layer{what}, name), what};
  }

  /// A layer known only at run time (one a reader made), not yet called.
  constexpr layer_handle<Functional, keras::layer> add(const keras::layer& what, std::string_view name = {}) {
    return layer_handle<Functional, keras::layer>{*this, this->add_layer_of(what, name), what};
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
  [[nodiscard]] constexpr std::uint64_t count_params() const { return built().graph::count_params(); }
  [[nodiscard]] constexpr std::uint64_t trainable_params() const { return built().graph::trainable_params(); }
  [[nodiscard]] constexpr std::uint64_t non_trainable_params() const {
    return built().graph::non_trainable_params();
  }
  /// The bytes the weights take in `type`.
  [[nodiscard]] constexpr std::uint64_t weight_bytes(dtype type = dtype::float32) const {
    return built().graph::weight_bytes(type);
  }
  /// Multiply-accumulates per sample over every call (a shared layer's for each); none when one is unknown.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs() const {
    return built().macs_with(
        [&](std::uint32_t n) {
          const typename graph::call_type& c = this->calls_[n];
          return keras::macs(merges_[this->layers_[c.layer].list], shapes_of(c));
        },
        rnnparams::detail::keras_functional_who);
  }

  /// The number of model inputs and outputs, and their shapes (without the batch axis).
  [[nodiscard]] constexpr std::size_t input_count() const { return built().inputs_.size(); }
  [[nodiscard]] constexpr std::size_t output_count() const { return built().outputs_.size(); }
  [[nodiscard]] constexpr const shape& input_shape(std::size_t i = 0) const {
    return this->shape_of(inputs_[checked(i, built().inputs_.size())]);
  }
  [[nodiscard]] constexpr const shape& output_shape(std::size_t i = 0) const {
    return this->shape_of(outputs_[checked(i, built().outputs_.size())]);
  }

  /// The i-th layer (Keras's model.layers[i]) with its name, shapes (of its first call), weights and counts.
  [[nodiscard]] constexpr layer_info info(std::size_t i) const {
    const std::uint32_t index = layer_at(i);
    const rnnparams::detail::keras_graph_layer& l = this->layers_[index];
    if (l.takes_a_list) { // built on its first call's inputs
      return rnnparams::detail::keras_layer_info(this->name_of(index), merges_[l.list],
                                                 shapes_of(this->calls_[this->first_call_ever(index)]),
                                                 this->calls_[this->first_call(index)].outputs[0]);
    }
    return this->info_of(index);
  }

  /// The i-th layer's name: its own, or Keras's automatic one ("input_layer", "lstm_1", ...).
  [[nodiscard]] constexpr rnnparams::detail::fixed_string<63> name(std::size_t i) const {
    return this->name_of(layer_at(i));
  }

  /// How many times the model calls the i-th layer (its nodes; 0 for an InputLayer, as Keras counts them
  /// in the summary's "Connected to").
  [[nodiscard]] constexpr std::size_t call_count(std::size_t i) const {
    const std::uint32_t index = layer_at(i);
    if (this->layers_[index].is_input) {
      return 0;
    }
    std::size_t count = 0;
    for (std::size_t n = 0; n < this->calls_.size(); ++n) {
      count += this->calls_[n].layer == index && this->calls_[n].in_model ? 1U : 0U;
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
    if (this->layers_[index].is_input && call == 0) {
      return result; // an InputLayer takes nothing
    }
    const typename graph::call_type* c = nth_call(index, call);
    if (c == nullptr) {
      // clang-format off
      rnnparams::detail::report_invalid(rnnparams::detail::keras_functional_who, "the layer has no call of that index"); // error here: call < call_count(i)
      // clang-format on
    }
    for (const rnnparams::detail::keras_tensor_ref& t : c->inputs) {
      const typename graph::call_type& from = this->calls_[t.node];
      result.push_back(connection{this->name_of(from.layer), from.ordinal, t.index},
                       rnnparams::detail::keras_functional_who);
    }
    return result;
  }

  /// The shape of a tensor of this model (without the batch axis), before model() or after.
  [[nodiscard]] constexpr const shape& tensor_shape(const tensor& t) const {
    return this->shape_of(own(t, rnnparams::detail::keras_functional_who));
  }

  /// The i-th layer's name as tf.keras 2 gives it: an Input named automatically is input_1, input_2, ...
  /// (numbered from 1); the others as Keras 3 names them.
  [[nodiscard]] constexpr rnnparams::detail::fixed_string<63> tf_keras_name(std::size_t i) const {
    const std::uint32_t index = layer_at(i);
    const rnnparams::detail::keras_graph_layer& l = this->layers_[index];
    if (!l.is_input || !l.own_name.empty()) {
      return this->name_of(index);
    }
    std::uint64_t ordinal = 1;
    for (std::uint32_t j = 0; j < index; ++j) {
      ordinal += this->layers_[j].is_input && this->layers_[j].own_name.empty() ? 1U : 0U;
    }
    return rnnparams::detail::keras_auto_name("input", 0).append("_").append_decimal(ordinal);
  }

  /// True when every call of the i-th layer (in the model or not) gave the same output shapes; else
  /// tf.keras 2's summary prints "multiple".
  [[nodiscard]] constexpr bool same_output_shapes(std::size_t i) const {
    const std::uint32_t index = layer_at(i);
    const std::uint32_t first = this->first_call_ever(index);
    for (std::size_t n = first; n < this->calls_.size(); ++n) {
      if (this->calls_[n].layer == index && !(this->calls_[n].outputs == this->calls_[first].outputs)) {
        return false;
      }
    }
    return true;
  }

  /// The shapes of the tensors the `call`-th call of the i-th layer takes, in inbound()'s order.
  [[nodiscard]] constexpr input_shapes inbound_shapes(std::size_t i, std::size_t call = 0) const {
    const typename graph::call_type* c = nth_call(layer_at(i), call);
    return c == nullptr || this->layers_[c->layer].is_input ? input_shapes{} : shapes_of(*c);
  }

  /// The output shapes of the i-th layer's last call (of any call, as Keras's summary shows them):
  /// one, or with return_state [output, *states]; an InputLayer's input.
  [[nodiscard]] constexpr rnnparams::detail::static_vector<shape, rnnparams::detail::keras_max_call_outputs>
  output_shapes(std::size_t i) const {
    const std::uint32_t index = layer_at(i);
    std::uint32_t last = this->first_call_ever(index);
    for (std::size_t n = last; n < this->calls_.size(); ++n) {
      last = this->calls_[n].layer == index ? static_cast<std::uint32_t>(n) : last;
    }
    return this->calls_[last].outputs;
  }

  /// Keras 3's test of whether its summary is a chain ("sequential_like", no "Connected to" column):
  /// each depth of the graph holds one call, of at most one input tensor, and no layer is called twice
  /// in the model.
  [[nodiscard]] constexpr bool sequential_like() const {
    static_cast<void>(built());
    std::uint64_t seen_depths[MaxCalls]{};
    std::size_t depths = 0;
    for (std::size_t n = 0; n < this->calls_.size(); ++n) {
      if (!this->calls_[n].in_model) {
        continue;
      }
      if (this->calls_[n].inputs.size() > 1) {
        return false;
      }
      for (std::size_t k = 0; k < depths; ++k) {
        if (seen_depths[k] == this->calls_[n].depth) {
          return false; // two calls at one depth
        }
      }
      seen_depths[depths++] = this->calls_[n].depth;
    }
    for (const std::uint32_t li : order_) {
      std::size_t calls = 0;
      for (std::size_t n = 0; n < this->calls_.size(); ++n) {
        calls += this->calls_[n].layer == li && this->calls_[n].in_model ? 1U : 0U;
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
    try {
      const rnnparams::detail::keras_tensor_ref in = own(x, Layer::who);
      const rnnparams::detail::keras_graph_layer& l = this->layers_[index];
      if (l.calls != 0 && !(what.weights(this->shape_of(in)) == what.weights(this->built_on(index)))) {
        // error here: a shared layer's weights are made for its first call's input; this input needs others
        // clang-format off
        rnnparams::detail::report_invalid(Layer::who, "is shared, and this call's input needs weights of other shapes than its first call's");
        // clang-format on
      }
      typename graph::call_type c;
      this->make_call(c, index, what, in);
      const bool returns_state = rnnparams::detail::keras_returns_state(what);
      if (!states.tensors.empty() || returns_state) {
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
            if (!(this->shape_of(st) == state_shapes[s])) {
              // error here: each initial state is (units,), the units of the layer it starts
              // clang-format off
              rnnparams::detail::report_invalid(Layer::who, "an initial_state tensor must have the shape of the layer's state, (units,)");
              // clang-format on
            }
            c.inputs.push_back(st, Layer::who);
          }
        }
        if (returns_state) {
          for (const shape& s : state_shapes) {
            c.outputs.push_back(s, Layer::who);
          }
        }
      }
      const std::uint32_t node = this->commit_call(c);
      return call_outputs{this, node, this->calls_[node].outputs.size(), Layer::who};
    } catch (...) {
      rethrow_at(index);
    }
  }

  /// Calls layer `index` (of class Layer, called on a list) on these tensors: layer_handle's call.
  template <class Layer>
  constexpr call_outputs call_list(std::uint32_t index, const Layer& what, std::span<const tensor> inputs) {
    rnnparams::detail::keras_graph_layer& l = this->layers_[index];
    try {
      typename graph::call_type c;
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
      if (l.calls == 0) { // its weights, and their errors, here and named
        const rnnparams::detail::weight_sums sums = rnnparams::detail::keras_weight_sums(what, shapes);
        l.params = sums.all();
        l.trainable_params = sums.trainable();
      } else if (!(what.weights(shapes) ==
                   what.weights(shapes_of(this->calls_[this->first_call_ever(index)])))) {
        // error here: a shared layer's weights are made for its first call's inputs; these need others
        // clang-format off
        rnnparams::detail::report_invalid(Layer::who, "is shared, and this call's inputs need weights of other shapes than its first call's");
        // clang-format on
      }
      c.outputs.push_back(what.compute_output_shape(shapes), Layer::who);
      const std::uint32_t node = this->commit_call(c);
      return call_outputs{this, node, 1, Layer::who};
    } catch (...) {
      rethrow_at(index);
    }
  }

  constexpr std::uint32_t add_list_layer(const keras::multi_input_layer& what, std::string_view name) {
    merges_.push_back(what, rnnparams::detail::keras_functional_who);
    rnnparams::detail::keras_graph_layer& l = this->new_layer();
    l.takes_a_list = true;
    l.kind = static_cast<std::uint32_t>(keras::layer_types::size + what.index());
    l.list_stem = keras::default_name(what);
    l.list = static_cast<std::uint32_t>(merges_.size() - 1);
    l.own_name = rnnparams::detail::fixed_string<63>{name};
    return static_cast<std::uint32_t>(this->layers_.size() - 1);
  }

  /// The shapes of a call's input tensors.
  [[nodiscard]] constexpr input_shapes shapes_of(const typename graph::call_type& c) const {
    input_shapes shapes;
    for (const rnnparams::detail::keras_tensor_ref& t : c.inputs) {
      shapes.push_back(this->shape_of(t));
    }
    return shapes;
  }

  /// The `call`-th call of layer `index` in the model, or nullptr.
  [[nodiscard]] constexpr const typename graph::call_type* nth_call(std::uint32_t index,
                                                                    std::size_t call) const {
    std::size_t seen = 0;
    for (std::size_t n = 0; n < this->calls_.size(); ++n) {
      if (this->calls_[n].layer == index && this->calls_[n].in_model && seen++ == call) {
        return &this->calls_[n];
      }
    }
    return nullptr;
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
    if (t.owner != owner || t.node >= this->calls_.size() || t.index >= this->calls_[t.node].outputs.size()) {
      // error here: a tensor is used only in the model whose input() or layer call made it
      // clang-format off
      rnnparams::detail::report_invalid(who, "a tensor from another model: use the tensors this model's input() and layer calls return");
      // clang-format on
    }
    return rnnparams::detail::keras_tensor_ref{t.node, t.index};
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

  /// Run time only: the error in flight, from a call of layer `index`, again with the layer's name.
  [[noreturn]] void rethrow_at(std::uint32_t index) const {
    const rnnparams::detail::fixed_string<63> layer_name = this->name_of(index);
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
      if (!this->layers_[this->calls_[r.node].layer].is_input) {
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
        const std::uint32_t li = this->calls_[n].layer;
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
        if (stack_next[depth - 1] < this->calls_[n].inputs.size()) {
          enter(this->calls_[n].inputs[stack_next[depth - 1]++].node);
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
      const std::uint32_t li = this->calls_[n].layer;
      const std::uint64_t d = call_depth[n] > layer_depth[li] ? call_depth[n] : layer_depth[li];
      layer_depth[li] = d;
      call_depth[n] = d;
      for (const rnnparams::detail::keras_tensor_ref& t : this->calls_[n].inputs) {
        call_depth[t.node] = call_depth[t.node] > d + 1 ? call_depth[t.node] : d + 1;
      }
    }
    // Inputs that no output uses are still the model's layers, at depth 0 and before the others of it.
    bool listed[MaxCalls]{};
    for (const rnnparams::detail::keras_tensor_ref& r : inputs_) {
      const std::uint32_t li = this->calls_[r.node].layer;
      if (!visited_layer[li]) {
        listed[li] = true;
      }
    }
    for (std::size_t k = 0; k < post_order.size(); ++k) {
      this->calls_[post_order[k]].in_model = true;
      this->calls_[post_order[k]].depth = call_depth[post_order[k]];
      listed[this->calls_[post_order[k]].layer] = true;
    }
    // The layers by decreasing depth, then by first visit (the unvisited Inputs first, in creation
    // order): a counting sort on the depth of the layers taken in that order, O(layers + depth), so that
    // a deep chain stays within the compilers' constant-evaluation limits.
    std::uint32_t by_visit[MaxCalls]{}; // the listed layers, unvisited Inputs first, then by first visit
    std::size_t listed_count = 0;
    for (std::uint32_t li = 0; li < this->layers_.size(); ++li) {
      if (listed[li] && !visited_layer[li]) {
        by_visit[listed_count++] = li;
      }
    }
    for (std::uint32_t li = 0; li < this->layers_.size(); ++li) {
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
      const typename graph::call_type& c = this->calls_[post_order[k]];
      if (!this->layers_[c.layer].is_input) {
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
      const rnnparams::detail::keras_graph_layer& l = this->layers_[li];
      this->add_weights(l.params, l.trainable_params, rnnparams::detail::keras_functional_who);
    }
    finished_ = true;
  }

  /// The model's layers, by index into layers_, in Keras's order (model.layers).
  rnnparams::detail::static_vector<std::uint32_t, MaxCalls> order_;
  /// The layers called on a list, which a keras_graph_layer's `list` indexes.
  rnnparams::detail::static_vector<keras::multi_input_layer, MaxCalls> merges_;
  /// The model's inputs and outputs: up to 64 each (a real model has 17 outputs).
  rnnparams::detail::static_vector<rnnparams::detail::keras_tensor_ref, 64> inputs_;
  rnnparams::detail::static_vector<rnnparams::detail::keras_tensor_ref, 64> outputs_;
  bool finished_ = false;
};

} // namespace rnnparams::keras
