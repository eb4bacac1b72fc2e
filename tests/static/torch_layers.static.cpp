// tests/static/torch_layers.static.cpp: compile-time facts about torch Linear, Embedding, Conv1d, Conv2d,
// LayerNorm, BatchNorm1d, BatchNorm2d, MaxPool2d and AvgPool2d. SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

namespace {
namespace t = rnnparams::torch;
using rnnparams::none;
using rnnparams::shape;

// Every number below was printed by torch 1.13.

// Linear: weight (out, in), bias (out).
static_assert(t::Linear{.in_features = 10, .out_features = 1}.count_params() == 11);
static_assert(t::Linear{.in_features = 300, .out_features = 512, .bias = false}.count_params() == 153'600);
static_assert(t::Linear{.in_features = 0, .out_features = 3}.count_params() ==
              3); // PyTorch allows 0 features
static_assert(t::Linear{.in_features = 10, .out_features = 1}.named_parameters()[0].name == "weight");
static_assert(t::Linear{.in_features = 10, .out_features = 1}.named_parameters()[0].shape == shape{1, 10});
static_assert(t::Linear{.in_features = 10, .out_features = 1}.named_parameters()[1].shape == shape{1});
static_assert(t::Linear{.in_features = 10, .out_features = 4}.output_shape({none, 7, 10}) ==
              shape{none, 7, 4});

// Embedding: weight (num_embeddings, embedding_dim); padding_idx may count from the end.
static_assert(t::Embedding{.num_embeddings = 1000, .embedding_dim = 64}.count_params() == 64'000);
static_assert(t::Embedding{.num_embeddings = 10, .embedding_dim = 3, .padding_idx = -10}.count_params() ==
              30);
static_assert(t::Embedding{.num_embeddings = 10, .embedding_dim = 3, .padding_idx = 9}.count_params() == 30);
// Embedding.from_pretrained(torch.zeros(1000, 64)): frozen by default, so none of its 64,000 is trainable.
static_assert(t::Embedding::from_pretrained({1000, 64}).count_params() == 64'000);
static_assert(t::Embedding::from_pretrained({1000, 64}).trainable_params() == 0);
static_assert(t::Embedding::from_pretrained({1000, 64}, {.freeze = false}).trainable_params() == 64'000);
static_assert(t::Embedding::from_pretrained({1000, 64}, {.padding_idx = -1}).padding_idx == -1);
static_assert(t::trainable_params(t::module{
                  t::Embedding{.num_embeddings = 10, .embedding_dim = 3, ._freeze = true}}) == 0);
static_assert(t::trainable_params(t::module{t::Linear{.in_features = 10, .out_features = 1}}) == 11);

// EmbeddingBag: Embedding's weight; a (B, N) input of B bags gives (B, embedding_dim), B - 1 bags with
// include_last_offset (values from PyTorch 1.13).
static_assert(t::EmbeddingBag{.num_embeddings = 1000, .embedding_dim = 64, .mode = "sum"}.count_params() ==
              64'000);
static_assert(t::EmbeddingBag{.num_embeddings = 10, .embedding_dim = 3}.output_shape({4, 5}) == shape{4, 3});
static_assert(t::EmbeddingBag{.num_embeddings = 10, .embedding_dim = 3, .include_last_offset = true}
                  .output_shape({4, 5}) == shape{3, 3});
static_assert(t::EmbeddingBag{.num_embeddings = 10, .embedding_dim = 3, .padding_idx = -10}.count_params() ==
              30);
static_assert(t::Embedding{.num_embeddings = 1000, .embedding_dim = 64}.output_shape({32, 7}) ==
              shape{32, 7, 64});

// Conv1d: weight (out, in / groups, k), bias (out).
static_assert(t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3}.count_params() == 1'568);
static_assert(
    t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3, .groups = 4}.count_params() == 416);
static_assert(t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3, .groups = 16, .bias = false}
                  .named_parameters()[0]
                  .shape == shape{32, 1, 3});
static_assert(t::Conv1d{
                  .in_channels = 4, .out_channels = 6, .kernel_size = 5, .padding = "same", .dilation = 2}
                  .count_params() == 126);
// L' = ⌊(L + 2p − d·(k − 1) − 1) / s⌋ + 1
static_assert(t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3}.output_length(10) == 8);
static_assert(t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 3, .stride = 2, .padding = 1}
                  .output_length(10) == 5);
static_assert(
    t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 3, .stride = 3, .padding = 2, .dilation = 2}
        .output_length(10) == 4);
static_assert(t::Conv1d{
                  .in_channels = 4, .out_channels = 6, .kernel_size = 5, .padding = "same", .dilation = 2}
                  .output_length(7) == 7);
static_assert(t::Conv1d{
                  .in_channels = 4, .out_channels = 6, .kernel_size = 4, .stride = 3, .padding = "valid"}
                  .output_length(100) == 33);
static_assert(t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 3}.output_length(3) == 1);
static_assert(t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 3, .stride = 2, .padding = 1}
                  .output_shape({8, 4, 10}) == shape{8, 6, 5});
