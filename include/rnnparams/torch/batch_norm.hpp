// rnnparams/torch/batch_norm.hpp: PyTorch's BatchNorm1d module.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/named_tensor.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// num_features, checked.
constexpr std::uint64_t torch_batch_norm_features(std::string_view who, std::int64_t num_features) {
  if (num_features <= 0) {
    report_invalid(who, "num_features must be greater than zero"); // error here: set .num_features
  }
  return static_cast<std::uint64_t>(num_features);
}

/// Checks an input (N, C) or (N, C, L) with C = num_features.
constexpr void check_torch_batch_norm_input(std::string_view who, const shape& input,
                                            std::uint64_t num_features) {
  if (input.rank() != 2 && input.rank() != 3) {
    report_invalid(who, "expected 2D or 3D input (N, C) or (N, C, L)"); // error here: include the batch axis
  }
  if (!input[1].known() || input[1].value() != num_features) {
    report_invalid(who, "the input's axis 1 (channels) must equal num_features"); // error here: check C
  }
}

} // namespace rnnparams::detail

namespace rnnparams::torch {

/// torch.nn.BatchNorm1d: weight, bias (C) are parameters; the running statistics are buffers.
struct BatchNorm1d {
  std::int64_t num_features = 0;
  double eps = 1e-5;
  rnnparams::optional<double> momentum = 0.1;
  bool affine = true;
  bool track_running_stats = true;

  static constexpr std::string_view class_name = "BatchNorm1d";
  static constexpr std::string_view who = "rnnparams::torch::BatchNorm1d";

  /// BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True,
  /// device=None, dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("num_features", &BatchNorm1d::num_features, arg{.required = true});
    d.field("eps", &BatchNorm1d::eps);
    d.field("momentum", &BatchNorm1d::momentum);
    d.field("affine", &BatchNorm1d::affine);
    d.field("track_running_stats", &BatchNorm1d::track_running_stats);
    d.ignored("device");
    d.float32_only("dtype");
  }

  /// sum(p.numel() for p in module.parameters()): 2C with affine, else 0.
  [[nodiscard]] constexpr std::uint64_t count_params() const { return named_parameters().numel(); }
  /// weight (C), bias (C) with affine.
  [[nodiscard]] constexpr fixed_tensor_list named_parameters() const {
    const std::uint64_t c = detail::torch_batch_norm_features(who, num_features);
    detail::torch_tensor_array p{who, {}};
    if (affine) {
      p.add("weight", {c}).add("bias", {c});
    }
    return fixed_tensor_list{p};
  }
  /// running_mean (C), running_var (C) float32 and num_batches_tracked () int64, with track_running_stats.
  [[nodiscard]] constexpr fixed_tensor_list named_buffers() const {
    const std::uint64_t c = detail::torch_batch_norm_features(who, num_features);
    detail::torch_tensor_array b{who, {}};
    if (track_running_stats) {
      b.add("running_mean", {c}).add("running_var", {c}).add("num_batches_tracked", {}, "int64");
    }
    return fixed_tensor_list{b};
  }
  /// The elements of the buffers: 2C + 1 with track_running_stats, else 0.
  [[nodiscard]] constexpr std::uint64_t count_buffers() const { return named_buffers().numel(); }
  /// (N, C) or (N, C, L), unchanged.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    detail::check_torch_batch_norm_input(who, input, detail::torch_batch_norm_features(who, num_features));
    return input;
  }
};

} // namespace rnnparams::torch
