// rnnparams/keras/rnn.hpp: Keras's generic RNN layer and the cells it runs: SimpleRNNCell, LSTMCell,
// GRUCell and StackedRNNCells.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_layer.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/detail/static_vector.hpp>
#include <rnnparams/one_of.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/weight.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace rnnparams::detail {

/// The arguments every cell takes after its initializers: regularizers, constraints, dropouts, seed.
template <class D>
constexpr void keras_cell_arguments(D& d) {
  d.ignored("kernel_regularizer");
  d.ignored("recurrent_regularizer");
  d.ignored("bias_regularizer");
  d.ignored("kernel_constraint");
  d.ignored("recurrent_constraint");
  d.ignored("bias_constraint");
  d.ignored("dropout");
  d.ignored("recurrent_dropout");
}

/// What RNN needs of one cell, whatever its class: its class's gates and states, its settings.
struct keras_cell_spec {
  std::string_view who;
  std::int64_t units = 0;
  std::uint64_t gates = 1;
  std::size_t states = 1;
  bool use_bias = true;
  bool two_biases = false;
  bool trainable = true;
};

} // namespace rnnparams::detail

// The members the three cells share, written once (a macro for the reason keras_layer.hpp gives): the
// weights from keras_cell_weights, the output size, the states. Undefined at the end of the file.
#define RNNPARAMS_KERAS_CELL_MEMBERS(gate_count, state_count, two_biases)                                    \
  /** The G in G·U: 1 (SimpleRNNCell), 4 (LSTMCell, gates i, f, c, o), 3 (GRUCell, z, r, h). */              \
  static constexpr std::uint64_t gates = gate_count;                                                         \
  /** h, or h and c for LSTMCell: what RNN's return_state returns for this cell. */                          \
  static constexpr std::size_t states = state_count;                                                         \
  /** What RNN reads of the cell. */                                                                         \
  [[nodiscard]] constexpr ::rnnparams::detail::keras_cell_spec spec() const {                                \
    return {who, units, gates, states, use_bias, two_biases, trainable};                                     \
  }

namespace rnnparams::keras {

/// keras.layers.SimpleRNNCell: kernel (F, U), recurrent_kernel (U, U), bias (U).
struct SimpleRNNCell {
  std::int64_t units = 0;
  bool use_bias = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "SimpleRNNCell";
  static constexpr std::string_view who = "rnnparams::keras::SimpleRNNCell";
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("units", &SimpleRNNCell::units, arg{.required = true});
    d.ignored("activation");
    d.field("use_bias", &SimpleRNNCell::use_bias);
    d.ignored("kernel_initializer");
    d.ignored("recurrent_initializer");
    d.ignored("bias_initializer");
    detail::keras_cell_arguments(d);
    d.ignored("seed");
  }
  RNNPARAMS_KERAS_CELL_MEMBERS(1, 1, false)
};

/// keras.layers.LSTMCell: kernel (F, 4U), recurrent_kernel (U, 4U), bias (4U); states h and c.
struct LSTMCell {
  std::int64_t units = 0;
  bool use_bias = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "LSTMCell";
  static constexpr std::string_view who = "rnnparams::keras::LSTMCell";
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("units", &LSTMCell::units, arg{.required = true});
    d.ignored("activation");
    d.ignored("recurrent_activation");
    d.field("use_bias", &LSTMCell::use_bias);
    d.ignored("kernel_initializer");
    d.ignored("recurrent_initializer");
    d.ignored("bias_initializer");
    d.ignored("unit_forget_bias");
    detail::keras_cell_arguments(d);
    d.ignored("seed");
    d.ignored("implementation", arg{.keyword_only = true});
  }
  RNNPARAMS_KERAS_CELL_MEMBERS(4, 2, false)
};

/// keras.layers.GRUCell: kernel (F, 3U), recurrent_kernel (U, 3U), bias (2, 3U) with reset_after (Keras 3's
/// default) or (3U).
struct GRUCell {
  std::int64_t units = 0;
  bool use_bias = true;
  bool reset_after = true;
  bool trainable = true;

