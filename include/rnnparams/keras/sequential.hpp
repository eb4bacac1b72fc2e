// rnnparams/keras/sequential.hpp: Keras's Sequential model, checked layer by layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/keras_graph.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/dtype.hpp>
#include <rnnparams/errors.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <type_traits>
#include <utility>

namespace rnnparams::keras {

/// keras.Input(shape=...): a model's input shape, without the batch axis.
struct Input {
  rnnparams::shape shape;

  constexpr Input(std::initializer_list<dim> dims) : shape{dims} {}
  constexpr explicit Input(const rnnparams::shape& s) : shape{s} {}
};

} // namespace rnnparams::keras

namespace rnnparams::detail {

/// The name errors of a whole model start with.
inline constexpr std::string_view keras_sequential_who = "rnnparams::keras::Sequential";

/// "rnnparams::keras::LSTM" for an LSTM, and so on.
template <class Layer>
constexpr std::string_view keras_who(const Layer& l) noexcept {
  return keras_apply(l, [](const auto& x) { return std::remove_cvref_t<decltype(x)>::who; });
}

/// The ordinal of each layer of a model made of Layers... among the layers of its class: lstm_1 is 1.
template <class... Layers>
inline constexpr auto keras_ordinals = [] {
  std::array<std::uint64_t, sizeof...(Layers)> ordinals{};
  std::array<std::uint64_t, keras::layer_types::size> seen{};
  std::size_t i = 0;
  for (const std::size_t kind : {index_of<Layers, keras::layer_types>...}) {
    ordinals[i++] = seen[kind]++;
  }
  return ordinals;
}();

/// Where a Sequential<N> (keras_chain's Store) keeps its layers and shapes: in the object, as arrays (the
/// cheapest for a deep model's constant evaluation on both compilers), the N layers and N + 1 shapes (the
/// input's, then each layer's output, filled in as the layers are checked); its layers take automatic
/// names.
template <std::size_t N>
struct keras_chain_store {
  using layers = std::array<keras::layer, N>;
  using shapes = std::array<shape, N + 1>;
  struct names {
    [[nodiscard]] static constexpr std::string_view of(std::size_t /*layer*/) noexcept { return {}; }
  };
};

/// A graph (keras_graph's Records) that is a chain: an InputLayer (layer 0, call 0), then layer i called
/// once, as call i, on the output of call i - 1. Kept as its layers and their output shapes alone, all the
/// rest implied by the position, which keeps a deep Sequential's constant evaluation as cheap as a list
/// of layers and shapes. Store says where the lists live: keras_chain_store<N> (Sequential<N>), or
/// keras/model.hpp's growing one (keras::model), which also keeps the layers' own names.
template <class Store>
class keras_chain {
protected:
  using layers_type = typename Store::layers;

  /// The chain of these layers on `input`, not yet called.
  constexpr keras_chain(layers_type&& layers, const shape& input)
      : layers_{std::move(layers)}, shapes_{input} {}

  // What keras_graph reads of the graph.
  [[nodiscard]] static constexpr bool is_input(std::uint32_t i) noexcept { return i == 0; }
  [[nodiscard]] static constexpr bool takes_a_list(std::uint32_t /*i*/) noexcept { return false; }
  [[nodiscard]] constexpr std::uint32_t kind(std::uint32_t i) const noexcept {
    return i == 0 ? keras_input_kind : static_cast<std::uint32_t>(layers_[i - 1].index());
  }
  [[nodiscard]] constexpr std::string_view own_name(std::uint32_t i) const noexcept {
    return i == 0 ? std::string_view{} : names_.of(i - 1);
  }
  [[nodiscard]] constexpr const keras::layer& layer_of(std::uint32_t i) const noexcept {
    return layers_[i - 1];
  }
  [[nodiscard]] static constexpr std::string_view list_stem(std::uint32_t /*i*/) noexcept { return {}; }
  [[nodiscard]] constexpr std::uint32_t call_count() const noexcept {
    return static_cast<std::uint32_t>(shapes_.size());
  }
  [[nodiscard]] static constexpr std::uint32_t call_layer(std::uint32_t n) noexcept { return n; }
  [[nodiscard]] static constexpr bool call_in_model(std::uint32_t /*n*/) noexcept { return true; }
  [[nodiscard]] static constexpr keras_tensor_ref call_input(std::uint32_t n, std::uint32_t /*k*/) noexcept {
    return {n - 1, 0};
  }
  [[nodiscard]] constexpr const shape& call_output(std::uint32_t n, std::uint32_t /*k*/) const noexcept {
    return shapes_[n];
  }
  [[nodiscard]] static constexpr std::uint32_t first_call_ever(std::uint32_t index) noexcept { return index; }
  [[nodiscard]] static constexpr std::uint32_t first_call(std::uint32_t index) noexcept { return index; }

