// tests/static/keras_recurrent.static.cpp: compile-time facts about SimpleRNN, LSTM, GRU and Dense.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

namespace {
namespace k = rnnparams::keras;
using rnnparams::none;
using rnnparams::shape;

// The README's promise, verbatim.
static_assert(k::SimpleRNN{.units = 10}.count_params({3, 1}) == 120);
static_assert(k::LSTM{.units = 10}.count_params({3, 1}) == 480);
static_assert(k::GRU{.units = 10}.count_params({3, 1}) == 390);
static_assert(k::GRU{.units = 10, .reset_after = false}.count_params({3, 1}) == 360);
static_assert(k::Dense{.units = 1}.count_params({10}) == 11);

// SimpleRNN: (F + U)·U + U, independent of the number of timesteps.
static_assert(k::SimpleRNN{.units = 10}.count_params({none, 1}) == 120);
static_assert(k::SimpleRNN{.units = 10}.count_params({1000, 1}) == 120);
static_assert(k::SimpleRNN{.units = 32}.count_params({none, 8}) == (8 + 32) * 32 + 32);
static_assert(k::SimpleRNN{.units = 10, .use_bias = false}.count_params({3, 1}) == 110);
// LSTM: 4·((F + U)·U + U); GRU: 3·(F + U)·U + 6U, or + 3U with reset_after=false.
static_assert(k::LSTM{.units = 64}.count_params({none, 300}) == 4 * ((300 + 64) * 64 + 64));
static_assert(k::LSTM{.units = 10, .use_bias = false}.count_params({3, 1}) == 440);
static_assert(k::GRU{.units = 64}.count_params({none, 300}) == 3 * (300 + 64) * 64 + 6 * 64);
static_assert(k::GRU{.units = 10, .use_bias = false}.count_params({3, 1}) == 330);
static_assert(k::GRU{.units = 10, .use_bias = false, .reset_after = false}.count_params({3, 1}) == 330);
// Dense works on the last axis of any rank.
static_assert(k::Dense{.units = 1}.count_params({10}) == 11);
static_assert(k::Dense{.units = 4}.count_params({none, 7, 10}) == 44);
static_assert(k::Dense{.units = 4, .use_bias = false}.count_params({10}) == 40);

// Output shapes.
static_assert(k::SimpleRNN{.units = 10}.compute_output_shape({3, 1}) == shape{10});
static_assert(k::LSTM{.units = 10, .return_sequences = true}.compute_output_shape({3, 1}) == shape{3, 10});
static_assert(k::GRU{.units = 10, .return_sequences = true}.compute_output_shape({none, 1}) ==
              shape{none, 10});
static_assert(k::Dense{.units = 1}.compute_output_shape({10}) == shape{1});
static_assert(k::Dense{.units = 4}.compute_output_shape({none, 7, 10}) == shape{none, 7, 4});

// Weight tensors in Keras's order, with Keras's names and shapes.
constexpr auto gru = k::GRU{.units = 10}.weights({3, 1});
static_assert(gru.size() == 3);
static_assert(gru[0].name == "kernel" && gru[0].shape == shape{1, 30});
static_assert(gru[1].name == "recurrent_kernel" && gru[1].shape == shape{10, 30});
static_assert(gru[2].name == "bias" && gru[2].shape == shape{2, 30});
static_assert(k::GRU{.units = 10, .reset_after = false}.weights({3, 1})[2].shape == shape{30});
constexpr auto lstm = k::LSTM{.units = 10}.weights({3, 1});
static_assert(lstm[0].shape == shape{1, 40} && lstm[1].shape == shape{10, 40} && lstm[2].shape == shape{40});
static_assert(k::SimpleRNN{.units = 10, .use_bias = false}.weights({3, 1}).size() == 2);
static_assert(k::Dense{.units = 1}.weights({10})[0].shape == shape{10, 1});

// trainable = false moves every weight to the non-trainable count.
static_assert(k::LSTM{.units = 10}.weights({3, 1}).trainable_count() == 480);
static_assert(k::LSTM{.units = 10}.weights({3, 1}).non_trainable_count() == 0);
static_assert(k::LSTM{.units = 10, .trainable = false}.weights({3, 1}).trainable_count() == 0);
static_assert(k::LSTM{.units = 10, .trainable = false}.weights({3, 1}).non_trainable_count() == 480);
static_assert(!k::Dense{.units = 1, .trainable = false}.weights({10})[1].trainable);

// Large but representable counts stay exact.
static_assert(k::LSTM{.units = 1LL << 20}.count_params({3, 1LL << 20}) ==
              4ULL * ((2ULL << 20) * (1ULL << 20) + (1ULL << 20)));

// The descriptors are aggregates with Keras's defaults.
static_assert(k::GRU{}.use_bias && k::GRU{}.reset_after && !k::GRU{}.return_sequences && k::GRU{}.trainable);

// RNN(cell): the cell's weights on the input's features; a stack builds each cell on the one before. Values
// from TensorFlow.js 4.22 (a stack of LSTMCell(8) and GRUCell(4, reset_after=False) on 3 features: 540).
constexpr k::RNN stacked{.cell = k::StackedRNNCells{.cells = {k::LSTMCell{.units = 8},
                                                              k::GRUCell{.units = 4, .reset_after = false}}},
                         .return_sequences = true};
static_assert(stacked.count_params({5, 3}) == 4 * 8 * (3 + 8) + 32 + 3 * 4 * (8 + 4) + 12);
static_assert(stacked.count_params({5, 3}) == 540);
static_assert(stacked.compute_output_shape({5, 3}) == shape{5, 4});
static_assert(stacked.weights({5, 3})[3].scope == "cells[1]");
// The seed's answer, through the generic layer: RNN(SimpleRNNCell(10)) counts as SimpleRNN(10).
static_assert(k::RNN{.cell = k::SimpleRNNCell{.units = 10}}.count_params({3, 1}) ==
              k::SimpleRNN{.units = 10}.count_params({3, 1}));
static_assert(k::RNN{.cell = k::GRUCell{.units = 4}}.count_params({5, 3}) ==
              k::GRU{.units = 4}.count_params({5, 3}));
static_assert(k::Sequential{k::Input{5, 3}, stacked,
                            k::RNN{.cell = k::SimpleRNNCell{.units = 6, .use_bias = false}}}
                  .count_params() == 600);
// A frozen cell's weights are not trained (Keras 3 and TensorFlow.js).
static_assert(k::RNN{.cell = k::StackedRNNCells{.cells = {k::LSTMCell{.units = 2, .trainable = false},
                                                          k::LSTMCell{.units = 2}}}}
                  .weights({5, 3})
                  .trainable_count() == 4 * 2 * (2 + 2) + 8);

} // namespace
