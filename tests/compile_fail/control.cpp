// tests/compile_fail/control.cpp: the legal twin of every *.fail.cpp case; it must compile.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(k::SimpleRNN{.units = 10}.count_params({3, 1}) == 120); // simple_rnn_zero_units
static_assert(k::LSTM{.units = 10}.count_params({3, 1}) == 480);      // lstm_negative_units
static_assert(k::GRU{.units = 10}.count_params({3, 1}) == 390); // gru_zero_features, gru_unknown_features
static_assert(k::SimpleRNN{.units = 10}.count_params({3, 1}) == 120);        // simple_rnn_not_a_sequence
static_assert(k::LSTM{.units = 1LL << 20}.count_params({3, 1LL << 20}) > 0); // lstm_overflow
static_assert(k::Dense{.units = 1}.count_params({10}) == 11); // dense_zero_units, dense_scalar_input
static_assert(k::SimpleRNN{.units = 10}.count_params({rnnparams::none, 1}) == 120); // negative_dimension