static_assert(t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 3}.output_shape({4, none}) ==
              shape{6, none});

// LayerNorm: weight and bias of normalized_shape.
static_assert(t::LayerNorm{.normalized_shape = {10}}.count_params() == 20);
static_assert(t::LayerNorm{.normalized_shape = {4, 10}}.count_params() == 80);
static_assert(t::LayerNorm{.normalized_shape = {4, 10}}.named_parameters()[1].shape == shape{4, 10});
static_assert(t::LayerNorm{.normalized_shape = {10}, .elementwise_affine = false}.count_params() == 0);
static_assert(t::LayerNorm{.normalized_shape = {4, 10}}.output_shape({none, 4, 10}) == shape{none, 4, 10});

// BatchNorm1d: 2C parameters; running statistics are buffers, not parameters.
static_assert(t::BatchNorm1d{.num_features = 10}.count_params() == 20);
static_assert(t::BatchNorm1d{.num_features = 10}.count_buffers() == 21);
static_assert(t::BatchNorm1d{.num_features = 10, .affine = false}.count_params() == 0);
static_assert(t::BatchNorm1d{.num_features = 10, .track_running_stats = false}.count_buffers() == 0);
constexpr auto buffers = t::BatchNorm1d{.num_features = 10}.named_buffers();
static_assert(buffers.size() == 3);
static_assert(buffers[0].name == "running_mean" && buffers[0].shape == shape{10} &&
              buffers[0].dtype == "float32");
static_assert(buffers[1].name == "running_var" && buffers[1].shape == shape{10} &&
              buffers[1].dtype == "float32");
static_assert(buffers[2].name == "num_batches_tracked" && buffers[2].shape == shape{} &&
              buffers[2].dtype == "int64");
static_assert(buffers[2].numel() == 1);
static_assert(t::BatchNorm1d{.num_features = 10}.output_shape({32, 10, 7}) == shape{32, 10, 7});