  /// Layer i + 1 of the graph is layers_[i]; shapes_[i] is call i's output (the model's input first).
  layers_type layers_;
  typename Store::shapes shapes_;
  typename Store::names names_;
};

/// What Sequential and keras::model are: a chain graph (keras_chain above, with the queries of
/// detail/keras_graph.hpp) whose first layer is the InputLayer and each further layer is called once, on
/// the output of the one before, with every query on it. Store is keras_chain_store<N> (Sequential) or
/// keras/model.hpp's growing one (keras::model).
template <class Store>
class keras_stack : public keras_graph<keras_chain<Store>> {
  using graph = keras_graph<keras_chain<Store>>;

public:
  /// The number of layers (the Input is not one, as Keras's Sequential.layers does not list it).
  [[nodiscard]] constexpr std::size_t size() const noexcept { return this->layers_.size(); }
  /// The i-th layer (0-based).
  [[nodiscard]] constexpr const keras::layer& operator[](std::size_t i) const noexcept {
    return this->layers_[i];
  }

  /// The model's input shape, without the batch axis.
  [[nodiscard]] constexpr const shape& input_shape() const noexcept { return this->shapes_[0]; }
  /// The model's output shape, without the batch axis.
  [[nodiscard]] constexpr const shape& output_shape() const noexcept {
    return this->shapes_[this->shapes_.size() - 1];
  }

  /// Multiply-accumulates per sample, summed over the layers; nullopt when one layer's is unknown.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs() const {
    return this->macs_with([](std::uint32_t /*n*/) { return rnnparams::optional<std::uint64_t>{}; },
                           keras_sequential_who);
  }

  /// The i-th layer (0-based) with its name, shapes, weights and counts.
  [[nodiscard]] constexpr keras::layer_info info(std::size_t i) const {
    return this->info_of(static_cast<std::uint32_t>(i + 1));
  }

  /// The i-th layer's name (0-based): its own, or Keras's automatic name, the class's stem numbered
  /// among the automatically named layers of that class in the model.
  [[nodiscard]] constexpr fixed_string<63> name(std::size_t i) const {
    return this->name_of(static_cast<std::uint32_t>(i + 1));
  }

protected:
  /// The model of `input` and `layers`, not yet called (check calls each).
  constexpr keras_stack(const shape& input, typename graph::layers_type&& layers)
      : graph(std::move(layers), input) {}

  /// Calls `current` (a layer of a known class, or a keras::layer), the layer at `position` (1-based, made
  /// already, with a slot for its output shape), on the output of the one before: checks it with
  /// Sequential's rules, then its own (its weights first), keeps its output shape and adds its counts to
  /// the totals. Every model-level rule
  /// lives here; the layer's own rules live in its compute_output_shape and weights. A layer of a known
  /// class is checked without a visit of keras::layer's alternatives. At run time the caller's handler
  /// passes a failure to rethrow_at.
  template <class Layer>
  constexpr void check(std::size_t position, const Layer& current) {
    const shape& input = this->shapes_[position - 1];
    if (keras_holds<keras::Embedding>(current) && position != 1) {
      // error here: an Embedding looks up integer indices, which only the model's Input holds.
      report_invalid(keras::Embedding::who, "takes integer indices, so it must be the first layer");
    }
    if (keras_returns_state(current)) {
      // error here: return_state=True adds the states as outputs; only a functional model passes them on.
      // clang-format off
      report_invalid(keras_who(current), "return_state=True returns the states as extra outputs, which a Sequential model cannot pass on: build a functional model (rnnparams/keras/functional.hpp)");
      // clang-format on
    }
    // The cheap test first: this runs once per layer of every model, within the compiler's step budget.
    if (input.rank() < 2 && last_state_only_ && keras_needs_a_sequence(current)) {
      // error here: the layer named in the notes needs (batch, timesteps, features), but the recurrent
      // layer before it outputs only its last state (batch, units). Pass return_sequences=True to that layer.
      // clang-format off
      report_invalid(keras_who(current), "expects a 3-D input (batch, timesteps, features), but the recurrent layer before it returns only its last state: set return_sequences=True on it");
      // clang-format on
    }
    keras_apply(current, [&](const auto& x) {
      const weight_sums sums = keras_weight_sums(x, input);
      this->shapes_[position] = x.compute_output_shape(input);
      this->add_weights(sums.all(), sums.trainable(), keras_sequential_who);
    });
    last_state_only_ = keras_returns_last_state_only(current);
  }

