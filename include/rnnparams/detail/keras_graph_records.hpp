// rnnparams/detail/keras_graph_records.hpp: a graph kept as a record of every layer and every call, which
// Functional builds. SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/keras_graph.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/static_vector.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace rnnparams::detail {

/// The most tensors one call takes (inputs, then initial states) and returns ([output, h, c] of each
/// direction of a Bidirectional LSTM).
inline constexpr std::size_t keras_max_call_inputs = 8;
inline constexpr std::size_t keras_max_call_outputs = 5;

/// One call of a layer (an Input is a call without inputs).
struct keras_graph_call {
  std::uint32_t layer = 0;
  /// Which call of its layer this is: the `node` of `name[node][tensor]`.
  std::uint32_t ordinal = 0;
  static_vector<keras_tensor_ref, keras_max_call_inputs> inputs;
  static_vector<shape, keras_max_call_outputs> outputs;
  /// Whether the model's outputs need it, and its depth there (Keras's nodes_by_depth key: the longest
  /// path to an output).
  bool in_model = false;
  std::uint64_t depth = 0;
};

/// One layer of the graph: a keras::layer, a layer called on a list of tensors (which Functional keeps
/// beside it) when `takes_a_list`, or an InputLayer when `is_input`.
struct keras_graph_layer {
  /// Makes an InputLayer's record.
  struct input_tag {};

  constexpr keras_graph_layer() = default;
  constexpr explicit keras_graph_layer(input_tag /*tag*/) : is_input{true}, kind{keras_input_kind} {}
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
  /// Layers of one kind are numbered together in their automatic names (keras_input_kind for an Input).
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

/// A graph (keras_graph's Records) kept as a record of each of its at most N layers and N calls, in the
/// object, usable in constant expressions: what Functional<N> builds, with layers called on tensors of
/// any call, several times, on lists, with initial states.
template <std::size_t N>
class keras_records {
protected:
  using call_type = keras_graph_call;

  /// `who` starts the messages of the model's own errors ("rnnparams::keras::Functional").
  constexpr explicit keras_records(std::string_view who) noexcept : who_{who} {}

  // What keras_graph reads of the graph.
  [[nodiscard]] constexpr bool is_input(std::uint32_t i) const noexcept { return layers_[i].is_input; }
  [[nodiscard]] constexpr bool takes_a_list(std::uint32_t i) const noexcept {
    return layers_[i].takes_a_list;
  }
  [[nodiscard]] constexpr std::uint32_t kind(std::uint32_t i) const noexcept { return layers_[i].kind; }
  [[nodiscard]] constexpr std::string_view own_name(std::uint32_t i) const noexcept {
    return layers_[i].own_name.view();
  }
  [[nodiscard]] constexpr const keras::layer& layer_of(std::uint32_t i) const noexcept {
    return layers_[i].layer;
  }
  [[nodiscard]] constexpr std::string_view list_stem(std::uint32_t i) const noexcept {
    return layers_[i].list_stem;
  }
  [[nodiscard]] constexpr std::uint32_t call_count() const noexcept {
    return static_cast<std::uint32_t>(calls_.size());
  }
  [[nodiscard]] constexpr std::uint32_t call_layer(std::uint32_t n) const noexcept { return calls_[n].layer; }
  [[nodiscard]] constexpr bool call_in_model(std::uint32_t n) const noexcept { return calls_[n].in_model; }
  [[nodiscard]] constexpr keras_tensor_ref call_input(std::uint32_t n, std::uint32_t k) const noexcept {
    return calls_[n].inputs[k];
  }
  [[nodiscard]] constexpr const shape& call_output(std::uint32_t n, std::uint32_t k) const noexcept {
    return calls_[n].outputs[k];
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

  /// The first call of layer `index` in the model (else its first call ever).
  [[nodiscard]] constexpr std::uint32_t first_call(std::uint32_t index) const {
    for (std::size_t n = 0; n < calls_.size(); ++n) {
      if (calls_[n].layer == index && calls_[n].in_model) {
        return static_cast<std::uint32_t>(n);
      }
    }
    return first_call_ever(index);
  }

  /// An InputLayer of `input_shape` named `name` (empty: automatic), and its call; returns the call.
  constexpr std::uint32_t add_input(const shape& input_shape, std::string_view name) {
    keras_graph_layer& l = new_layer();
    l = keras_graph_layer{keras_graph_layer::input_tag{}};
    l.own_name = fixed_string<63>{name};
    call_type& c = new_call();
    c.layer = static_cast<std::uint32_t>(layers_.size() - 1);
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

  /// Fills `c` with the call of layer `index` (`what`, of its own class or a keras::layer) on tensor `in`,
  /// checked against the layer (its first call builds its weights), with its output; Functional adds a
  /// recurrent layer's initial states and states, then commit_call.
  template <class Layer>
  constexpr void make_call(call_type& c, std::uint32_t index, const Layer& what, keras_tensor_ref in) {
    constexpr std::string_view who = keras_who_of<Layer>();
    keras_graph_layer& l = layers_[index];
    c.layer = index;
    c.ordinal = l.calls;
    c.inputs.push_back(in, who);
    const shape& input = calls_[in.node].outputs[in.index];
    keras_apply(what, [&](const auto& x) {
      if (c.ordinal ==
          0) { // the first call builds the weights; Functional checks a shared layer's later calls
        const weight_sums sums = keras_weight_sums(x, input);
        l.params = sums.all();
        l.trainable_params = sums.trainable();
      }
      c.outputs.push_back(x.compute_output_shape(input), who);
    });
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

  static_vector<keras_graph_layer, N> layers_{};
  static_vector<call_type, N> calls_{};
  std::string_view who_;

private:
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
};

} // namespace rnnparams::detail
