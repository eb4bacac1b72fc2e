// rnnparams/torch/embedding.hpp: PyTorch's Embedding module, Embedding.from_pretrained, and EmbeddingBag.
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

/// Embedding's one parameter, weight (num_embeddings, embedding_dim), after checking the settings.
constexpr torch_tensor_array torch_embedding_parameters(std::string_view who, std::int64_t num_embeddings,
                                                        std::int64_t embedding_dim,
                                                        rnnparams::optional<std::int64_t> padding_idx) {
  if (num_embeddings < 0) {
    report_invalid(who, "num_embeddings must be given, and >= 0"); // error here: set .num_embeddings
  }
  if (embedding_dim < 0) {
    report_invalid(who, "embedding_dim must be given, and >= 0"); // error here: set .embedding_dim
  }
  if (padding_idx && (*padding_idx >= num_embeddings || *padding_idx < -num_embeddings)) {
    // error here: padding_idx must be in [-num_embeddings, num_embeddings)
    report_invalid(who, "Padding_idx must be within num_embeddings");
  }
  torch_tensor_array p{who, {}};
  p.add("weight", {static_cast<std::uint64_t>(num_embeddings), static_cast<std::uint64_t>(embedding_dim)});
  return p;
}

} // namespace rnnparams::detail

// The one tensor of Embedding and EmbeddingBag, weight (num_embeddings, embedding_dim), and its counts.
#define RNNPARAMS_TORCH_EMBEDDING_TENSORS                                                                    \
  /** sum(p.numel() for p in module.parameters()): num_embeddings·embedding_dim. */                          \
  [[nodiscard]] constexpr std::uint64_t count_params() const { return named_parameters().numel(); }          \
  /** weight (num_embeddings, embedding_dim). */                                                             \
  [[nodiscard]] constexpr fixed_tensor_list named_parameters() const {                                       \
    return fixed_tensor_list{                                                                                \
        detail::torch_embedding_parameters(who, num_embeddings, embedding_dim, padding_idx)};                \
  }                                                                                                          \
  /** None. */                                                                                               \
  [[nodiscard]] constexpr fixed_tensor_list named_buffers() const {                                          \
    static_cast<void>(named_parameters());                                                                   \
    return fixed_tensor_list{{who, {}}};                                                                     \
  }                                                                                                          \
  [[nodiscard]] constexpr std::uint64_t count_buffers() const { return named_buffers().numel(); }

namespace rnnparams::torch {

/// Embedding.from_pretrained's arguments after `embeddings`, with its defaults: freeze=True,
/// padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False.
struct from_pretrained_options {
  /// The weight is not trained: requires_grad = not freeze.
  bool freeze = true;
  rnnparams::optional<std::int64_t> padding_idx = std::nullopt;
  rnnparams::optional<double> max_norm = std::nullopt;
  double norm_type = 2.0;
  bool scale_grad_by_freq = false;
  bool sparse = false;

  static constexpr std::string_view class_name = "Embedding.from_pretrained";

  /// from_pretrained(embeddings, freeze=True, padding_idx=None, max_norm=None, norm_type=2.0,
  /// scale_grad_by_freq=False, sparse=False): `embeddings`, a tensor, is read by the caller.
  template <class D>
  static constexpr void describe(D& d) {
    d.ignored("embeddings");
    d.field("freeze", &from_pretrained_options::freeze);
    d.field("padding_idx", &from_pretrained_options::padding_idx);
    d.field("max_norm", &from_pretrained_options::max_norm);
    d.field("norm_type", &from_pretrained_options::norm_type);
    d.field("scale_grad_by_freq", &from_pretrained_options::scale_grad_by_freq);
    d.field("sparse", &from_pretrained_options::sparse);
  }
};

/// torch.nn.Embedding: one weight (num_embeddings, embedding_dim).
struct Embedding {
  std::int64_t num_embeddings = -1;
  std::int64_t embedding_dim = -1;
  /// The row that gets no gradient; -num_embeddings <= padding_idx < num_embeddings. No effect on counts.
  rnnparams::optional<std::int64_t> padding_idx = std::nullopt;
  /// Accepted as in PyTorch; no effect on counts.
  rnnparams::optional<double> max_norm = std::nullopt;
  double norm_type = 2.0;
  bool scale_grad_by_freq = false;
  bool sparse = false;
  /// The weight is not trained (PyTorch >= 2.0's keyword, which from_pretrained(freeze=True) sets; in
  /// PyTorch 1.13 from_pretrained sets weight.requires_grad = False): its count is non-trainable.
  bool _freeze = false; // NOLINT(readability-identifier-naming): PyTorch's keyword

  static constexpr std::string_view class_name = "Embedding";
  static constexpr std::string_view who = "rnnparams::torch::Embedding";
  /// It looks up int64 or int32 indices: in nn.Sequential, the first module.
  static constexpr bool takes_indices = true;

  /// Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
  /// scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False (PyTorch >= 2.0), device=None,
  /// dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("num_embeddings", &Embedding::num_embeddings, arg{.required = true});
    d.field("embedding_dim", &Embedding::embedding_dim, arg{.required = true});
    d.field("padding_idx", &Embedding::padding_idx);
    d.field("max_norm", &Embedding::max_norm);
    d.field("norm_type", &Embedding::norm_type);
    d.field("scale_grad_by_freq", &Embedding::scale_grad_by_freq);
    d.field("sparse", &Embedding::sparse);
    d.unsupported("_weight", "give num_embeddings and embedding_dim");
    d.field("_freeze", &Embedding::_freeze, arg{.since = "PyTorch >= 2.0"});
    d.ignored("device");
    d.float32_only("dtype");
  }

