// rnnparams/torch/rnn.hpp: PyTorch's RNN, LSTM and GRU (torch.nn.RNNBase and its subclasses).
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/named_tensor.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// Checks an input (L, N, H_in), (N, L, H_in) with batch_first, or (L, H_in) unbatched.
constexpr void check_torch_recurrent_input(std::string_view who, const shape& input, std::uint64_t input_size,
                                           bool batch_first) {
  if (input.rank() != 2 && input.rank() != 3) {
    // error here: give the whole input tensor's shape, batch axis included
    report_invalid(who, "input must be (L, N, H_in), (N, L, H_in) with batch_first, or (L, H_in) unbatched");
  }
  if (!input.back().known() || input.back().value() != input_size) {
    report_invalid(who, "input.size(-1) must be equal to input_size"); // error here: the last axis is H_in
  }
  const dim length = input.rank() == 3 && batch_first ? input[1] : input[0];
  if (length.known() && length.value() == 0) {
    report_invalid(who, "Expected sequence length to be larger than 0 in RNN"); // error here: L must be > 0
  }
}

/// The gates' parameters of one recurrent layer and direction, or of a cell: weight_ih (G·H, in), weight_hh
/// (G·H, h) and, with bias, bias_ih and bias_hh (G·H): G·H·(in + h) + 2·G·H, with `gate_rows` = G·H.
constexpr std::uint64_t torch_gates_count(std::string_view who, std::uint64_t gate_rows, std::uint64_t in,
                                          std::uint64_t h, bool bias) {
  std::uint64_t n = checked_mul(gate_rows, in, who);                     // weight_ih
  n = checked_add(n, checked_mul(gate_rows, h, who), who);               // weight_hh
  return bias ? checked_add(n, checked_mul(2, gate_rows, who), who) : n; // bias_ih, bias_hh
}

/// The names of a layer's tensors, before the layer number: in named_parameters() order.
inline constexpr std::string_view torch_recurrent_stems[] = {"weight_ih_l", "weight_hh_l", "bias_ih_l",
                                                             "bias_hh_l", "weight_hr_l"};

/// The settings of RNN, LSTM or GRU, checked as torch.nn.RNNBase checks them, with its formulas.
/// G = gates (1, 4, 3), H = hidden_size, H_r = proj_size or H, D = 2 if bidirectional else 1.
/// Per layer l and direction: weight_ih_l{l} (G·H, l == 0 ? input_size : D·H_r), weight_hh_l{l}
/// (G·H, H_r), bias_ih_l{l} (G·H), bias_hh_l{l} (G·H), weight_hr_l{l} (proj_size, H); "_reverse"
/// for the second direction.
struct torch_recurrent {
  std::string_view who;
  std::uint64_t input_size = 0;
  std::uint64_t hidden_size = 1;
  std::uint64_t num_layers = 1;
  std::uint64_t directions = 1;
  std::uint64_t proj_size = 0;
  bool bias = true;
  bool batch_first = false;
  std::uint64_t gate_rows = 1;     // G·H
  std::uint64_t real_hidden = 1;   // H_r
  std::uint64_t upper_input = 1;   // D·H_r, the input size of layers above the first
  std::uint64_t per_direction = 4; // tensors per layer and direction
  std::uint64_t tensor_count = 4;  // num_layers·D·per_direction

  // The Source interface of torch::tensor_list.
  [[nodiscard]] constexpr std::uint64_t size() const noexcept { return tensor_count; }

  [[nodiscard]] constexpr torch::named_tensor at(std::uint64_t i) const {
    const std::uint64_t block = i / per_direction;
    std::uint64_t slot = i % per_direction;
    if (!bias && slot >= 2) {
      slot += 2; // no biases: weight_hr follows weight_hh
    }
    const std::uint64_t layer = block / directions;
    torch::named_tensor t{torch::tensor_name{torch_recurrent_stems[slot]}, {}};
    t.name.append_decimal(layer);
    if (block % directions == 1) {
      t.name.append("_reverse");
    }
    switch (slot) {
    case 0:
      t.shape = {gate_rows, layer == 0 ? input_size : upper_input};
      break;
    case 1:
      t.shape = {gate_rows, real_hidden};
      break;
    case 4:
      t.shape = {proj_size, hidden_size};
      break;
    default:
      t.shape = {gate_rows};
      break;
    }
    return t;
  }

