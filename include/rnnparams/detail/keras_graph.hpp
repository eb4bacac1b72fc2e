// rnnparams/detail/keras_graph.hpp: the graph of layer calls every Keras model is (Sequential, keras::model,
// Functional): the queries every one answers (names, info, MACs, totals). SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/fixed_string.hpp>
#include <rnnparams/detail/report.hpp>
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

/// A tensor inside the graph: output `index` of call `node`.
struct keras_tensor_ref {
  std::uint32_t node = 0;
  std::uint32_t index = 0;
  friend constexpr bool operator==(const keras_tensor_ref&, const keras_tensor_ref&) = default;
};

/// The kind of an InputLayer in keras_graph's numbering of automatic names (a keras::layer's kind is its
/// index in keras::layer_types, a layer called on a list's comes after those).
inline constexpr std::uint32_t keras_input_kind = 0xFFFFFFFFU;

/// The graph of layer calls every Keras model is, as Keras's Functional (whose subclass Sequential is)
/// keeps it: its layers in the order they were made (an InputLayer first), every call of a layer with
/// its input tensors and output shapes, and the queries every model answers on them (names, info, MACs).
/// Records is how the graph is kept, and answers what these queries read of it:
/// - of layer i: is_input(i), takes_a_list(i), kind(i), own_name(i) (empty for the automatic name),
///   layer_of(i) (its keras::layer) and list_stem(i) (a list layer's stem: "concatenate");
/// - of call n: call_count(), call_layer(n), call_in_model(n), call_input(n, k), call_output(n, k);
/// - first_call_ever(i) (the one its weights were built for) and first_call(i) (its first in the model).
/// keras_chain (keras/sequential.hpp) is a chain of layers, each called once on the output of the one
/// before, kept as its layers and their output shapes alone (Sequential, keras::model); keras_records
/// (detail/keras_graph_records.hpp) keeps every layer's and call's record (Functional).
template <class Records>
class keras_graph : public keras_counts, public Records {
public:
  /// Multiply-accumulates per sample over every call of one input (a shared layer's for each); none when
  /// one is unknown. `list_macs(n)` gives call n of a layer called on a list.
  template <class ListMacs>
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs_with(const ListMacs& list_macs,
                                                                       std::string_view who) const {
    std::uint64_t total = 0;
    for (std::uint32_t n = 0; n < this->call_count(); ++n) {
      const std::uint32_t index = this->call_layer(n);
      if (!this->call_in_model(n) || this->is_input(index)) {
        continue;
      }
      const rnnparams::optional<std::uint64_t> m =
          this->takes_a_list(index) ? list_macs(n)
                                    : keras::macs(this->layer_of(index), shape_of(this->call_input(n, 0)));
      if (!m) {
        return std::nullopt;
      }
      total = checked_add(total, *m, who);
    }
    return total;
  }

protected:
  using Records::Records;

  [[nodiscard]] constexpr const shape& shape_of(const keras_tensor_ref& t) const {
    return this->call_output(t.node, t.index);
  }

  /// The input of the first call of layer `index` (of one input), which its weights were built for.
  [[nodiscard]] constexpr const shape& built_on(std::uint32_t index) const {
    return shape_of(this->call_input(this->first_call_ever(index), 0));
  }

  /// The model's i-th layer (Keras's model.layers[i]) with its name, shapes (of its first call), weights
  /// and counts; a layer called on a list is not one (Functional describes those).
  [[nodiscard]] constexpr keras::layer_info info_of(std::uint32_t index) const {
    const shape& output = this->call_output(this->first_call(index), 0);
    if (!this->is_input(index)) { // built on its first call's input
      return keras_layer_info(name_of(index), this->layer_of(index), built_on(index), output);
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
    if (const std::string_view own = this->own_name(index); !own.empty()) {
      return fixed_string<63>{own};
    }
    const std::uint32_t kind = this->kind(index); // each kind of its own: InputLayer, list layer, layer
    const bool plain = !this->is_input(index) && !this->takes_a_list(index);
    const std::string_view cls = plain ? keras::class_name(this->layer_of(index)) : std::string_view{};
    std::uint64_t ordinal = 0;
    for (std::uint32_t j = 0; j < index; ++j) {
      ordinal += this->kind(j) == kind && this->own_name(j).empty() ? 1U : 0U;
      if (plain && !this->is_input(j) && !this->takes_a_list(j)) {
        ordinal += keras_wrapped_of_class(this->layer_of(j), cls); // Bidirectional(LSTM(...)) named an LSTM
      }
    }
    return keras_auto_name(stem, ordinal);
  }

  /// name_of(index, stem) with the stem of its class: an InputLayer's, a list layer's own, or a
  /// keras::layer's from the table.
  [[nodiscard]] constexpr fixed_string<63> name_of(std::uint32_t index) const {
    const std::string_view stem = this->is_input(index)       ? std::string_view{"input_layer"}
                                  : this->takes_a_list(index) ? this->list_stem(index)
                                                              : keras::default_name(this->layer_of(index));
    return name_of(index, stem);
  }
};

} // namespace rnnparams::detail
