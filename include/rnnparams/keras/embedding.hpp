// rnnparams/keras/embedding.hpp: Keras's Embedding layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.Embedding: a lookup table of input_dim rows of output_dim values.
struct Embedding {
  std::int64_t input_dim = 0;
  std::int64_t output_dim = 0;
  bool trainable = true;

  static constexpr std::string_view class_name = "Embedding";
  static constexpr std::string_view who = "rnnparams::keras::Embedding";
  /// Takes any input of a rank it accepts, not only a sequence.
  static constexpr bool takes_a_sequence = false;
  /// keras.layers.Embedding's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("input_dim", &Embedding::input_dim, arg{.required = true});
    d.field("output_dim", &Embedding::output_dim, arg{.required = true});
    d.ignored("embeddings_initializer");
    d.ignored("embeddings_regularizer");
    d.ignored("embeddings_constraint");
    d.ignored("mask_zero");
    d.ignored("weights");
    d.unsupported("lora_rank", "LoRA adds lora_kernel_a and lora_kernel_b weights");
    d.ignored("lora_alpha");
    d.input_length("input_length");
    d.unsupported("quantization_config", "quantization replaces the float weights",
                  arg{.keyword_only = true});
  }

  /// embeddings (input_dim, output_dim): out.add(name, trainable, dims...) for each
  /// weight in Keras's order. weights() and count_params() are both read from here.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    (void)compute_output_shape(input);
    out.add("embeddings", trainable, input_dim, output_dim);
  }
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// The input's shape (integer indices) with output_dim appended: (T) -> (T, output_dim).
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    if (input_dim <= 0) {
      detail::report_invalid(who, "input_dim must be a positive integer"); // error here: the vocabulary size
    }
    if (output_dim <= 0) {
      detail::report_invalid(who, "output_dim must be a positive integer"); // error here: the vector size
    }
    shape output = input;
    return output.push_back(output_dim);
  }
  /// A lookup multiplies nothing: 0.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    (void)compute_output_shape(input);
    return 0;
  }
};

} // namespace rnnparams::keras
