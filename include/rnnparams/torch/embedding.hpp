// rnnparams/torch/embedding.hpp: PyTorch's Embedding module, and Embedding.from_pretrained.
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

  /// sum(p.numel() for p in module.parameters()): num_embeddings·embedding_dim.
  [[nodiscard]] constexpr std::uint64_t count_params() const { return named_parameters().numel(); }
  /// sum(p.numel() for p in module.parameters() if p.requires_grad): 0 when frozen.
  [[nodiscard]] constexpr std::uint64_t trainable_params() const { return _freeze ? 0 : count_params(); }
  /// weight (num_embeddings, embedding_dim).
  [[nodiscard]] constexpr fixed_tensor_list named_parameters() const {
    return fixed_tensor_list{
        detail::torch_embedding_parameters(who, num_embeddings, embedding_dim, padding_idx)};
  }
  /// None.
  [[nodiscard]] constexpr fixed_tensor_list named_buffers() const {
    static_cast<void>(named_parameters());
    return fixed_tensor_list{{who, {}}};
  }
  [[nodiscard]] constexpr std::uint64_t count_buffers() const { return named_buffers().numel(); }
  /// Indices of any shape (*) -> (*, embedding_dim).
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    shape output = input;
    return output.push_back(named_parameters()[0].shape[1]);
  }
};

} // namespace rnnparams::torch
