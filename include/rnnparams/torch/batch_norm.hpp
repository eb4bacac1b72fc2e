// rnnparams/torch/batch_norm.hpp: PyTorch's BatchNorm1d and BatchNorm2d modules.
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

/// Checks that the input's axis 1 (its channels) is num_features, once its rank has been checked.
constexpr void check_torch_batch_norm_channels(std::string_view who, const shape& input,
                                               std::uint64_t num_features) {
  if (!input[1].known() || input[1].value() != num_features) {
    report_invalid(who, "the input's axis 1 (channels) must equal num_features"); // error here: check C
  }
}

/// BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True,
/// device=None, dtype=None), and BatchNorm2d's, which is the same.
template <class M, class D>
constexpr void describe_torch_batch_norm(D& d) {
  d.field("num_features", &M::num_features, arg{.required = true});
  d.field("eps", &M::eps);
  d.field("momentum", &M::momentum);
  d.field("affine", &M::affine);
  d.field("track_running_stats", &M::track_running_stats);
  d.ignored("device");
  d.float32_only("dtype");
}

} // namespace rnnparams::detail

// The fields, describe() and tensors BatchNorm1d and BatchNorm2d share; each adds its input's rank.
#define RNNPARAMS_TORCH_BATCH_NORM_MEMBERS(Class)                                                            \
  std::int64_t num_features = 0;                                                                             \
  double eps = 1e-5;                                                                                         \
  rnnparams::optional<double> momentum = 0.1;                                                                \
  bool affine = true;                                                                                        \
  bool track_running_stats = true;                                                                           \
                                                                                                             \
  static constexpr std::string_view class_name = #Class;                                                     \
  static constexpr std::string_view who = "rnnparams::torch::" #Class;                                       \
                                                                                                             \
  template <class D>                                                                                         \
  static constexpr void describe(D& d) {                                                                     \
    detail::describe_torch_batch_norm<Class>(d);                                                             \
  }                                                                                                          \
                                                                                                             \
  /** sum(p.numel() for p in module.parameters()): 2C with affine, else 0. */                                \
  [[nodiscard]] constexpr std::uint64_t count_params() const { return named_parameters().numel(); }          \
  /** weight (C), bias (C) with affine. */                                                                   \
  [[nodiscard]] constexpr fixed_tensor_list named_parameters() const {                                       \
    const std::uint64_t c = detail::torch_batch_norm_features(who, num_features);                            \
    detail::torch_tensor_array p{who, {}};                                                                   \
    if (affine) {                                                                                            \
      p.add("weight", {c}).add("bias", {c});                                                                 \
    }                                                                                                        \
    return fixed_tensor_list{p};                                                                             \
  }                                                                                                          \
  /** running_mean (C), running_var (C) float32, num_batches_tracked () int64, with track_running_stats. */  \
  [[nodiscard]] constexpr fixed_tensor_list named_buffers() const {                                          \
    const std::uint64_t c = detail::torch_batch_norm_features(who, num_features);                            \
    detail::torch_tensor_array b{who, {}};                                                                   \
    if (track_running_stats) {                                                                               \
      b.add("running_mean", {c}).add("running_var", {c}).add("num_batches_tracked", {}, "int64");            \
    }                                                                                                        \
    return fixed_tensor_list{b};                                                                             \
  }                                                                                                          \
  /** The elements of the buffers: 2C + 1 with track_running_stats, else 0. */                               \
  [[nodiscard]] constexpr std::uint64_t count_buffers() const { return named_buffers().numel(); }

namespace rnnparams::torch {

/// torch.nn.BatchNorm1d: weight, bias (C) are parameters; the running statistics are buffers.
struct BatchNorm1d {
  RNNPARAMS_TORCH_BATCH_NORM_MEMBERS(BatchNorm1d)

  /// (N, C) or (N, C, L), unchanged.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    const std::uint64_t c = detail::torch_batch_norm_features(who, num_features);
    if (input.rank() != 2 && input.rank() != 3) {
      // error here: BatchNorm1d takes (N, C) or (N, C, L), with the batch axis
      detail::report_invalid(who, "expected 2D or 3D input (N, C) or (N, C, L)");
    }
    detail::check_torch_batch_norm_channels(who, input, c);
    return input;
  }
};

/// torch.nn.BatchNorm2d: BatchNorm1d's tensors, over the channels of images (N, C, H, W).
struct BatchNorm2d {
  RNNPARAMS_TORCH_BATCH_NORM_MEMBERS(BatchNorm2d)

  /// (N, C, H, W), unchanged.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    const std::uint64_t c = detail::torch_batch_norm_features(who, num_features);
    if (input.rank() != 4) {
      // error here: BatchNorm2d takes (N, C, H, W), with the batch axis
      detail::report_invalid(who, "expected 4D input (N, C, H, W)");
    }
    detail::check_torch_batch_norm_channels(who, input, c);
    return input;
  }
};

} // namespace rnnparams::torch
