// tests/compile_fail/keras_stacked_cells_empty.fail.cpp: RNN(StackedRNNCells([])), a stack of no cells.
// Legal twin in control_keras.cpp: one LSTMCell.
// SPDX-License-Identifier: MIT
// expect: needs at least one cell
// expect: StackedRNNCells
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::RNN{.cell = k::StackedRNNCells{}}.count_params({5, 3}) > 0);
