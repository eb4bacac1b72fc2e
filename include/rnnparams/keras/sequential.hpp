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

/// The rules a Sequential model adds to its layers' own, for layer `l` (a keras::layer, or a layer of a known
/// class) at `position` (1-based), on `input`, after a layer that returns only its last state or not; then
/// `call()`, the layer's call in the graph. Every model-level rule lives here; the layer's own rules live in
/// its compute_output_shape and weights.
template <class Layer, class Call>
constexpr void keras_sequential_step(std::size_t position, const Layer& l,
                                     bool previous_returns_last_state_only, const shape& input,
                                     const Call& call) {
  if (keras_holds<keras::Embedding>(l) && position != 1) {
    // error here: an Embedding looks up integer indices, which only the model's Input holds.
    report_invalid(keras::Embedding::who, "takes integer indices, so it must be the first layer");
  }
  if (keras_returns_state(l)) {
    // error here: return_state=True adds the states as outputs; only a functional model passes them on.
    // clang-format off
    report_invalid(keras_who(l), "return_state=True returns the states as extra outputs, which a Sequential model cannot pass on: build a functional model (rnnparams/keras/functional.hpp)");
    // clang-format on
  }
  // The cheap test first: this runs once per layer of every model, within the compiler's step budget.
  if (input.rank() < 2 && previous_returns_last_state_only && keras_needs_a_sequence(l)) {
    // error here: the layer named in the notes needs (batch, timesteps, features), but the recurrent layer
    // before it outputs only its last state (batch, units). Pass return_sequences=True to that layer.
    // clang-format off
    report_invalid(keras_who(l), "expects a 3-D input (batch, timesteps, features), but the recurrent layer before it returns only its last state: set return_sequences=True on it");
    // clang-format on
  }
  call(); // the layer's own checks, inside this step: Clang 14's notes name the step and its position
}

} // namespace rnnparams::detail

namespace rnnparams::detail {

/// What Sequential and keras::model are: a graph (detail/keras_graph.hpp) whose first layer is the
/// InputLayer and each further layer is called once, on the output of the one before, with every query on
/// it. Store is keras_fixed_store<N + 1> (Sequential) or keras/model.hpp's growing one (keras::model).
template <class Store>
class keras_stack : public keras_graph<Store> {
public:
  /// The number of layers (the Input is not one, as Keras's Sequential.layers does not list it).
  [[nodiscard]] constexpr std::size_t size() const noexcept { return this->layers_.size() - 1; }
  /// The i-th layer (0-based).
  [[nodiscard]] constexpr const keras::layer& operator[](std::size_t i) const noexcept {
    return this->layers_[i + 1].layer;
  }

  /// The model's input shape, without the batch axis.
  [[nodiscard]] constexpr const shape& input_shape() const noexcept { return this->calls_[0].outputs[0]; }
  /// The model's output shape, without the batch axis.
  [[nodiscard]] constexpr const shape& output_shape() const noexcept {
    return this->calls_[this->calls_.size() - 1].outputs[0];
  }

  /// Multiply-accumulates per sample, summed over the layers; nullopt when one layer's is unknown.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs() const {
    return this->macs_with(
        [](const typename keras_graph<Store>::call_type&) { return rnnparams::optional<std::uint64_t>{}; },
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
  /// The model of `input` and `layers` (the InputLayer first, then the layers, made in place; check calls
  /// each), and the InputLayer's call.
  template <class... Layers>
  constexpr explicit keras_stack(const shape& input, const Layers&... layers)
      : keras_graph<Store>{keras_sequential_who, std::in_place, layers...} {
    this->calls_[this->add_input_call(0, input)].in_model = true;
  }

  /// Calls `current` (a layer of a known class, or a keras::layer), the layer at `position` (1-based, its
  /// record made), on the output of the one before: checks it with Sequential's rules and its own, and
  /// adds its counts to the totals. A layer of a known class is checked without a visit of
  /// keras::layer's alternatives. At run time the caller's handler passes a failure to rethrow_at.
  template <class Layer>
  constexpr void check(std::size_t position, const Layer& current) {
    const auto index = static_cast<std::uint32_t>(position);
    const keras_tensor_ref previous{index - 1, 0};
    keras_sequential_step(position, current, last_state_only_, this->shape_of(previous), [&] {
      typename keras_graph<Store>::call_type& c = this->new_call();
      this->make_call(c, index, current, previous);
      c.in_model = true;
      ++this->layers_[index].calls;
    });
    const keras_graph_layer& l = this->layers_[index];
    this->add_weights(l.params, l.trainable_params, keras_sequential_who);
    last_state_only_ = keras_returns_last_state_only(current);
  }

  /// Run time only, in a handler of what check(position, ...) threw: runs `cleanup`, then throws the
  /// error again, as its own type, with the position and name in front: "rnnparams::keras::Sequential:
  /// layer 2 (lstm_1): ...". One handler per model type rather than one per layer class, and the name
  /// is spelled at run time, so that checking a model instantiates neither.
  template <class Cleanup>
  [[noreturn]] void rethrow_at(std::size_t position, Cleanup cleanup) const {
    const auto index = static_cast<std::uint32_t>(position);
    const fixed_string<63> stem = keras_snake_case(keras::class_name(this->layers_[index].layer));
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
class Sequential
    : public rnnparams::detail::keras_stack<
          rnnparams::detail::keras_fixed_store<N + 1, rnnparams::detail::keras_graph_call<1, 1>>> {
public:
  /// A compile error naming keras_layer means an argument after the Input is not a layer of rnnparams::keras.
  template <class... Layers>
    requires(sizeof...(Layers) == N && rnnparams::detail::all_of({keras_layer<Layers>...}))
  constexpr Sequential(const Input& input, const Layers&... layers)
      : Sequential::keras_stack{input.shape, layers...} {
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
