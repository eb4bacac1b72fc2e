// rnnparams/keras/sequential.hpp: Keras's Sequential model, checked layer by layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/dtype.hpp>
#include <rnnparams/errors.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

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
  rnnparams::detail::fixed_string<31> name;
  std::string_view class_name;
  shape input_shape;
  shape output_shape;
  weight_list weights;
  std::uint64_t params = 0;
  std::uint64_t trainable_params = 0;
  std::uint64_t non_trainable_params = 0;
  /// Multiply-accumulates per sample; nullopt when a needed dimension is None.
  std::optional<std::uint64_t> macs;
};

} // namespace rnnparams::keras

namespace rnnparams::detail {

/// "rnnparams::keras::LSTM" for an LSTM, and so on.
constexpr std::string_view keras_who(const keras::layer& l) noexcept {
  return std::visit([](const auto& x) { return std::remove_cvref_t<decltype(x)>::who; }, l);
}

/// Keras's automatic name for the ordinal-th layer of its class: "lstm", "lstm_1", ...
constexpr fixed_string<31> keras_auto_name(std::string_view stem, std::uint64_t ordinal) {
  fixed_string<31> name{stem};
  if (ordinal != 0) {
    name.append("_").append_decimal(ordinal);
  }
  return name;
}

/// The class (kind) of each layer of a model and its ordinal among the layers of that class.
template <std::size_t N>
struct keras_layer_ids {
  std::array<keras::layer_kind, N> kinds{};
  std::array<std::uint64_t, N> ordinals{};
};

/// keras_layer_ids for a model made of Layers...
template <class... Layers>
inline constexpr auto keras_ids = [] {
  keras_layer_ids<sizeof...(Layers)> ids;
  std::array<std::uint64_t, std::variant_size_v<keras::layer>> seen{};
  std::size_t i = 0;
  for (const std::size_t kind : {variant_index<Layers, keras::layer>...}) {
    ids.kinds[i] = static_cast<keras::layer_kind>(kind);
    ids.ordinals[i++] = seen[kind]++;
  }
  return ids;
}();

/// The output shape of layer `l`, at `position` (1-based) in a Sequential model, for `input`.
/// Every model-level rule lives here; the layer's own rules live in its compute_output_shape.
constexpr shape keras_sequential_step(std::size_t position, const keras::layer& l,
                                      const keras::layer* previous, const shape& input) {
  if (std::holds_alternative<keras::Embedding>(l) && position != 1) {
    // error here: an Embedding looks up integer indices, which only the model's Input holds.
    report_invalid("rnnparams::keras::Embedding", "takes integer indices, so it must be the first layer");
  }
  if (previous != nullptr && keras::needs_a_sequence(l) && keras::returns_last_state_only(*previous) &&
      input.rank() < 2) {
    // error here: the layer named in the notes needs (batch, timesteps, features), but the recurrent layer
    // before it outputs only its last state (batch, units). Pass return_sequences=True to that layer.
    // clang-format off
    report_invalid(keras_who(l), "expects a 3-D input (batch, timesteps, features), but the recurrent layer before it returns only its last state: set return_sequences=True on it");
    // clang-format on
  }
  return keras::compute_output_shape(l, input);
}

/// "rnnparams::keras::Sequential: layer 2 (lstm_1): " + what.
inline std::string keras_sequential_context(std::size_t position, std::string_view name, const char* what) {
  std::string message = "rnnparams::keras::Sequential: layer ";
  message += std::to_string(position);
  message += " (";
  message += name;
  message += "): ";
  message += what;
  return message;
}

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// keras.Sequential: an Input and N layers, each checked against the shape the one before produces.
/// `constexpr auto model = Sequential{Input{3, 1}, SimpleRNN{.units = 10}, Dense{.units = 1}};`
template <std::size_t N>
class Sequential {
public:
  /// A compile error naming keras_layer means an argument after the Input is not a layer of rnnparams::keras.
  template <class... Layers>
  requires(sizeof...(Layers) == N &&
           rnnparams::detail::all_of({keras_layer<Layers>...})) constexpr Sequential(const Input& input,
                                                                                     const Layers&... layers)
      : layers_{layer{std::in_place_type<Layers>, layers}...} {
    shapes_[0] = input.shape;
    build<Layers...>(std::index_sequence_for<Layers...>{});
  }

