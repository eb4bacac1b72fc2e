// rnnparams/torch/sequential.hpp: nn.Sequential(*modules) at run time: its total and its forward pass.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/errors.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/module.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace rnnparams::detail {

inline constexpr std::string_view sequential_who = "rnnparams::torch::Sequential";

/// Python's str() of a shape as a list: "[100, 32, 512]", "[]".
constexpr std::string torch_size_list(const shape& s) {
  std::string text = "[";
  for (std::size_t axis = 0; axis < s.rank(); ++axis) {
    text += axis == 0 ? "" : ", ";
    text += s[axis].known() ? std::to_string(s[axis].value()) : std::string{"None"};
  }
  return text + "]";
}

/// The product of dims [first, last) of a known shape (1 for none), checked.
constexpr std::uint64_t torch_size_product(const shape& s, std::size_t first, std::size_t last,
                                           std::string_view who) {
  std::uint64_t n = 1;
  for (std::size_t axis = first; axis < last && axis < s.rank(); ++axis) {
    n = checked_mul(n, s[axis].value(), who);
  }
  return n;
}

/// The sum of `of(m)` over the modules, checked against overflow (an overflow_error naming `who`).
template <class Of>
constexpr std::uint64_t torch_sum(std::span<const torch::module> modules, std::string_view who, Of of) {
  std::uint64_t total = 0;
  for (const torch::module& m : modules) {
    total = checked_add(total, of(m), who);
  }
  return total;
}

} // namespace rnnparams::detail

