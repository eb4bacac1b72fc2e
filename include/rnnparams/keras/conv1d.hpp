// rnnparams/keras/conv1d.hpp: Keras's Conv1D layer.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/text.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::keras {

/// keras.layers.Conv1D: kernel_size · (channels / groups) · filters + filters parameters.
struct Conv1D {
  std::int64_t filters = 0;
  std::int64_t kernel_size = 0;
  std::int64_t strides = 1;
  /// "valid", "same" or "causal".
  std::string_view padding = "valid";
  std::int64_t dilation_rate = 1;
  std::int64_t groups = 1;
  bool use_bias = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "Conv1D";
  static constexpr std::string_view who = "rnnparams::keras::Conv1D";
  /// Needs a (timesteps, features) input: a Sequential model checks the layer before it.
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.Conv1D's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.alias("Convolution1D");
    d.field("filters", &Conv1D::filters, arg{.required = true});
    d.field("kernel_size", &Conv1D::kernel_size, arg{.required = true, .one_tuple = true});
    d.field("strides", &Conv1D::strides, arg{.one_tuple = true});
    d.field("padding", &Conv1D::padding);
    d.only("data_format", "channels_last", "rnnparams models channels_last inputs (batch, steps, channels)");
    d.field("dilation_rate", &Conv1D::dilation_rate, arg{.one_tuple = true});
    d.field("groups", &Conv1D::groups);
    d.ignored("activation");
    d.field("use_bias", &Conv1D::use_bias);
    detail::keras_kernel_bias_arguments(d);
    d.unsupported("lora_rank", "LoRA adds lora_kernel_a and lora_kernel_b weights",
                  arg{.keyword_only = true});
    d.ignored("lora_alpha", arg{.keyword_only = true});
    d.unsupported("quantization_config", "quantization replaces the float weights",
                  arg{.keyword_only = true});
  }

  /// kernel (kernel_size, channels / groups, filters), bias (filters): out.add(name, trainable, dims...) for
  /// each weight in Keras's order. weights() and count_params() are both read from here.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    const std::uint64_t c = channels_per_group(input);
    out.add("kernel", trainable, kernel_size, c, filters);
    if (use_bias) {
      out.add("bias", trainable, filters);
    }
  }
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// (steps', filters), steps' = ⌊(steps − dilation·(k − 1) − 1) / strides⌋ + 1 for "valid",
  /// ⌊(steps − 1) / strides⌋ + 1 for "same" and "causal"; None stays None.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    (void)channels_per_group(input);
    return {detail::keras_window_output(who, input[0], static_cast<std::uint64_t>(kernel_size),
                                        static_cast<std::uint64_t>(strides),
                                        static_cast<std::uint64_t>(dilation_rate), padding),
            filters};
  }
  /// Multiply-accumulates per sample: steps' · kernel_size · (channels / groups) · filters.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    const std::uint64_t c = channels_per_group(input);
    const std::uint64_t per_step =
        detail::checked_mul(detail::checked_mul(static_cast<std::uint64_t>(kernel_size), c, who),
                            static_cast<std::uint64_t>(filters), who);
    return detail::keras_times(compute_output_shape(input)[0], per_step, who);
  }

private:
  // Keras's BaseConv checks, in its order, then the input's channels.
  [[nodiscard]] constexpr std::uint64_t channels_per_group(const shape& input) const {
    if (filters <= 0) {
      detail::report_invalid(who, "filters must be a positive integer"); // error here: filters >= 1
    }
    if (kernel_size <= 0) {
      detail::report_invalid(who, "kernel_size must be a positive integer"); // error here: kernel_size >= 1
    }
    if (strides <= 0) {
      detail::report_invalid(who, "strides must be a positive integer"); // error here: strides >= 1
    }
    if (dilation_rate <= 0) {
      // error here: dilation_rate >= 1
      // clang-format off
      detail::report_invalid(who, "dilation_rate must be a positive integer");
      // clang-format on
    }
    if (groups <= 0) {
      detail::report_invalid(who, "groups must be a positive integer"); // error here: groups >= 1
    }
    if (!detail::text_is(padding, "valid") && !detail::text_is(padding, "same") &&
        !detail::text_is(padding, "causal")) {
      detail::report_invalid(who, "padding must be \"valid\", \"same\" or \"causal\"");
    }
    if (strides > 1 && dilation_rate > 1) {
      detail::report_invalid(who, "strides > 1 is not supported together with dilation_rate > 1");
    }
    if (filters % groups != 0) {
      detail::report_invalid(who, "filters must be divisible by groups"); // error here: as Keras requires
    }
    const std::uint64_t channels = detail::keras_steps_channels(who, input);
    const auto g = static_cast<std::uint64_t>(groups);
    if (channels % g != 0) {
      // error here: each group convolves channels / groups input channels, so they must divide.
      detail::report_invalid(who, "the input's channels must be divisible by groups");
    }
    return channels / g;
  }
};

} // namespace rnnparams::keras