  /// nn.Embedding.from_pretrained(embeddings, ...) for embeddings of shape (rows, cols): an Embedding of
  /// rows × cols whose weight is trained unless `freeze`.
  [[nodiscard]] static constexpr Embedding from_pretrained(const shape& embeddings,
                                                           const from_pretrained_options& options = {}) {
    if (embeddings.rank() != 2) {
      // error here: the embeddings are a 2-D tensor (num_embeddings, embedding_dim)
      detail::report_invalid(who, "Embeddings parameter is expected to be 2-dimensional");
    }
    if (!embeddings[0].known() || !embeddings[1].known()) {
      detail::report_invalid(who, "the embeddings' shape must be known"); // error here: give both sizes
    }
    return Embedding{.num_embeddings = static_cast<std::int64_t>(embeddings[0].value()),
                     .embedding_dim = static_cast<std::int64_t>(embeddings[1].value()),
                     .padding_idx = options.padding_idx,
                     .max_norm = options.max_norm,
                     .norm_type = options.norm_type,
                     .scale_grad_by_freq = options.scale_grad_by_freq,
                     .sparse = options.sparse,
                     ._freeze = options.freeze};
  }

  RNNPARAMS_TORCH_EMBEDDING_TENSORS
  /// sum(p.numel() for p in module.parameters() if p.requires_grad): 0 when frozen.
  [[nodiscard]] constexpr std::uint64_t trainable_params() const { return _freeze ? 0 : count_params(); }
  /// Indices of any shape (*) -> (*, embedding_dim).
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    shape output = input;
    return output.push_back(named_parameters()[0].shape[1]);
  }
};

/// torch.nn.EmbeddingBag: Embedding's weight (num_embeddings, embedding_dim), whose rows each bag of
/// indices sums, averages or maxes into one.
struct EmbeddingBag {
  std::int64_t num_embeddings = -1;
  std::int64_t embedding_dim = -1;
  /// Accepted as in PyTorch; no effect on counts.
  rnnparams::optional<double> max_norm = std::nullopt;
  double norm_type = 2.0;
  bool scale_grad_by_freq = false;
  /// "sum", "mean" or "max" (checked by forward, as PyTorch does).
  std::string_view mode = "mean";
  bool sparse = false;
  /// The last offset ends the last bag: a (B, N) input makes B − 1 bags.
  bool include_last_offset = false;
  /// The row that gets no gradient and is left out of each bag; in [-num_embeddings, num_embeddings).
  rnnparams::optional<std::int64_t> padding_idx = std::nullopt;

  static constexpr std::string_view class_name = "EmbeddingBag";
  static constexpr std::string_view who = "rnnparams::torch::EmbeddingBag";
  /// It looks up int64 or int32 indices: in nn.Sequential, the first module.
  static constexpr bool takes_indices = true;

  /// EmbeddingBag(num_embeddings, embedding_dim, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
  /// mode='mean', sparse=False, _weight=None, include_last_offset=False, padding_idx=None, device=None,
  /// dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("num_embeddings", &EmbeddingBag::num_embeddings, arg{.required = true});
    d.field("embedding_dim", &EmbeddingBag::embedding_dim, arg{.required = true});
    d.field("max_norm", &EmbeddingBag::max_norm);
    d.field("norm_type", &EmbeddingBag::norm_type);
    d.field("scale_grad_by_freq", &EmbeddingBag::scale_grad_by_freq);
    d.field("mode", &EmbeddingBag::mode);
    d.field("sparse", &EmbeddingBag::sparse);
    d.unsupported("_weight", "give num_embeddings and embedding_dim");
    d.field("include_last_offset", &EmbeddingBag::include_last_offset);
    d.field("padding_idx", &EmbeddingBag::padding_idx);
    d.ignored("device");
    d.float32_only("dtype");
  }

  RNNPARAMS_TORCH_EMBEDDING_TENSORS
  /// B bags of N indices, (B, N) -> (B, embedding_dim), or (B − 1, embedding_dim) with
  /// include_last_offset; checked in F.embedding_bag's order. A 1-D input needs offsets, which a module
  /// of nn.Sequential is not given.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    const shape weight = named_parameters()[0].shape;
    if (input.rank() == 1) {
      // error here: give the bags as a 2-D input (B, N); a 1-D input needs offsets, which nn.Sequential does
      // not pass
      detail::report_invalid(who, "offsets has to be a 1D Tensor but got None");
    }
    if (input.rank() != 2) {
      detail::report_invalid(who, "input has to be 1D or 2D Tensor"); // error here: the input is (B, N)
    }
    if (mode != "sum" && mode != "mean" && mode != "max") {
      detail::report_invalid(who, "mode has to be one of sum, mean or max"); // error here: fix .mode
    }
    if (mode == "max" && scale_grad_by_freq) {
      // error here: use mode "sum" or "mean", or scale_grad_by_freq = false
      detail::report_invalid(who, "max mode does not support scaling the gradient by the frequency");
    }
    if (mode == "max" && sparse) {
      detail::report_invalid(who, "max mode does not support sparse weights"); // error here: sparse = false
    }
    if (input[1].known() && input[1].value() == 0) {
      // error here: a bag of the 2-D input has N >= 1 indices
      detail::report_invalid(who, "step must be nonzero");
    }
    dim bags = input[0];
    if (include_last_offset && bags.known()) {
      if (bags.value() == 0) {
        // error here: with include_last_offset, B offsets make B - 1 bags, so B >= 1
        detail::report_invalid(who, "include_last_offset: number of offset should be at least 1");
      }
      bags = bags.value() - 1;
    }
    return shape{bags, weight[1]};
  }
};

} // namespace rnnparams::torch