namespace rnnparams::torch {

/// Whether the module looks up int64 or int32 indices (its `takes_indices`: Embedding, EmbeddingBag).
constexpr bool takes_indices(const module& m) noexcept {
  return rnnparams::visit(
      [](const auto& x) {
        if constexpr (requires { std::remove_cvref_t<decltype(x)>::takes_indices; }) {
          return std::remove_cvref_t<decltype(x)>::takes_indices;
        } else {
          return false;
        }
      },
      m);
}

/// sum(p.numel() for p in nn.Sequential(*modules).parameters()): every module's count, checked
/// against overflow (an overflow_error naming `who`).
constexpr std::uint64_t count_params(std::span<const module> modules,
                                     std::string_view who = rnnparams::detail::sequential_who) {
  return rnnparams::detail::torch_sum(modules, who, [](const module& m) { return count_params(m); });
}

/// sum(p.numel() for p in nn.Sequential(*modules).parameters() if p.requires_grad), checked as
/// count_params() is: a frozen Embedding's weight is not counted.
constexpr std::uint64_t trainable_params(std::span<const module> modules,
                                         std::string_view who = rnnparams::detail::sequential_who) {
  return rnnparams::detail::torch_sum(modules, who, [](const module& m) { return trainable_params(m); });
}

/// The dtype nn.Sequential(*modules) must be given: "int64" (torch.long) when the first module takes
/// indices (Embedding, EmbeddingBag); "float32" otherwise.
constexpr std::string_view input_dtype(std::span<const module> modules) noexcept {
  return !modules.empty() && takes_indices(modules.front()) ? "int64" : "float32";
}

/// tensor.element_size() of the input dtypes the modules take: "float32" and "int32" 4, "int64" 8.
constexpr std::uint64_t element_size(std::string_view dtype,
                                     std::string_view who = rnnparams::detail::sequential_who) {
  if (dtype == "float32" || dtype == "int32") {
    return 4;
  }
  if (dtype == "int64") {
    return 8;
  }
  // error here: PyTorch's CPU modules run float32 (or integer indices into an Embedding) only
  // clang-format off
  rnnparams::detail::report_invalid(who, "dtype must be \"float32\", or \"int64\" / \"int32\" for an Embedding's indices");
  // clang-format on
}

/// The output shape of modules[index] in nn.Sequential(*modules), given its input's shape and dtype
/// ("float32", or "int64" / "int32" indices): what the forward pass computes, or an invalid_model
/// naming `who`, the module's position and its class when PyTorch would refuse. The rules of the
/// chain: an Embedding or EmbeddingBag takes the indices, so it must be first; a module that returns a tuple
/// (its `returns_a_tuple`: RNN, LSTM, GRU, LSTMCell) must be last; one whose forward takes several tensors
/// (its `forward_inputs`: MultiheadAttention, TransformerDecoderLayer, TransformerDecoder) cannot be a step;
/// a new BatchNorm1d or BatchNorm2d is in training mode, where a batch of one value per channel is refused;
/// the rest is each module's own output_shape().
constexpr shape output_shape(std::span<const module> modules, std::size_t index, const shape& input,
                             std::string_view dtype,
                             std::string_view who = rnnparams::detail::sequential_who) {
  using rnnparams::detail::torch_size_list;
  using rnnparams::detail::torch_size_product;
  const module& m = modules[index];
  const std::string_view name = class_name(m);
  const auto where = [&] {
    return std::string{who} + ": module " + std::to_string(index + 1) + " (" + std::string{name} + ")";
  };
  if (!input.fully_known()) {
    // error here: a tensor has a size on every axis; give the batch size too
    throw invalid_model(where() + ": the input's sizes must all be known, not " + torch_size_list(input));
  }
  static_cast<void>(element_size(dtype, who)); // throws for a dtype the modules cannot take
  const bool indices = dtype != "float32";
  if (takes_indices(m)) {
    if (!indices) {
      // error here: give the indices (dtype "int64", torchinfo's dtypes=[torch.long]); an Embedding after
      // another module gets that module's float32 output, which PyTorch refuses
      throw invalid_model(where() + ": " + std::string{name} +
                          " takes int64 or int32 indices, not float32: make it the first module "
                          "and set dtype = \"int64\"");
    }
    const std::int64_t rows = rnnparams::visit(
        [](const auto& x) -> std::int64_t {
          if constexpr (requires { x.num_embeddings; }) {
            return x.num_embeddings;
          } else {
            return 1;
          }
        },
        m);
    if (rows == 0) {
      throw invalid_model(where() + ": index out of range in self (the input's indices are 0)");
    }
  } else if (indices) {
    throw invalid_model(where() + ": " + std::string{name} + " takes a float32 input, not " +
                        std::string{dtype});
  }
  const std::string_view forward_inputs = rnnparams::visit(
      [](const auto& x) -> std::string_view {
        if constexpr (requires { std::remove_cvref_t<decltype(x)>::forward_inputs; }) {
          return std::remove_cvref_t<decltype(x)>::forward_inputs;
        } else {
          return {};
        }
      },
      m);
  if (!forward_inputs.empty()) {
    // error here: nn.Sequential calls each module on one tensor; MultiheadAttention, TransformerDecoderLayer
    // and TransformerDecoder take several (forward() missing required positional arguments)
    throw invalid_model(where() + ": its forward() takes " + std::string{forward_inputs} +
                        ", not the one tensor nn.Sequential (or torchinfo's input_size) gives it");
  }
  const bool returns_a_tuple = rnnparams::visit(
      [](const auto& x) {
        if constexpr (requires { std::remove_cvref_t<decltype(x)>::returns_a_tuple; }) {
          return std::remove_cvref_t<decltype(x)>::returns_a_tuple;
        } else {
          return false;
        }
      },
      m);
  if (index + 1 < modules.size() && returns_a_tuple) {
    // error here: nn.Sequential hands the (output, h_n) or (h_1, c_1) tuple to the next module, which cannot
    // take it
    throw invalid_model(where() +
                        ": returns a tuple that the next module cannot take: a module that returns a tuple "
                        "can only be the last");
  }
  if ((rnnparams::holds_alternative<BatchNorm1d>(m) || rnnparams::holds_alternative<BatchNorm2d>(m)) &&
      input.rank() >= 2 &&
      rnnparams::detail::checked_mul(torch_size_product(input, 0, 1, who),
                                     torch_size_product(input, 2, input.rank(), who), who) == 1) {
    // error here: a new module is in training mode, where a batch of one value per channel is refused
    throw invalid_model(where() +
                        ": Expected more than 1 value per channel when training, got input size torch.Size(" +
                        torch_size_list(input) + ")");
  }
  try {
    return rnnparams::visit(
        [&](const auto& x) -> shape {
          if constexpr (requires { x.output_shape(input); }) {
            return x.output_shape(input);
          } else {
            return input; // not reached: forward_inputs is refused above
          }
        },
        m);
  } catch (const invalid_model& e) {
    throw invalid_model(where() + " on input " + torch_size_list(input) + ": " + e.what());
  }
}

/// The output shape of each module of nn.Sequential(*modules) run on `input` of `dtype`: each module
/// takes the float32 output of the one before. Throws what output_shape() throws.
inline std::vector<shape> output_shapes(std::span<const module> modules, const shape& input,
                                        std::string_view dtype,
                                        std::string_view who = rnnparams::detail::sequential_who) {
  std::vector<shape> outputs;
  shape x = input;
  for (std::size_t i = 0; i < modules.size(); ++i) {
    x = output_shape(modules, i, x, i == 0 ? dtype : "float32", who);
    outputs.push_back(x);
  }
  return outputs;
}

/// output_shapes() with the dtype the modules need: input_dtype(modules).
inline std::vector<shape> output_shapes(std::span<const module> modules, const shape& input) {
  return output_shapes(modules, input, input_dtype(modules));
}

} // namespace rnnparams::torch