  /// Run time only, in a handler of what check(position, ...) threw: runs `cleanup`, then throws the
  /// error again, as its own type, with the position and name in front: "rnnparams::keras::Sequential:
  /// layer 2 (lstm_1): ...". One handler per model type rather than one per layer class, and the name
  /// is spelled at run time, so that checking a model instantiates neither.
  template <class Cleanup>
  [[noreturn]] void rethrow_at(std::size_t position, Cleanup cleanup) const {
    const auto index = static_cast<std::uint32_t>(position);
    const fixed_string<63> stem = keras_snake_case(keras::class_name(this->layer_of(index)));
    const fixed_string<63> layer_name = this->name_of(index, stem.view());
    fixed_string<63> number; // the capacity the names use: one instantiation
    number.append_decimal(position);
    keras_rethrow_with(
        {"rnnparams::keras::Sequential: layer ", number.view(), " (", layer_name.view(), "): "}, cleanup);
  }

  /// Whether the last layer checked returns only its last state (a recurrent layer without
  /// return_sequences): the next layer must not need a sequence.
  bool last_state_only_ = false;
};

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// keras.Sequential with its layers fixed in the source: usable in constant expressions, where a
/// layer that does not fit is a compile error naming its position and Keras name.
/// `constexpr auto model = Sequential{Input{3, 1}, SimpleRNN{.units = 10}, Dense{.units = 1}};`
template <std::size_t N>
class Sequential : public rnnparams::detail::keras_stack<rnnparams::detail::keras_chain_store<N>> {
public:
  /// A compile error naming keras_layer means an argument after the Input is not a layer of rnnparams::keras.
  template <class... Layers>
    requires(sizeof...(Layers) == N && rnnparams::detail::all_of({keras_layer<Layers>...}))
  constexpr Sequential(const Input& input, const Layers&... layers)
      : Sequential::keras_stack{input.shape, {layer{layers}...}} {
    build<Layers...>(std::index_sequence_for<Layers...>{}, layers...);
  }

private:
  template <class... Layers, std::size_t... Is>
  constexpr void build(std::index_sequence<Is...> /*positions*/, const Layers&... layers) {
    // One step per layer, instantiated with its position, class and ordinal: a compile error in a layer
    // shows "step<2, rnnparams::keras::LSTM, 1>", i.e. layer 2, an LSTM named lstm_1.
    constexpr const auto& ordinals = rnnparams::detail::keras_ordinals<Layers...>;
    std::size_t position = 0; // the layer being checked, for the message of a failure at run time
    try {
      [[maybe_unused]] const bool done[] = {
          (position = Is + 1, step<Is + 1, Layers, ordinals[Is]>(layers))...};
    } catch (...) {
      this->rethrow_at(position, [] {});
    }
  }

  template <std::size_t Position, class Layer, std::uint64_t Ordinal>
  constexpr bool step(const Layer& l) {
    this->check(Position, l); // the layer's own class: no std::visit in the constant evaluation
    return true;
  }
};

template <class... Layers>
Sequential(const Input&, const Layers&...) -> Sequential<sizeof...(Layers)>;

} // namespace rnnparams::keras