// The cells: one time step of RNN, LSTM, GRU, G·H·(input_size + H) + 2·G·H; LSTMCell(10, 20) is 2,560.
static_assert(t::LSTMCell{.input_size = 10, .hidden_size = 20}.count_params() == 2'560);
static_assert(t::GRUCell{.input_size = 10, .hidden_size = 20}.count_params() == 1'920);
static_assert(t::RNNCell{.input_size = 10, .hidden_size = 20, .bias = false}.count_params() == 600);
static_assert(t::LSTMCell{.input_size = 10, .hidden_size = 20}.named_parameters()[1].shape == shape{80, 20});
static_assert(t::LSTMCell{.input_size = 10, .hidden_size = 20}.named_parameters()[3].name == "bias_hh");
static_assert(t::GRUCell{.input_size = 8, .hidden_size = 16}.output_shape({8}) == shape{16});
static_assert(t::LSTMCell{.input_size = 8, .hidden_size = 16}.c_1_shape({4, 8}) == shape{4, 16});
static_assert(t::RNNCell{}.bias && t::RNNCell{}.nonlinearity == "tanh" &&
              t::GRUCell::class_name == "GRUCell");

// Only BatchNorm1d has buffers.
static_assert(t::LSTM{.input_size = 1, .hidden_size = 10}.named_buffers().empty());
static_assert(t::Linear{.in_features = 1, .out_features = 1}.count_buffers() == 0);

// The descriptors are aggregates with PyTorch's defaults.
static_assert(t::LSTM{}.num_layers == 1 && t::LSTM{}.bias && !t::LSTM{}.batch_first &&
              t::LSTM{}.dropout == 0.0 && !t::LSTM{}.bidirectional && t::LSTM{}.proj_size == 0);
static_assert(t::RNN{}.nonlinearity == "tanh");
static_assert(t::Conv1d{}.stride == 1 && t::Conv1d{}.padding == 0 && t::Conv1d{}.dilation == 1 &&
              t::Conv1d{}.groups == 1 && t::Conv1d{}.padding_mode == "zeros");
static_assert(t::BatchNorm1d{}.affine && t::BatchNorm1d{}.track_running_stats &&
              t::BatchNorm1d{}.momentum == 0.1);
static_assert(!t::Embedding{}.padding_idx);
static_assert(t::LSTM::class_name == "LSTM" && t::LSTM::who == "rnnparams::torch::LSTM");
static_assert(t::BatchNorm1d::class_name == "BatchNorm1d" && t::Conv1d::who == "rnnparams::torch::Conv1d");

} // namespace

// Conv2d: weight (out, in / groups, kH, kW), bias (out); values from PyTorch 1.13.
static_assert(t::Conv2d{.in_channels = 1, .out_channels = 32, .kernel_size = {3, 3}}.count_params() == 320);
static_assert(t::Conv2d{.in_channels = 32, .out_channels = 64, .kernel_size = 3, .groups = 4, .bias = false}
                  .count_params() == 4'608);
static_assert(t::Conv2d{.in_channels = 32, .out_channels = 64, .kernel_size = {3, 5}, .groups = 4}
                  .named_parameters()[0]
                  .shape == shape{64, 8, 3, 5});
static_assert(t::Conv2d{.in_channels = 1, .out_channels = 32, .kernel_size = 3, .stride = 2, .padding = 1}
                  .output_shape({8, 1, 28, 28}) == shape{8, 32, 14, 14});
static_assert(t::Conv2d{.in_channels = 3,
                        .out_channels = 8,
                        .kernel_size = {3, 5},
                        .stride = {2, 1},
                        .padding = {1, 2},
                        .dilation = {1, 2}}
                  .output_shape({2, 3, 10, 11}) == shape{2, 8, 5, 7});
static_assert(
    t::Conv2d{
        .in_channels = 3, .out_channels = 6, .kernel_size = {3, 5}, .padding = "same", .dilation = {2, 1}}
        .output_shape({3, 9, 4}) == shape{6, 9, 4});

// BatchNorm2d: BatchNorm1d's tensors, on (N, C, H, W).
static_assert(t::BatchNorm2d{.num_features = 16}.count_params() == 32);
static_assert(t::BatchNorm2d{.num_features = 16}.count_buffers() == 33);
static_assert(t::BatchNorm2d{.num_features = 16}.output_shape({8, 16, 5, 5}) == shape{8, 16, 5, 5});

// MaxPool2d and AvgPool2d: stride None is kernel_size; values from PyTorch 1.13.
static_assert(t::MaxPool2d{.kernel_size = 2}.output_shape({8, 32, 28, 28}) == shape{8, 32, 14, 14});
static_assert(
    t::MaxPool2d{.kernel_size = {3, 2}, .stride = {2, 1}, .padding = 1, .dilation = {1, 2}, .ceil_mode = true}
        .output_shape({8, 32, 28, 28}) == shape{8, 32, 15, 28});
static_assert(t::AvgPool2d{.kernel_size = 3, .stride = 2, .padding = 1, .ceil_mode = true}.output_shape(
                  {4, 15, 15}) == shape{4, 8, 8});

// MultiheadAttention: in_proj_weight (3E, E), or q/k/v_proj_weight when kdim or vdim differs; values from
// PyTorch 1.13 (torchinfo's totals of tests/golden/torchinfo).
static_assert(t::MultiheadAttention{.embed_dim = 16, .num_heads = 4, .kdim = 8}.count_params() == 960);
static_assert(t::MultiheadAttention{.embed_dim = 16, .num_heads = 4, .add_bias_kv = true, .kdim = 8}
                  .count_params() == 992);
static_assert(t::MultiheadAttention{.embed_dim = 16, .num_heads = 4}.named_parameters()[0].name ==
              "in_proj_weight");
static_assert(t::MultiheadAttention{.embed_dim = 16, .num_heads = 4, .vdim = 4}.named_parameters()[2].shape ==
              shape{16, 4}); // v_proj_weight (E, vdim)
static_assert(t::MultiheadAttention{.embed_dim = 16, .num_heads = 4, .batch_first = true}
                  .forward_shapes({3, 5, 16}, {3, 7, 16}, {3, 7, 16}, false)
                  .attn_output_weights == shape{3, 4, 5, 7});

// The Transformer modules: nested names, num_layers copies.
constexpr t::TransformerEncoderLayer small_layer{.d_model = 16, .nhead = 4, .dim_feedforward = 32};
static_assert(small_layer.count_params() == 2224);
static_assert(t::TransformerDecoderLayer{.d_model = 16, .nhead = 4, .dim_feedforward = 32}.count_params() ==
              3344);
constexpr t::TransformerEncoder small_encoder{
    .encoder_layer = small_layer, .num_layers = 2, .norm = t::LayerNorm{.normalized_shape = {16}}};
static_assert(small_encoder.count_params() == 4480);
static_assert(small_encoder.named_parameters().size() == 26);
static_assert(small_encoder.named_parameters()[12].name == "layers.1.self_attn.in_proj_weight");
static_assert(small_encoder.named_parameters()[25].name == "norm.bias");
static_assert(small_encoder.output_shape({5, 3, 16}) == shape{5, 3, 16});
static_assert(t::TransformerEncoder{.encoder_layer = {.d_model = 512, .nhead = 8}, .num_layers = 6}
                  .count_params() == 18914304);
static_assert(t::TransformerDecoder{.decoder_layer = {.d_model = 16, .nhead = 4}, .num_layers = 0}
                  .output_shape({5, 3, 16}, {7, 3, 16}) == shape{5, 3, 16});