  /// The parameters of one layer and direction whose input has `in` features.
  [[nodiscard]] constexpr std::uint64_t count_direction(std::uint64_t in) const {
    return checked_add(torch_gates_count(who, gate_rows, in, real_hidden, bias),
                       checked_mul(proj_size, hidden_size, who), who); // weight_hr
  }

  /// The sum of numel() over the parameters, in closed form: D·first + D·(num_layers − 1)·upper.
  [[nodiscard]] constexpr std::uint64_t count() const {
    const std::uint64_t first = checked_mul(directions, count_direction(input_size), who);
    const std::uint64_t upper_layers = checked_mul(directions, num_layers - 1, who);
    return checked_add(first, checked_mul(upper_layers, count_direction(upper_input), who), who);
  }

  /// The output: the input with its last axis replaced by D·H_r.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    check_torch_recurrent_input(who, input, input_size, batch_first);
    return input.with_back(upper_input);
  }

  /// h_n (D·num_layers, N, H_r), or c_n with width H; without N for an unbatched input.
  [[nodiscard]] constexpr shape state_shape(const shape& input, std::uint64_t width) const {
    check_torch_recurrent_input(who, input, input_size, batch_first);
    const std::uint64_t rows = checked_mul(directions, num_layers, who);
    if (input.rank() == 2) {
      return {rows, width};
    }
    return {rows, batch_first ? input[0] : input[1], width};
  }
};

/// Checks the settings in RNN.__init__ and RNNBase.__init__'s order and derives the sizes; gates is G.
constexpr torch_recurrent make_torch_recurrent(std::string_view who, std::uint64_t gates,
                                               std::string_view nonlinearity, std::int64_t input_size,
                                               std::int64_t hidden_size, std::int64_t num_layers, bool bias,
                                               bool batch_first, double dropout, bool bidirectional,
                                               std::int64_t proj_size) {
  if (nonlinearity != "tanh" && nonlinearity != "relu") {
    // error here: set .nonlinearity to "tanh" or "relu"
    report_invalid(who, "Unknown nonlinearity, expected \"tanh\" or \"relu\"");
  }
  if (input_size < 0) {
    report_invalid(who, "input_size must be given, and >= 0"); // error here: set .input_size (0 is allowed)
  }
  if (hidden_size <= 0) {
    report_invalid(who, "hidden_size must be greater than zero"); // error here: set .hidden_size to 1 or more
  }
  if (num_layers <= 0) {
    report_invalid(who, "num_layers must be greater than zero"); // error here: set .num_layers to 1 or more
  }
  if (!(dropout >= 0.0 && dropout <= 1.0)) {
    // error here: dropout is the probability of zeroing an element
    report_invalid(who, "dropout should be a number in range [0, 1] representing a probability");
  }
  if (proj_size < 0) {
    // error here: proj_size = 0 means no projection
    report_invalid(who, "proj_size should be a positive integer or zero to disable projections");
  }
  if (proj_size >= hidden_size) {
    report_invalid(who, "proj_size has to be smaller than hidden_size"); // error here: lower proj_size
  }
  torch_recurrent r;
  r.who = who;
  r.input_size = static_cast<std::uint64_t>(input_size);
  r.hidden_size = static_cast<std::uint64_t>(hidden_size);
  r.num_layers = static_cast<std::uint64_t>(num_layers);
  r.directions = bidirectional ? 2 : 1;
  r.proj_size = static_cast<std::uint64_t>(proj_size);
  r.bias = bias;
  r.batch_first = batch_first;
  r.gate_rows = checked_mul(gates, r.hidden_size, who);
  r.real_hidden = r.proj_size != 0 ? r.proj_size : r.hidden_size;
  r.upper_input = checked_mul(r.directions, r.real_hidden, who);
  r.per_direction = 2U + (bias ? 2U : 0U) + (r.proj_size != 0 ? 1U : 0U);
  r.tensor_count = checked_mul(checked_mul(r.num_layers, r.directions, who), r.per_direction, who);
  return r;
}

