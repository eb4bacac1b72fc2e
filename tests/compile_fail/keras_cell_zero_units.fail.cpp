// tests/compile_fail/keras_cell_zero_units.fail.cpp: RNN(GRUCell()) without units. Legal twin in
// control_keras.cpp: GRUCell(4).
// SPDX-License-Identifier: MIT
// expect: rnnparams::keras::GRUCell.*units|units.*rnnparams::keras::GRUCell
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::RNN{.cell = k::GRUCell{}}.count_params({5, 3}) > 0);
