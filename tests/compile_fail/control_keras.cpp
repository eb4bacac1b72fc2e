// tests/compile_fail/control_keras.cpp: the legal twin of every Keras model and layer case; it must compile.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto seq_lstm_after_lstm =
    k::Sequential{k::Input{3, 1}, k::LSTM{.units = 10, .return_sequences = true}, k::LSTM{.units = 10},
                  k::Dense{.units = 1}};
constexpr auto seq_conv1d_after_gru = k::Sequential{
    k::Input{20, 4}, k::GRU{.units = 8, .return_sequences = true}, k::Conv1D{.filters = 4, .kernel_size = 3}};
constexpr auto seq_bidirectional_after_bidirectional =
    k::Sequential{k::Input{20, 4}, k::Bidirectional{.layer = k::LSTM{.units = 8, .return_sequences = true}},
                  k::Bidirectional{.layer = k::LSTM{.units = 8}}};
constexpr auto seq_gru_on_vectors = k::Sequential{k::Input{5, 10}, k::GRU{.units = 8}};
constexpr auto seq_pooling_on_vectors =
    k::Sequential{k::Input{10, 3}, k::Dense{.units = 4}, k::MaxPooling1D{}};
constexpr auto seq_global_pooling_on_vectors = k::Sequential{
    k::Input{10, 3}, k::LSTM{.units = 4, .return_sequences = true}, k::GlobalAveragePooling1D{}};
constexpr auto seq_time_distributed_on_vectors =
    k::Sequential{k::Input{5, 10}, k::TimeDistributed{.layer = k::Dense{.units = 4}}};
constexpr auto seq_flatten_unknown = k::Sequential{k::Input{30, 8}, k::Conv1D{.filters = 4, .kernel_size = 3},
                                                   k::Flatten{}, k::Dense{.units = 1}};
constexpr auto seq_conv1d_groups =
    k::Sequential{k::Input{10, 8}, k::Conv1D{.filters = 8, .kernel_size = 3, .groups = 4}};
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3, .groups = 4}.count_params({10, 8}) >
              0); // conv1d_filters_groups
constexpr auto seq_conv1d_too_short =
    k::Sequential{k::Input{2, 4}, k::Conv1D{.filters = 8, .kernel_size = 5, .padding = "same"}};
constexpr auto seq_pooling_too_short = k::Sequential{k::Input{4, 4}, k::MaxPooling1D{.pool_size = 4}};
constexpr auto seq_embedding_not_first =
    k::Sequential{k::Input{10}, k::Embedding{.input_dim = 100, .output_dim = 8}, k::Dense{.units = 4}};
static_assert(k::Embedding{.input_dim = 100, .output_dim = 8}.count_params({10}) >
              0); // embedding_zero_output_dim
constexpr auto seq_dense_zero_units =
    k::Sequential{k::Input{3, 1}, k::SimpleRNN{.units = 10}, k::Dense{.units = 4}, k::Dense{.units = 1}};
constexpr auto seq_total_overflow =
    k::Sequential{k::Input{1LL << 31}, k::Dense{.units = 1LL << 32, .use_bias = false}};
constexpr auto repeat_vector_on_sequence =
    k::Sequential{k::Input{5, 3}, k::LSTM{.units = 4}, k::RepeatVector{.n = 3}};
static_assert(k::Bidirectional{.layer = k::LSTM{.units = 4}, .merge_mode = "mul"}.count_params({3, 1}) >
              0); // bidirectional_merge_mode
static_assert(k::Conv1D{.filters = 4, .kernel_size = 3, .padding = "causal"}.count_params({10, 8}) >
              0); // conv1d_padding
static_assert(k::Conv1D{.filters = 4, .kernel_size = 3, .strides = 1, .dilation_rate = 2}.count_params({10,
                                                                                                        8}) >
              0);                                              // conv1d_strides_and_dilation
static_assert(k::Dropout{.rate = 0.5}.count_params({3}) == 0); // dropout_rate
constexpr auto not_a_layer = k::Sequential{k::Input{3, 1}, k::LSTM{.units = 10}, k::Dense{.units = 42}};
// conv1d_zero_dilation_rate: dilation_rate = 1 instead of 0.
static_assert(k::Conv1D{.filters = 4, .kernel_size = 3, .dilation_rate = 1}.count_params({10, 8}) > 0);
// reshape_sizes_do_not_divide: -1 with 4, which divides 12 * 10.
constexpr auto reshape_sizes_do_not_divide = k::Sequential{
    k::Input{12, 8}, k::LSTM{.units = 10, .return_sequences = true}, k::Reshape{.target_shape = {-1, 4}}};
// permute_bad_dims: dims counted from 1.
static_assert(k::Permute{.dims = {2, 1}}.compute_output_shape({10, 64}).rank() == 2);
// optional_dereference_none: known timesteps, so macs() holds a value (4 · (2·4 + 4·4) per step).
static_assert(*k::LSTM{.units = 4}.macs({3, 2}) == 3 * 4 * (2 * 4 + 4 * 4));
// keras_rnn_on_vectors, keras_stacked_cells_empty, keras_cell_zero_units
constexpr auto keras_rnn_on_vectors = k::Sequential{k::Input{5, 10}, k::RNN{.cell = k::LSTMCell{.units = 8}}};
static_assert(keras_rnn_on_vectors.count_params() > 0);
static_assert(k::RNN{.cell = k::StackedRNNCells{.cells = {k::LSTMCell{.units = 8}}}}.count_params({5, 3}) >
              0);
static_assert(k::RNN{.cell = k::GRUCell{.units = 4}}.count_params({5, 3}) > 0);