/// The checked settings of a recurrent module M (RNN, LSTM or GRU): its fields, its gates and, where M
/// has them, its nonlinearity and proj_size.
template <class M>
constexpr torch_recurrent torch_recurrent_of(const M& m) {
  std::string_view nonlinearity = "tanh";
  if constexpr (requires { m.nonlinearity; }) {
    nonlinearity = m.nonlinearity;
  }
  std::int64_t proj_size = 0;
  if constexpr (requires { m.proj_size; }) {
    proj_size = m.proj_size;
  }
  return make_torch_recurrent(M::who, M::gates, nonlinearity, m.input_size, m.hidden_size, m.num_layers,
                              m.bias, m.batch_first, m.dropout, m.bidirectional, proj_size);
}

/// RNNBase's arguments from num_layers on, in its order; RNN's nonlinearity and LSTM's proj_size are
/// described by the module itself. device and dtype go by keyword: RNN, LSTM and GRU take *args.
template <class M, class D>
constexpr void describe_torch_recurrent(D& d) {
  d.field("input_size", &M::input_size, arg{.required = true});
  d.field("hidden_size", &M::hidden_size, arg{.required = true});
  d.field("num_layers", &M::num_layers);
  d.field("bias", &M::bias);
  d.field("batch_first", &M::batch_first);
  d.field("dropout", &M::dropout);
  d.field("bidirectional", &M::bidirectional);
  if constexpr (requires { &M::proj_size; }) {
    d.field("proj_size", &M::proj_size);
  }
  if constexpr (requires { &M::nonlinearity; }) {
    // PyTorch 1.13's RNN pops nonlinearity from **kwargs: it is keyword-only.
    d.field("nonlinearity", &M::nonlinearity, arg{.keyword_only = true});
  }
  d.ignored("device", arg{.keyword_only = true});
  d.float32_only("dtype", arg{.keyword_only = true});
}

} // namespace rnnparams::detail

// The members RNN, LSTM and GRU share, written once: each computes from detail::torch_recurrent_of.
// A macro rather than a base class, so that `LSTM{.input_size = 10, .hidden_size = 20}` stays a
// designated initializer of LSTM's own fields (a base would need an initializer of its own, which
// -Wmissing-field-initializers reports) and compile errors name LSTM. Undefined at the end of the file.
#define RNNPARAMS_TORCH_RECURRENT_MEMBERS                                                                    \
  /** forward returns (output, h_n), or (output, (h_n, c_n)): in nn.Sequential, only the last module. */     \
  static constexpr bool returns_a_tuple = true;                                                              \
  /** sum(p.numel() for p in module.parameters()). */                                                        \
  [[nodiscard]] constexpr std::uint64_t count_params() const {                                               \
    return detail::torch_recurrent_of(*this).count();                                                        \
  }                                                                                                          \
  /** weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, (weight_hr_l0), then _reverse, then l1, ... */     \
  [[nodiscard]] constexpr recurrent_tensor_list named_parameters() const {                                   \
    return recurrent_tensor_list{detail::torch_recurrent_of(*this)};                                         \
  }                                                                                                          \
  /** None: recurrent modules have no buffers. */                                                            \
  [[nodiscard]] constexpr fixed_tensor_list named_buffers() const {                                          \
    static_cast<void>(detail::torch_recurrent_of(*this));                                                    \
    return fixed_tensor_list{{who, {}}};                                                                     \
  }                                                                                                          \
  [[nodiscard]] constexpr std::uint64_t count_buffers() const { return named_buffers().numel(); }            \
  /** output for an input (L, N, H_in), (N, L, H_in) with batch_first, or (L, H_in): the last axis */        \
  /** becomes D·H_r (H_r = proj_size, or hidden_size without). */                                            \
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {                                     \
    return detail::torch_recurrent_of(*this).output_shape(input);                                            \
  }                                                                                                          \
  /** h_n: (D·num_layers, N, H_r), or (D·num_layers, H_r) for an unbatched input. */                         \
  [[nodiscard]] constexpr shape h_n_shape(const shape& input) const {                                        \
    const detail::torch_recurrent r = detail::torch_recurrent_of(*this);                                     \
    return r.state_shape(input, r.real_hidden);                                                              \
  }

