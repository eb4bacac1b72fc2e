// rnnparams/torch/module.hpp: any one PyTorch module, for lists of modules known only at run time.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/type_list.hpp>
#include <rnnparams/one_of.hpp>
#include <rnnparams/torch/activation.hpp>
#include <rnnparams/torch/batch_norm.hpp>
#include <rnnparams/torch/conv.hpp>
#include <rnnparams/torch/embedding.hpp>
#include <rnnparams/torch/flatten.hpp>
#include <rnnparams/torch/layer_norm.hpp>
#include <rnnparams/torch/linear.hpp>
#include <rnnparams/torch/pooling.hpp>
#include <rnnparams/torch/rnn.hpp>
#include <rnnparams/torch/rnn_cell.hpp>
#include <rnnparams/torch/transformer.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::torch {

/// Every PyTorch module class of rnnparams: the one list. A new module is its header, included above,
/// and its entry here; `module` and the readers' dispatch are derived from it.
using module_types =
    rnnparams::detail::type_list<RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell, Linear, Embedding, EmbeddingBag,
                                 Conv1d, Conv2d, LayerNorm, BatchNorm1d, BatchNorm2d, MaxPool1d, AvgPool1d,
                                 MaxPool2d, AvgPool2d, AdaptiveAvgPool1d, AdaptiveMaxPool1d, Flatten, ReLU,
                                 Tanh, Sigmoid, GELU, LeakyReLU, ELU, Softmax, Dropout, MultiheadAttention,
                                 TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder,
                                 TransformerDecoder>;

/// Any one of the modules, e.g. an entry of a model read from a file: `torch::module m = LSTM{...};`.
using module = rnnparams::detail::apply_list_t<rnnparams::one_of, module_types>;

/// The PyTorch class name, as type(m).__name__ gives it: "LSTM".
template <class = void> // instantiated only where it is called
constexpr std::string_view class_name(const module& m) noexcept {
  return rnnparams::visit([](const auto& x) { return x.class_name; }, m);
}

/// sum(p.numel() for p in m.parameters()), the module's own count_params().
template <class = void> // instantiated only where it is called
constexpr std::uint64_t count_params(const module& m) {
  return rnnparams::visit([](const auto& x) { return x.count_params(); }, m);
}

/// sum(p.numel() for p in m.parameters() if p.requires_grad): count_params(m), except for a frozen
/// Embedding (from_pretrained's freeze=True), whose weight is not trained.
template <class = void> // instantiated only where it is called
constexpr std::uint64_t trainable_params(const module& m) {
  return rnnparams::visit(
      [](const auto& x) {
        if constexpr (requires { x.trainable_params(); }) {
          return x.trainable_params();
        } else {
          return x.count_params();
        }
      },
      m);
}

} // namespace rnnparams::torch
