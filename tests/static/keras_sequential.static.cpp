// tests/static/keras_sequential.static.cpp: compile-time facts about Sequential models.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

namespace {
namespace k = rnnparams::keras;
using rnnparams::none;
using rnnparams::shape;

// The promise, verbatim.
constexpr auto model = k::Sequential{k::Input{3, 1}, k::SimpleRNN{.units = 10}, k::Dense{.units = 1}};
static_assert(model.count_params() == 131);

static_assert(model.size() == 2);
static_assert(model.input_shape() == shape{3, 1} && model.output_shape() == shape{1});
static_assert(model.trainable_params() == 131 && model.non_trainable_params() == 0);
static_assert(model.info(0).name == "simple_rnn" && model.info(0).class_name == "SimpleRNN");
static_assert(model.info(0).params == 120 && model.info(0).output_shape == shape{10});
static_assert(model.info(1).name == "dense" && model.info(1).params == 11 &&
              model.info(1).input_shape == shape{10});
static_assert(model.weight_bytes() == 524);
static_assert(model.macs() == 3 * 110 + 10);

// Keras numbers its automatic names per class within the model.
constexpr auto stacked =
    k::Sequential{k::Input{none, 8},       k::LSTM{.units = 16, .return_sequences = true},
                  k::Dropout{.rate = 0.2}, k::LSTM{.units = 16, .return_sequences = true},
                  k::Dropout{.rate = 0.2}, k::LSTM{.units = 8},
                  k::Dense{.units = 4},    k::Dense{.units = 1}};
static_assert(stacked.name(0) == "lstm" && stacked.name(2) == "lstm_1" && stacked.name(4) == "lstm_2");
static_assert(stacked.name(1) == "dropout" && stacked.name(3) == "dropout_1");
static_assert(stacked.name(5) == "dense" && stacked.name(6) == "dense_1");
static_assert(stacked.info(2).input_shape == shape{none, 16});
static_assert(stacked.count_params() == 4 * (24 * 16 + 16) + 4 * (32 * 16 + 16) + 4 * (24 * 8 + 8) + 36 + 5);
static_assert(!stacked.macs().has_value()); // timesteps are None

// The README's classifier: Embedding -> Bidirectional LSTM -> Dense.
constexpr auto classifier =
    k::Sequential{k::Input{none}, k::Embedding{.input_dim = 10'000, .output_dim = 128},
                  k::Bidirectional{.layer = k::LSTM{.units = 64, .return_sequences = true}},
                  k::Bidirectional{.layer = k::LSTM{.units = 32}}, k::Dense{.units = 1}};
static_assert(classifier.name(1) == "bidirectional" && classifier.name(2) == "bidirectional_1");
static_assert(classifier.info(1).output_shape == shape{none, 128});
static_assert(classifier.info(2).params == 2 * 4 * ((128 + 32) * 32 + 32));
static_assert(classifier.count_params() == 1'280'000 + 98'816 + 41'216 + 65);

// Frozen layers and BatchNormalization statistics are non-trainable.
constexpr auto frozen =
    k::Sequential{k::Input{100, 16}, k::Conv1D{.filters = 32, .kernel_size = 3, .padding = "same"},
                  k::BatchNormalization{}, k::GRU{.units = 64, .trainable = false}, k::Dense{.units = 10}};
static_assert(frozen.info(0).output_shape == shape{100, 32});
static_assert(frozen.non_trainable_params() == 64 + frozen.info(2).params);
static_assert(frozen.count_params() == 1'568 + 128 + (3 * (32 + 64) * 64 + 6 * 64) + 650);

// Every layer kind in one model.
constexpr auto everything = k::Sequential{
    k::Input{40},
    k::Embedding{.input_dim = 1000, .output_dim = 16},
    k::Conv1D{.filters = 16, .kernel_size = 5, .padding = "causal"},
    k::MaxPooling1D{},
    k::AveragePooling1D{.pool_size = 2, .strides = 1, .padding = "same"},
    k::BatchNormalization{},
    k::LayerNormalization{},
    k::SimpleRNN{.units = 8, .return_sequences = true},
    k::GRU{.units = 8, .return_sequences = true, .reset_after = false},
    k::Bidirectional{.layer = k::GRU{.units = 4, .return_sequences = true}, .merge_mode = "ave"},
    k::TimeDistributed{.layer = k::Dense{.units = 6}},
    k::Dropout{.rate = 0.1},
    k::GlobalMaxPooling1D{},
    k::RepeatVector{.n = 3},
    k::LSTM{.units = 5, .return_sequences = true},
    k::GlobalAveragePooling1D{},
    k::Dense{.units = 12},
    k::Flatten{}};
static_assert(everything.output_shape() == shape{12});
static_assert(everything.info(2).output_shape == shape{20, 16});
static_assert(everything.info(8).output_shape == shape{20, 4});
static_assert(everything.info(12).output_shape == shape{3, 6});
static_assert(everything.count_params() == 16'000 + (5 * 16 * 16 + 16) + 64 + 32 + (24 * 8 + 8) +
                                               (3 * 16 * 8 + 24) + 2 * (3 * 12 * 4 + 24) + (4 * 6 + 6) +
                                               4 * (11 * 5 + 5) + 72);

// Built from values known only at run time, the same model gives the same numbers (see the unit tests);
// here, a model's total near the top of std::uint64_t is still exact.
static_assert(k::Sequential{k::Input{1LL << 31}, k::Dense{.units = 1LL << 32, .use_bias = false}}
                  .count_params() == 1ULL << 63);
} // namespace

// Keras names a wrapped layer when it is constructed, before its wrapper: the LSTM inside the
// Bidirectional is "lstm", so the next LSTM is "lstm_1" (tests/golden/summary/wrapped_names.*.txt).
constexpr k::Sequential wrapped{k::Input{5, 3},
                                k::Bidirectional{.layer = k::LSTM{.units = 8, .return_sequences = true}},
                                k::LSTM{.units = 4, .return_sequences = true},
                                k::TimeDistributed{.layer = k::Dense{.units = 2}}, k::Dense{.units = 1}};
static_assert(wrapped.name(0) == "bidirectional" && wrapped.name(1) == "lstm_1" &&
              wrapped.name(2) == "time_distributed" && wrapped.name(3) == "dense_1");
