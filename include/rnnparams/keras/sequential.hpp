// rnnparams/keras/sequential.hpp: Keras's Sequential model, checked layer by layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/fixed_string.hpp>
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

} // namespace rnnparams::keras

namespace rnnparams::detail {

/// The name errors of a whole model start with.
inline constexpr std::string_view keras_sequential_who = "rnnparams::keras::Sequential";

/// "rnnparams::keras::LSTM" for an LSTM, and so on.
template <class Layer>
constexpr std::string_view keras_who(const Layer& l) noexcept {
  return keras_apply(l, [](const auto& x) { return std::remove_cvref_t<decltype(x)>::who; });
}

/// Keras's automatic name for the ordinal-th layer of its class: "lstm", "lstm_1", ...
constexpr fixed_string<63> keras_auto_name(std::string_view stem, std::uint64_t ordinal) {
  fixed_string<63> name{stem};
  if (ordinal != 0) {
    name.append("_").append_decimal(ordinal);
  }
  return name;
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

/// The output shape of layer `l` (a keras::layer, or a layer of a known class), at `position`
/// (1-based) in a Sequential model, for `input`, after a layer that returns only its last state or not. Every
/// model-level rule lives here; the layer's own rules live in its compute_output_shape.
template <class Layer>
constexpr shape keras_sequential_step(std::size_t position, const Layer& l,
                                      bool previous_returns_last_state_only, const shape& input) {
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
  return keras_apply(l, [&](const auto& x) { return x.compute_output_shape(input); });
}

/// Run time only, in a handler: runs `cleanup`, then throws the error in flight again, as its own type
/// (overflow_error or invalid_model), with the parts of `prefix` before its text; any other exception
/// goes on as it is. How Sequential, keras::model and Functional put a layer's position and name in
/// front of its message.
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

} // namespace rnnparams::detail

namespace rnnparams::detail {

/// The names of a model whose layers all take Keras's automatic names.
struct keras_auto_names {
  [[nodiscard]] static constexpr std::string_view name_of(std::size_t /*layer*/) noexcept { return {}; }
};

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
  /// Adds one layer's weights to the totals.
  constexpr void add_weights(const weight_sums& sums, std::string_view who) {
    params_ = checked_add(params_, sums.all(), who);
    trainable_ = checked_add(trainable_, sums.trainable(), who);
  }

private:
  std::uint64_t params_ = 0;
  std::uint64_t trainable_ = 0;
};

/// What Sequential and model share: the layers, the shape after each, and every query on them.
/// Layers and Shapes are std::array (Sequential) or std::vector (keras::model, keras/model.hpp);
/// shapes[0] is the input.
/// Names gives a layer's own name (Keras's name=...), or an empty one for an automatic name.
template <class Layers, class Shapes, class Names = keras_auto_names>
class keras_stack : public keras_counts {
public:
  /// The number of layers (the Input is not one).
  [[nodiscard]] constexpr std::size_t size() const noexcept { return layers_.size(); }
  /// The i-th layer (0-based).
  [[nodiscard]] constexpr const keras::layer& operator[](std::size_t i) const noexcept { return layers_[i]; }

  /// The model's input shape, without the batch axis.
  [[nodiscard]] constexpr const shape& input_shape() const noexcept { return shapes_[0]; }
  /// The model's output shape, without the batch axis.
  [[nodiscard]] constexpr const shape& output_shape() const noexcept { return shapes_[size()]; }

  /// Multiply-accumulates per sample, summed over the layers; nullopt when one layer's is unknown.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs() const {
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < size(); ++i) {
      const auto m = keras::macs(layers_[i], shapes_[i]);
      if (!m) {
        return std::nullopt;
      }
      total = checked_add(total, *m, keras_sequential_who);
    }
    return total;
  }

  /// The i-th layer (0-based) with its name, shapes, weights and counts.
  [[nodiscard]] constexpr keras::layer_info info(std::size_t i) const {
    return keras_layer_info(name(i), layers_[i], shapes_[i], shapes_[i + 1]);
  }

  /// The i-th layer's name (0-based): its own, or Keras's automatic name, the class's stem numbered
  /// among the automatically named layers of that class in the model.
  [[nodiscard]] constexpr fixed_string<63> name(std::size_t i) const { return name(i, layers_[i]); }

protected:
  constexpr keras_stack() = default;
  constexpr keras_stack(Layers layers, Shapes shapes)
      : layers_(std::move(layers)), shapes_(std::move(shapes)) {}

  /// Checks the layer at `position` (1-based), `current` (its keras::layer, or the layer itself when
  /// its class is known), against the shape before it, stores its output shape and adds its counts
  /// to the totals. A layer of a known class is checked without a visit of keras::layer's alternatives.
  /// At run time the caller's handler passes a failure to rethrow_at.
  template <class Layer>
  constexpr void check(std::size_t position, const Layer& current) {
    const shape& input = shapes_[position - 1];
    shapes_[position] = keras_sequential_step(position, current, last_state_only_, input);
    const weight_sums sums = keras_apply(current, [&](const auto& x) { return keras_weight_sums(x, input); });
    add_weights(sums, keras_sequential_who);
    last_state_only_ = keras_returns_last_state_only(current);
  }

  /// Run time only, in a handler of what check(position, ...) threw: runs `cleanup`, then throws the
  /// error again, as its own type, with the position and name in front: "rnnparams::keras::Sequential:
  /// layer 2 (lstm_1): ...". One handler per model type rather than one per layer class, and the name
  /// is spelled at run time, so that checking a model instantiates neither.
  template <class Cleanup>
  [[noreturn]] void rethrow_at(std::size_t position, Cleanup cleanup) const {
    const fixed_string<63> stem = keras_snake_case(keras::class_name(layers_[position - 1]));
    const fixed_string<63> layer_name = name(position - 1, stem.view());
    fixed_string<63> number; // the capacity the names use: one instantiation
    number.append_decimal(position);
    keras_rethrow_with(
        {"rnnparams::keras::Sequential: layer ", number.view(), " (", layer_name.view(), "): "}, cleanup);
  }

  /// name(i) for the i-th layer, `l` (its keras::layer, or the layer itself when its class is known).
  template <class Layer>
  [[nodiscard]] constexpr fixed_string<63> name(std::size_t i, const Layer& l) const {
    return name(i, keras_stem(l));
  }

  /// name(i) for the i-th layer, whose class's stem is `stem`.
  [[nodiscard]] constexpr fixed_string<63> name(std::size_t i, std::string_view stem) const {
    if (!names_.name_of(i).empty()) {
      return fixed_string<63>{names_.name_of(i)};
    }
    std::uint64_t ordinal = 0;
    for (std::size_t j = 0; j < i; ++j) {
      ordinal += layers_[j].index() == layers_[i].index() && names_.name_of(j).empty() ? 1U : 0U;
      ordinal += keras_wrapped_of_class(
          layers_[j], keras::class_name(layers_[i])); // Bidirectional(LSTM(...)) named an LSTM
    }
    return keras_auto_name(stem, ordinal);
  }

  Layers layers_{};
  Shapes shapes_{};
  Names names_{};
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
class Sequential : public rnnparams::detail::keras_stack<std::array<layer, N>, std::array<shape, N + 1>> {
public:
  /// A compile error naming keras_layer means an argument after the Input is not a layer of rnnparams::keras.
  template <class... Layers>
    requires(sizeof...(Layers) == N && rnnparams::detail::all_of({keras_layer<Layers>...}))
  constexpr Sequential(const Input& input, const Layers&... layers)
      : Sequential::keras_stack{{layer{layers}...}, {input.shape}} {
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
