// rnnparams/torch/rnn_cell.hpp: PyTorch's RNNCell, LSTMCell and GRUCell (torch.nn.RNNCellBase and its
// subclasses): one time step of RNN, LSTM and GRU. SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/named_tensor.hpp>
#include <rnnparams/torch/rnn.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// A cell's output for `input`, (N, input_size) -> (N, hidden_size) or (input_size) -> (hidden_size), checked
/// as each cell's forward and its _VF kernel check it.
constexpr shape torch_cell_output(std::string_view who, const shape& input, std::uint64_t input_size,
                                  std::uint64_t hidden_size) {
  if (input.rank() != 1 && input.rank() != 2) {
    // error here: a cell takes one time step, (N, input_size) or (input_size): no time axis
    // clang-format off
    report_invalid(who, "Expected input to be 1-D or 2-D: a cell takes one time step, (N, input_size) or (input_size)");
    // clang-format on
  }
  if (!input.back().known() || input.back().value() != input_size) {
    // error here: the input's last axis is input_size
    report_invalid(who, "input has inconsistent input_size: input.size(-1) must be equal to input_size");
  }
  return input.with_back(hidden_size);
}

/// The tensors of a cell, as RNNCellBase.__init__ makes them (G = num_chunks: 1, 4, 3; H = hidden_size):
/// weight_ih (G·H, input_size), weight_hh (G·H, H), and with bias bias_ih (G·H) and bias_hh (G·H).
/// The Source of its tensor_list.
struct torch_cell {
  std::string_view who;
  std::uint64_t input_size = 0;
  std::uint64_t hidden_size = 0;
  std::uint64_t gate_rows = 0; // G·H
  bool bias = true;

  [[nodiscard]] constexpr std::uint64_t size() const noexcept { return bias ? 4 : 2; }

  [[nodiscard]] constexpr torch::named_tensor at(std::uint64_t i) const {
    constexpr std::string_view names[] = {"weight_ih", "weight_hh", "bias_ih", "bias_hh"};
    torch::named_tensor t{torch::tensor_name{names[i]}, {}};
    if (i == 0) {
      t.shape = {gate_rows, input_size};
    } else if (i == 1) {
      t.shape = {gate_rows, hidden_size};
    } else {
      t.shape = {gate_rows};
    }
    return t;
  }

  /// G·H·(input_size + H), plus 2·G·H with bias: one layer and direction of RNN, LSTM or GRU.
  [[nodiscard]] constexpr std::uint64_t count() const {
    return torch_gates_count(who, gate_rows, input_size, hidden_size, bias);
  }

  /// forward(input): (N, input_size) -> (N, H), or (input_size) -> (H) unbatched.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    return torch_cell_output(who, input, input_size, hidden_size);
  }
};

/// Checks the sizes as torch.empty does in RNNCellBase.__init__ (0 is allowed) and derives the rest.
constexpr torch_cell make_torch_cell(std::string_view who, std::uint64_t gates, std::int64_t input_size,
                                     std::int64_t hidden_size, bool bias) {
  if (input_size < 0) {
    // error here: set .input_size (0 is allowed)
    report_invalid(who, "input_size must be given, and >= 0");
  }
  if (hidden_size < 0) {
    // error here: set .hidden_size (0 is allowed)
    report_invalid(who, "hidden_size must be given, and >= 0");
  }
  const auto h = static_cast<std::uint64_t>(hidden_size);
  return torch_cell{who, static_cast<std::uint64_t>(input_size), h, checked_mul(gates, h, who), bias};
}

/// RNNCell's, LSTMCell's and GRUCell's arguments: (input_size, hidden_size, bias=True), then RNNCell's
/// nonlinearity, then device and dtype.
template <class M, class D>
constexpr void describe_torch_cell(D& d) {
  d.field("input_size", &M::input_size, arg{.required = true});
  d.field("hidden_size", &M::hidden_size, arg{.required = true});
  d.field("bias", &M::bias);
  if constexpr (requires { &M::nonlinearity; }) {
    d.field("nonlinearity", &M::nonlinearity);
  }
  d.ignored("device");
  d.float32_only("dtype");
}

} // namespace rnnparams::detail

