// rnnparams/torch/activation.hpp: PyTorch's activations and Dropout, modules without parameters that
// keep the input's shape.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/flatten.hpp>
#include <rnnparams/torch/weightless.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::torch {

/// torch.nn.ReLU: max(0, x), elementwise.
struct ReLU {
  bool inplace = false;

  static constexpr std::string_view class_name = "ReLU";
  static constexpr std::string_view who = "rnnparams::torch::ReLU";

  /// ReLU(inplace=False).
  template <class D>
  static constexpr void describe(D& d) {
    d.field("inplace", &ReLU::inplace);
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// The input's shape.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const { return input; }
};

/// torch.nn.Tanh, elementwise.
struct Tanh {
  static constexpr std::string_view class_name = "Tanh";
  static constexpr std::string_view who = "rnnparams::torch::Tanh";

  /// Tanh().
  template <class D>
  static constexpr void describe(D& /*d*/) {}

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// The input's shape.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const { return input; }
};

/// torch.nn.Sigmoid, elementwise.
struct Sigmoid {
  static constexpr std::string_view class_name = "Sigmoid";
  static constexpr std::string_view who = "rnnparams::torch::Sigmoid";

  /// Sigmoid().
  template <class D>
  static constexpr void describe(D& /*d*/) {}

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// The input's shape.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const { return input; }
};

/// torch.nn.GELU, elementwise; approximate is "none" or "tanh".
struct GELU {
  std::string_view approximate = "none";

  static constexpr std::string_view class_name = "GELU";
  static constexpr std::string_view who = "rnnparams::torch::GELU";

  /// GELU(approximate='none').
  template <class D>
  static constexpr void describe(D& d) {
    d.field("approximate", &GELU::approximate);
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// The input's shape; F.gelu checks approximate.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    if (approximate != "none" && approximate != "tanh") {
      // error here: set approximate to "none" or "tanh"
      detail::report_invalid(who, "approximate argument must be either none or tanh.");
    }
    return input;
  }
};

/// torch.nn.LeakyReLU: max(0, x) + negative_slope·min(0, x), elementwise.
struct LeakyReLU {
  double negative_slope = 0.01;
  bool inplace = false;

  static constexpr std::string_view class_name = "LeakyReLU";
  static constexpr std::string_view who = "rnnparams::torch::LeakyReLU";

  /// LeakyReLU(negative_slope=0.01, inplace=False).
  template <class D>
  static constexpr void describe(D& d) {
    d.field("negative_slope", &LeakyReLU::negative_slope);
    d.field("inplace", &LeakyReLU::inplace);
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// The input's shape.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const { return input; }
};

/// torch.nn.ELU: x, or alpha·(exp(x) − 1) below 0, elementwise.
struct ELU {
  double alpha = 1.0;
  bool inplace = false;

  static constexpr std::string_view class_name = "ELU";
  static constexpr std::string_view who = "rnnparams::torch::ELU";

  /// ELU(alpha=1.0, inplace=False).
  template <class D>
  static constexpr void describe(D& d) {
    d.field("alpha", &ELU::alpha);
    d.field("inplace", &ELU::inplace);
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// The input's shape.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const { return input; }
};

/// torch.nn.Softmax over one axis; dim=None picks PyTorch's legacy axis (0 for rank 0, 1 and 3, else 1).
struct Softmax {
  rnnparams::optional<std::int64_t> dim = std::nullopt;

  static constexpr std::string_view class_name = "Softmax";
  static constexpr std::string_view who = "rnnparams::torch::Softmax";

  /// Softmax(dim=None).
  template <class D>
  static constexpr void describe(D& d) {
    d.field("dim", &Softmax::dim);
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// The input's shape; dim must be an axis of it.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    if (dim) {
      static_cast<void>(detail::torch_wrap_dim(who, *dim, input.rank()));
    }
    return input;
  }
};

/// torch.nn.Dropout: zeroes elements with probability p while training; the shape is kept.
struct Dropout {
  double p = 0.5;
  bool inplace = false;

  static constexpr std::string_view class_name = "Dropout";
  static constexpr std::string_view who = "rnnparams::torch::Dropout";

  /// Dropout(p=0.5, inplace=False).
  template <class D>
  static constexpr void describe(D& d) {
    d.field("p", &Dropout::p);
    d.field("inplace", &Dropout::inplace);
  }

  /// Dropout.__init__'s check.
  constexpr void constructor_checks() const {
    if (!(p >= 0.0 && p <= 1.0)) {
      // error here: p is the probability of zeroing an element
      detail::report_invalid(who, "dropout probability has to be between 0 and 1");
    }
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// The input's shape.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    constructor_checks();
    return input;
  }
};

} // namespace rnnparams::torch