  static constexpr std::string_view class_name = "GRUCell";
  static constexpr std::string_view who = "rnnparams::keras::GRUCell";
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("units", &GRUCell::units, arg{.required = true});
    d.ignored("activation");
    d.ignored("recurrent_activation");
    d.field("use_bias", &GRUCell::use_bias);
    d.ignored("kernel_initializer");
    d.ignored("recurrent_initializer");
    d.ignored("bias_initializer");
    detail::keras_cell_arguments(d);
    d.field("reset_after", &GRUCell::reset_after, arg{.absent_from_old_configs_means_false = true});
    d.ignored("seed");
    d.ignored("implementation", arg{.keyword_only = true});
  }
  RNNPARAMS_KERAS_CELL_MEMBERS(3, 1, reset_after)
};

/// One cell: what StackedRNNCells holds.
using keras_cell = rnnparams::one_of<SimpleRNNCell, LSTMCell, GRUCell>;

/// Up to four cells, written as a list: `.cells = {LSTMCell{.units = 8}, GRUCell{.units = 4}}`.
class cell_list {
public:
  static constexpr std::size_t max_cells = 4;

  constexpr cell_list() = default;
  constexpr cell_list(std::initializer_list<keras_cell> cells) // NOLINT(google-explicit-constructor)
      : items_{cells, "rnnparams::keras::StackedRNNCells"} {}

  constexpr void push_back(const keras_cell& cell) {
    items_.push_back(cell, "rnnparams::keras::StackedRNNCells");
  }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] constexpr bool empty() const noexcept { return items_.empty(); }
  constexpr const keras_cell& operator[](std::size_t i) const noexcept { return items_[i]; }
  constexpr const keras_cell* begin() const noexcept { return items_.begin(); }
  constexpr const keras_cell* end() const noexcept { return items_.end(); }

private:
  rnnparams::detail::static_vector<keras_cell, max_cells> items_;
};

/// keras.layers.StackedRNNCells: cells run one after the other at each step, each on the previous one's
/// output (the first on the input's features). Up to `max_cells` (4) cells.
struct StackedRNNCells {
  static constexpr std::size_t max_cells = cell_list::max_cells;
  cell_list cells{};
  bool trainable = true;

  static constexpr std::string_view class_name = "StackedRNNCells";
  static constexpr std::string_view who = "rnnparams::keras::StackedRNNCells";
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("cells", &StackedRNNCells::cells, arg{.required = true});
  }

  /// The scope of cell k's weights: "cells[k]".
  static constexpr std::string_view scope(std::size_t k) noexcept {
    constexpr std::string_view names[max_cells] = {"cells[0]", "cells[1]", "cells[2]", "cells[3]"};
    return names[k];
  }
  constexpr void check() const {
    if (cells.empty()) {
      // error here: give .cells = {LSTMCell{...}, ...}
      detail::report_invalid(who, "needs at least one cell");
    }
  }
};

/// What RNN runs: one cell, or a StackedRNNCells (Keras makes one of a list of cells).
using rnn_cell = rnnparams::one_of<SimpleRNNCell, LSTMCell, GRUCell, StackedRNNCells>;

/// keras.layers.RNN(cell): the recurrent layer around any cell. It has the cell's weights, built on the
/// input's features (a stack: each cell on the previous one's output), and returns the last cell's output.
struct RNN {
  rnn_cell cell{};
  bool return_sequences = false;
  /// Also return the final states after the output ([output, h] for SimpleRNNCell and GRUCell, [output,
  /// h, c] for LSTMCell, each cell's in turn for a stack): a functional model takes them.
  bool return_state = false;
  bool trainable = true;