// The members the cells share, written once (a macro for the reason rnn.hpp gives): each computes from
// make_torch_cell. Undefined at the end of the file.
#define RNNPARAMS_TORCH_CELL_MEMBERS                                                                         \
  /** sum(p.numel() for p in module.parameters()): G·H·(input_size + H) + 2·G·H with bias. */                \
  [[nodiscard]] constexpr std::uint64_t count_params() const { return cell().count(); }                      \
  /** weight_ih, weight_hh, then bias_ih, bias_hh with bias. */                                              \
  [[nodiscard]] constexpr cell_tensor_list named_parameters() const { return cell_tensor_list{cell()}; }     \
  /** None: cells have no buffers. */                                                                        \
  [[nodiscard]] constexpr fixed_tensor_list named_buffers() const {                                          \
    static_cast<void>(cell());                                                                               \
    return fixed_tensor_list{{who, {}}};                                                                     \
  }                                                                                                          \
  [[nodiscard]] constexpr std::uint64_t count_buffers() const { return named_buffers().numel(); }            \
                                                                                                             \
private:                                                                                                     \
  [[nodiscard]] constexpr detail::torch_cell cell() const {                                                  \
    return detail::make_torch_cell(who, gates, input_size, hidden_size, bias);                               \
  }                                                                                                          \
                                                                                                             \
public:

namespace rnnparams::torch {

/// What named_parameters() returns for RNNCell, LSTMCell and GRUCell.
using cell_tensor_list = tensor_list<detail::torch_cell>;

/// torch.nn.RNNCell: one step of RNN, H·(input_size + H) weights and 2H biases.
struct RNNCell {
  std::int64_t input_size = -1;
  std::int64_t hidden_size = -1;
  bool bias = true;
  /// "tanh" or "relu", checked by forward (PyTorch builds the cell with any string).
  std::string_view nonlinearity = "tanh";

  static constexpr std::string_view class_name = "RNNCell";
  static constexpr std::string_view who = "rnnparams::torch::RNNCell";
  static constexpr std::uint64_t gates = 1;

  /// RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh', device=None, dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    detail::describe_torch_cell<RNNCell>(d);
  }

  RNNPARAMS_TORCH_CELL_MEMBERS

  /// h' for an input (N, input_size), or (input_size) unbatched: (N, hidden_size) or (hidden_size).
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    if (nonlinearity != "tanh" && nonlinearity != "relu") {
      // error here: set .nonlinearity to "tanh" or "relu"
      detail::report_invalid(who, "Unknown nonlinearity, expected \"tanh\" or \"relu\"");
    }
    return cell().output_shape(input);
  }
};

/// torch.nn.LSTMCell: one step of LSTM, four gates (i, f, g, o): 4× an RNNCell's count.
struct LSTMCell {
  std::int64_t input_size = -1;
  std::int64_t hidden_size = -1;
  bool bias = true;

  static constexpr std::string_view class_name = "LSTMCell";
  static constexpr std::string_view who = "rnnparams::torch::LSTMCell";
  static constexpr std::uint64_t gates = 4;
  /// forward returns (h_1, c_1): in nn.Sequential, only the last module.
  static constexpr bool returns_a_tuple = true;

  /// LSTMCell(input_size, hidden_size, bias=True, device=None, dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    detail::describe_torch_cell<LSTMCell>(d);
  }

  RNNPARAMS_TORCH_CELL_MEMBERS

  /// h_1 of the (h_1, c_1) it returns, for an input (N, input_size), or (input_size) unbatched:
  /// (N, hidden_size) or (hidden_size).
  [[nodiscard]] constexpr shape output_shape(const shape& input) const { return cell().output_shape(input); }
  /// c_1: the shape of h_1.
  [[nodiscard]] constexpr shape c_1_shape(const shape& input) const { return output_shape(input); }
};

/// torch.nn.GRUCell: one step of GRU, three gates (r, z, n): 3× an RNNCell's count.
struct GRUCell {
  std::int64_t input_size = -1;
  std::int64_t hidden_size = -1;
  bool bias = true;

  static constexpr std::string_view class_name = "GRUCell";
  static constexpr std::string_view who = "rnnparams::torch::GRUCell";
  static constexpr std::uint64_t gates = 3;

  /// GRUCell(input_size, hidden_size, bias=True, device=None, dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    detail::describe_torch_cell<GRUCell>(d);
  }

  RNNPARAMS_TORCH_CELL_MEMBERS

  /// h' for an input (N, input_size), or (input_size) unbatched: (N, hidden_size) or (hidden_size).
  [[nodiscard]] constexpr shape output_shape(const shape& input) const { return cell().output_shape(input); }
};

} // namespace rnnparams::torch

#undef RNNPARAMS_TORCH_CELL_MEMBERS