  /// The number of layers (the Input is not one).
  [[nodiscard]] static constexpr std::size_t size() noexcept { return N; }

  /// The i-th layer (0-based).
  [[nodiscard]] constexpr const layer& operator[](std::size_t i) const noexcept { return layers_[i]; }

  /// The model's input shape, without the batch axis.
  [[nodiscard]] constexpr const shape& input_shape() const noexcept { return shapes_[0]; }
  /// The model's output shape, without the batch axis.
  [[nodiscard]] constexpr const shape& output_shape() const noexcept { return shapes_[N]; }

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
  /// Multiply-accumulates per sample, summed over the layers; nullopt when one layer's is unknown.
  [[nodiscard]] constexpr std::optional<std::uint64_t> macs() const {
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < N; ++i) {
      const auto m = keras::macs(layers_[i], shapes_[i]);
      if (!m) {
        return std::nullopt;
      }
      total = rnnparams::detail::checked_add(total, *m, "rnnparams::keras::Sequential");
    }
    return total;
  }

  /// The i-th layer (0-based) with its name, shapes, weights and counts.
  [[nodiscard]] constexpr layer_info info(std::size_t i) const {
    layer_info result;
    result.name = name(i);
    result.class_name = class_name(layers_[i]);
    result.input_shape = shapes_[i];
    result.output_shape = shapes_[i + 1];
    result.weights = weights(layers_[i], shapes_[i]);
    result.params = result.weights.count();
    result.trainable_params = result.weights.trainable_count();
    result.non_trainable_params = result.weights.non_trainable_count();
    result.macs = keras::macs(layers_[i], shapes_[i]);
    return result;
  }

  /// Keras's automatic name of the i-th layer (0-based).
  [[nodiscard]] constexpr rnnparams::detail::fixed_string<31> name(std::size_t i) const {
    std::uint64_t ordinal = 0;
    for (std::size_t j = 0; j < i; ++j) {
      ordinal += layers_[j].index() == layers_[i].index() ? 1U : 0U;
    }
    return rnnparams::detail::keras_auto_name(default_name(layers_[i]), ordinal);
  }

private:
  template <class... Layers, std::size_t... Is>
  constexpr void build(std::index_sequence<Is...> /*positions*/) {
    // One step per layer, instantiated with its position, class and ordinal: a compile error in a layer
    // shows "step<2, rnnparams::keras::layer_kind::lstm, 1>", i.e. layer 2, named lstm_1.
    constexpr const auto& ids = rnnparams::detail::keras_ids<Layers...>;
    [[maybe_unused]] const bool done[] = {step<Is + 1, ids.kinds[Is], ids.ordinals[Is]>()...};
    params_ = 0;
    trainable_ = 0;
    for (std::size_t i = 0; i < N; ++i) {
      const weight_list w = weights(layers_[i], shapes_[i]);
      params_ = rnnparams::detail::checked_add(params_, w.count(), "rnnparams::keras::Sequential");
      trainable_ =
          rnnparams::detail::checked_add(trainable_, w.trainable_count(), "rnnparams::keras::Sequential");
    }
  }

  template <std::size_t Position, layer_kind Kind, std::uint64_t Ordinal>
  constexpr bool step() {
    const layer* previous = Position > 1 ? &layers_[Position - 2] : nullptr;
    try {
      shapes_[Position] = rnnparams::detail::keras_sequential_step(Position, layers_[Position - 1], previous,
                                                                   shapes_[Position - 1]);
      (void)weights(layers_[Position - 1], shapes_[Position - 1]).count(); // counts that overflow fail here
    } catch (const rnnparams::overflow_error& e) {
      throw rnnparams::overflow_error(
          rnnparams::detail::keras_sequential_context(Position, name(Position - 1), e.what()));
    } catch (const invalid_model& e) {
      throw invalid_model(
          rnnparams::detail::keras_sequential_context(Position, name(Position - 1), e.what()));
    }
    return true;
  }

  std::array<layer, N> layers_;
  std::array<shape, N + 1> shapes_{};
  std::uint64_t params_ = 0;
  std::uint64_t trainable_ = 0;
};

template <class... Layers>
Sequential(const Input&, const Layers&...) -> Sequential<sizeof...(Layers)>;

} // namespace rnnparams::keras