  static constexpr std::string_view class_name = "RNN";
  static constexpr std::string_view who = "rnnparams::keras::RNN";
  static constexpr bool takes_a_sequence = true;
  /// keras.layers.RNN(cell, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
  /// unroll=False, zero_output_for_mask=False, **kwargs).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("cell", &RNN::cell, arg{.required = true});
    d.field("return_sequences", &RNN::return_sequences);
    d.field("return_state", &RNN::return_state);
    d.ignored("go_backwards");
    d.ignored("stateful");
    d.ignored("unroll");
    d.ignored("zero_output_for_mask");
    d.unsupported("time_major", "rnnparams models (batch, timesteps, features) inputs",
                  arg{.keyword_only = true});
  }

  /// The cells RNN runs, in order (one, or a stack's).
  [[nodiscard]] constexpr detail::static_vector<detail::keras_cell_spec, StackedRNNCells::max_cells>
  cells() const {
    detail::static_vector<detail::keras_cell_spec, StackedRNNCells::max_cells> specs;
    if (stacked()) {
      const StackedRNNCells& stack = rnnparams::get<StackedRNNCells>(cell);
      stack.check();
      for (const keras_cell& c : stack.cells) {
        specs.push_back(rnnparams::visit([](const auto& x) { return x.spec(); }, c), who);
        specs.back().trainable = specs.back().trainable && stack.trainable;
      }
      return specs;
    }
    specs.push_back(rnnparams::visit(
                        [](const auto& x) -> detail::keras_cell_spec {
                          if constexpr (requires { x.spec(); }) {
                            return x.spec();
                          } else {
                            return {}; // the stack, above
                          }
                        },
                        cell),
                    who);
    return specs;
  }
  /// True when the cell is a StackedRNNCells, whose weights are scoped "cells[k]".
  [[nodiscard]] constexpr bool stacked() const noexcept {
    return rnnparams::holds_alternative<StackedRNNCells>(cell);
  }

  /// The cell's weights (kernel, recurrent_kernel, bias), a stack's cell by cell in scope "cells[k]", each on
  /// the output of the cell before it.
  template <class Out>
  constexpr void for_each_weight(const shape& input, Out& out) const {
    std::uint64_t f = detail::keras_rnn_features(who, input);
    const auto specs = cells();
    for (std::size_t k = 0; k < specs.size(); ++k) {
      const detail::keras_cell_spec& c = specs[k];
      detail::keras_cell_weights(c.who, stacked() ? StackedRNNCells::scope(k) : std::string_view{}, f,
                                 c.units, c.gates, c.use_bias, c.two_biases, c.trainable && trainable, out);
      f = detail::keras_units(c.who, c.units);
    }
  }
  RNNPARAMS_KERAS_WEIGHT_QUERIES
  /// (U) or (timesteps, U), U the last cell's output size.
  [[nodiscard]] constexpr shape compute_output_shape(const shape& input) const {
    return detail::keras_rnn_output(who, static_cast<std::int64_t>(output_size()), return_sequences, input);
  }
  /// Multiply-accumulates per sample: timesteps × Σ over the cells of G·(F·U + U·U), F the cell's input.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const shape& input) const {
    std::uint64_t f = detail::keras_rnn_features(who, input);
    std::uint64_t per_step = 0;
    for (const detail::keras_cell_spec& c : cells()) {
      const std::uint64_t u = detail::keras_units(c.who, c.units);
      per_step = detail::checked_add(per_step, detail::keras_rnn_step_macs(who, f, u, c.gates), who);
      f = u;
    }
    return detail::keras_times(input[0], per_step, who);
  }
  /// The last cell's output size.
  [[nodiscard]] constexpr std::uint64_t output_size() const {
    const auto specs = cells();
    return detail::keras_units(specs.back().who, specs.back().units);
  }
  /// The sizes of the states return_state returns, in order: each cell's h (and c), each (U,).
  [[nodiscard]] constexpr detail::static_vector<std::uint64_t, 2 * StackedRNNCells::max_cells>
  state_sizes() const {
    detail::static_vector<std::uint64_t, 2 * StackedRNNCells::max_cells> sizes;
    for (const detail::keras_cell_spec& c : cells()) {
      for (std::size_t i = 0; i < c.states; ++i) {
        sizes.push_back(detail::keras_units(c.who, c.units), who);
      }
    }
    return sizes;
  }
};

} // namespace rnnparams::keras

#undef RNNPARAMS_KERAS_CELL_MEMBERS
