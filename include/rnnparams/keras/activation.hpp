// rnnparams/keras/activation.hpp: Keras's Activation layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/tuple_text.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.Activation: no weights, shape unchanged.
struct Activation {
  /// The name of a function of keras.activations ("relu", "softmax", ...); None is "linear".
  std::string_view activation = {};
  bool trainable = true;

  static constexpr std::string_view class_name = "Activation";
  static constexpr std::string_view who = "rnnparams::keras::Activation";
  /// Takes any input, not only a sequence.
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.Activation's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("activation", &Activation::activation, arg{.required = true, .none_as = "linear"});
  }

  /// The names keras.activations.get() accepts in Keras 3.15 (ALL_OBJECTS_DICT of
  /// keras/src/activations/__init__.py: each function's name, and the aliases swish and hard_swish).
  static constexpr std::string_view keras_activations[] = {
      "relu",        "leaky_relu",     "relu6",       "softmax",      "celu",        "elu",
      "selu",        "softplus",       "softsign",    "squareplus",   "soft_shrink", "sparse_plus",
      "silu",        "gelu",           "glu",         "tanh",         "tanh_shrink", "threshold",
      "sigmoid",     "sparse_sigmoid", "exponential", "hard_sigmoid", "hard_silu",   "hard_tanh",
      "hard_shrink", "linear",         "mish",        "log_softmax",  "log_sigmoid", "sparsemax",
      "swish",       "hard_swish"};

  /// True when Keras 3 knows the activation's name.
  [[nodiscard]] static constexpr bool known_activation(std::string_view name) {
    for (std::string_view known : keras_activations) {
      if (name == known) {
        return true;
      }
    }
    return false;
  }

  /// Unchanged.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    if (!known_activation(activation)) {
      // error here: Keras 3 raises "Could not interpret activation function identifier"; use the name
      // of a function of keras.activations, such as "relu", "tanh" or "softmax".
      error_unknown_activation_name(activation);
    }
    return input;
  }
  RNNPARAMS_KERAS_WEIGHTLESS_QUERIES

private:
  /// Keras's message with the name; not constexpr, so a constant evaluation stops at its call.
  [[noreturn]] static void error_unknown_activation_name(std::string_view name) {
    detail::message_text message{"Could not interpret activation function identifier: "};
    detail::report_invalid(who, message.append(name)); // error here: a name keras.activations has
  }
};

} // namespace rnnparams::keras