namespace rnnparams::torch {

/// What named_parameters() returns for RNN, LSTM and GRU.
using recurrent_tensor_list = tensor_list<detail::torch_recurrent>;

/// torch.nn.RNN: per layer and direction, H·(in + H) weights and 2H biases (bias_ih and bias_hh).
struct RNN {
  std::int64_t input_size = -1;
  std::int64_t hidden_size = 0;
  std::int64_t num_layers = 1;
  /// "tanh" or "relu"; it does not change the count.
  std::string_view nonlinearity = "tanh";
  bool bias = true;
  bool batch_first = false;
  double dropout = 0.0;
  bool bidirectional = false;

  static constexpr std::string_view class_name = "RNN";
  static constexpr std::string_view who = "rnnparams::torch::RNN";
  static constexpr std::uint64_t gates = 1;

  /// RNN(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
  /// bidirectional=False, *, nonlinearity='tanh', device=None, dtype=None), as PyTorch 1.13 reads it.
  template <class D>
  static constexpr void describe(D& d) {
    detail::describe_torch_recurrent<RNN>(d);
  }

  RNNPARAMS_TORCH_RECURRENT_MEMBERS
};

/// torch.nn.LSTM: four gates (i, f, g, o), so 4× an RNN's count, plus weight_hr with proj_size.
struct LSTM {
  std::int64_t input_size = -1;
  std::int64_t hidden_size = 0;
  std::int64_t num_layers = 1;
  bool bias = true;
  bool batch_first = false;
  double dropout = 0.0;
  bool bidirectional = false;
  /// If > 0, h is projected to proj_size features by weight_hr (proj_size, H); must be < hidden_size.
  std::int64_t proj_size = 0;

  static constexpr std::string_view class_name = "LSTM";
  static constexpr std::string_view who = "rnnparams::torch::LSTM";
  static constexpr std::uint64_t gates = 4;

  /// LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
  /// bidirectional=False, proj_size=0, *, device=None, dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    detail::describe_torch_recurrent<LSTM>(d);
  }

  RNNPARAMS_TORCH_RECURRENT_MEMBERS

  /// c_n: (D·num_layers, N, hidden_size), or (D·num_layers, hidden_size) for an unbatched input.
  [[nodiscard]] constexpr shape c_n_shape(const shape& input) const {
    const detail::torch_recurrent r = detail::torch_recurrent_of(*this);
    return r.state_shape(input, r.hidden_size);
  }
};

/// torch.nn.GRU: three gates (r, z, n), so 3× an RNN's count; equal to Keras GRU with reset_after=True.
struct GRU {
  std::int64_t input_size = -1;
  std::int64_t hidden_size = 0;
  std::int64_t num_layers = 1;
  bool bias = true;
  bool batch_first = false;
  double dropout = 0.0;
  bool bidirectional = false;

  static constexpr std::string_view class_name = "GRU";
  static constexpr std::string_view who = "rnnparams::torch::GRU";
  static constexpr std::uint64_t gates = 3;

  /// GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
  /// bidirectional=False, *, device=None, dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    detail::describe_torch_recurrent<GRU>(d);
  }

  RNNPARAMS_TORCH_RECURRENT_MEMBERS
};

} // namespace rnnparams::torch

#undef RNNPARAMS_TORCH_RECURRENT_MEMBERS
