// tests/compile_fail/control_torch.cpp: the legal twin of every torch_*.fail.cpp case; it must compile.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

namespace t = rnnparams::torch;

// torch_lstm_proj_size_not_smaller, torch_lstm_negative_proj_size
static_assert(t::LSTM{.input_size = 10, .hidden_size = 20, .proj_size = 5}.count_params() == 1460);
// torch_rnn_unknown_nonlinearity
static_assert(t::RNN{.input_size = 1, .hidden_size = 10, .nonlinearity = "relu"}.count_params() == 130);
// torch_gru_zero_hidden_size
static_assert(t::GRU{.input_size = 1, .hidden_size = 10}.count_params() == 390);
// torch_lstm_zero_layers
static_assert(t::LSTM{.input_size = 300, .hidden_size = 512, .num_layers = 2}.count_params() == 3768320);
// torch_rnn_dropout_above_one
static_assert(t::RNN{.input_size = 1, .hidden_size = 10, .num_layers = 2, .dropout = 0.5}.count_params() ==
              350);
// torch_lstm_wrong_input_size
static_assert(t::LSTM{.input_size = 10, .hidden_size = 20}.output_shape({7, 3, 10}) ==
              rnnparams::shape{7, 3, 20});
// torch_lstm_cell_on_sequence
static_assert(t::LSTMCell{.input_size = 10, .hidden_size = 20}.output_shape({3, 10}) ==
              rnnparams::shape{3, 20});
// torch_lstm_overflow
static_assert(t::LSTM{.input_size = 1LL << 20, .hidden_size = 1LL << 20}.count_params() > 0);
// torch_conv1d_groups_not_dividing
static_assert(
    t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3, .groups = 4}.count_params() == 416);
// torch_conv1d_same_with_stride
static_assert(t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 5, .stride = 1, .padding = "same"}
                  .count_params() == 126);
// torch_conv1d_input_too_short
static_assert(t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 3}.output_length(3) == 1);
// torch_embedding_padding_idx_out_of_range
static_assert(t::Embedding{.num_embeddings = 10, .embedding_dim = 3, .padding_idx = -10}.count_params() ==
              30);
// torch_batch_norm_zero_features
static_assert(t::BatchNorm1d{.num_features = 10}.count_params() == 20);
// torch_layer_norm_no_dimensions
static_assert(t::LayerNorm{.normalized_shape = {10}}.count_params() == 20);
// torch_linear_missing_in_features
static_assert(t::Linear{.in_features = 10, .out_features = 1}.count_params() == 11);
// torch_gru_proj_size: only LSTM has proj_size
static_assert(rnnparams::torch::LSTM{.input_size = 10, .hidden_size = 20, .proj_size = 5}.count_params() > 0);
// torch_max_pool1d_zero_kernel_size
static_assert(t::MaxPool1d{.kernel_size = 3}.output_shape({1, 4, 9}).rank() == 3);
// torch_avg_pool1d_window_longer_than_input
static_assert(t::AvgPool1d{.kernel_size = 9}.output_shape({1, 4, 9}).rank() == 3);
// torch_conv2d_missing_channel_axis
static_assert(
    t::Conv2d{.in_channels = 1, .out_channels = 32, .kernel_size = 3}.output_shape({8, 1, 28, 28}).rank() ==
    4);
// torch_max_pool2d_padding_above_half
static_assert(t::MaxPool2d{.kernel_size = 2, .padding = 1}.output_shape({8, 32, 28, 28}).rank() == 4);
// torch_batch_norm2d_on_vectors
static_assert(t::BatchNorm2d{.num_features = 16}.output_shape({8, 16, 5, 5}).rank() == 4);
// torch_from_pretrained_3d
static_assert(t::Embedding::from_pretrained({10, 3}).count_params() == 30);
// torch_embeddingbag_without_offsets
static_assert(t::EmbeddingBag{.num_embeddings = 1000, .embedding_dim = 64}.output_shape({8, 20}).rank() == 2);
// torch_mha_heads_not_dividing
static_assert(t::MultiheadAttention{.embed_dim = 12, .num_heads = 3}.count_params() == 624);
// torch_mha_key_width
static_assert(t::MultiheadAttention{.embed_dim = 16, .num_heads = 4, .kdim = 8}
                  .output_shape({5, 3, 16}, {7, 3, 8}, {7, 3, 16})
                  .rank() == 3);
// torch_transformer_layer_width
static_assert(t::TransformerEncoderLayer{.d_model = 16, .nhead = 4}.output_shape({5, 3, 16}).rank() == 3);
// torch_transformer_activation
static_assert(t::TransformerEncoderLayer{.d_model = 16, .nhead = 4, .activation = "gelu"}.count_params() > 0);
// torch_transformer_encoder_no_layers
static_assert(t::TransformerEncoder{.encoder_layer = {.d_model = 16, .nhead = 4}, .num_layers = 2}
                  .output_shape({5, 3, 16})
                  .rank() == 3);
