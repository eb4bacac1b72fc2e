// tests/unit/torch_layers.test.cpp: torch Linear, Embedding, Conv1d, Conv2d, LayerNorm, BatchNorm1d,
// BatchNorm2d, the 2-D pooling modules and the cells with run-time values. SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "run_time.hpp"

#include <rnnparams/rnnparams.hpp>
#include <rnnparams/torch/sequential.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace t = rnnparams::torch;
using rnnparams::none;
using rnnparams::shape;
using test::runtime;

namespace {
using listing = std::vector<std::tuple<std::string, std::vector<std::uint64_t>, std::string>>;

template <class List>
listing describe(const List& tensors) {
  listing out;
  for (const auto& p : tensors) {
    std::vector<std::uint64_t> dims;
    for (auto d : p.shape) {
      dims.push_back(d.value());
    }
    out.emplace_back(std::string{p.name}, dims, std::string{p.dtype});
  }
  return out;
}
} // namespace

TEST_CASE("Linear: weight (out, in) and bias (out)") {
  const t::Linear linear{.in_features = runtime(10), .out_features = 1};
  CHECK(linear.count_params() == 11);
  CHECK(describe(linear.named_parameters()) ==
        listing{{"weight", {1, 10}, "float32"}, {"bias", {1}, "float32"}});
  CHECK(t::Linear{.in_features = runtime(300), .out_features = 512, .bias = false}.count_params() == 153'600);
  CHECK(linear.output_shape({none, 7, 10}) == shape{none, 7, 1});
  CHECK(linear.named_buffers().empty());
  CHECK_THROWS_WITH(linear.output_shape({7, 9}),
                    "rnnparams::torch::Linear: the input's last axis must equal in_features");
  CHECK_THROWS_WITH(linear.output_shape({}),
                    "rnnparams::torch::Linear: expects an input of rank >= 1 (*, in_features), got a scalar");
  CHECK_THROWS_WITH(t::Linear{.out_features = 3}.count_params(),
                    "rnnparams::torch::Linear: in_features must be given, and >= 0");
  CHECK_THROWS_WITH((t::Linear{.in_features = 3, .out_features = runtime(-1)}.count_params()),
                    "rnnparams::torch::Linear: out_features must be given, and >= 0");
  CHECK_THROWS_WITH((t::Linear{.in_features = runtime(1LL << 32), .out_features = 1LL << 32}.count_params()),
                    "rnnparams::torch::Linear: the parameter count does not fit in std::uint64_t");
}

TEST_CASE(
    "Embedding: weight (num_embeddings, embedding_dim); padding_idx in [-num_embeddings, num_embeddings)") {
  CHECK(t::Embedding{.num_embeddings = runtime(1000), .embedding_dim = 64}.count_params() == 64'000);
  CHECK(describe(t::Embedding{.num_embeddings = runtime(1000), .embedding_dim = 64}.named_parameters()) ==
        listing{{"weight", {1000, 64}, "float32"}});
  CHECK(t::Embedding{.num_embeddings = 10, .embedding_dim = 3, .padding_idx = runtime(-10)}.count_params() ==
        30);
  CHECK(t::Embedding{.num_embeddings = 10, .embedding_dim = 3}.output_shape({none, 5}) == shape{none, 5, 3});
  CHECK_THROWS_WITH(
      (t::Embedding{.num_embeddings = 10, .embedding_dim = 3, .padding_idx = runtime(10)}.count_params()),
      "rnnparams::torch::Embedding: Padding_idx must be within num_embeddings");
  CHECK_THROWS_WITH(
      (t::Embedding{.num_embeddings = 10, .embedding_dim = 3, .padding_idx = runtime(-11)}.count_params()),
      "rnnparams::torch::Embedding: Padding_idx must be within num_embeddings");
  CHECK_THROWS_WITH(t::Embedding{.embedding_dim = 3}.count_params(),
                    "rnnparams::torch::Embedding: num_embeddings must be given, and >= 0");
  CHECK_THROWS_WITH(t::Embedding{.num_embeddings = 3}.count_params(),
                    "rnnparams::torch::Embedding: embedding_dim must be given, and >= 0");
}

TEST_CASE("Conv1d: weight (out, in / groups, k), bias (out)") {
  const t::Conv1d conv{.in_channels = runtime(16), .out_channels = 32, .kernel_size = 3};
  CHECK(conv.count_params() == 1'568);
  CHECK(describe(conv.named_parameters()) ==
        listing{{"weight", {32, 16, 3}, "float32"}, {"bias", {32}, "float32"}});
  CHECK(t::Conv1d{.in_channels = runtime(16), .out_channels = 32, .kernel_size = 3, .groups = 4}
            .count_params() == 416);
  CHECK(
      t::Conv1d{.in_channels = runtime(16), .out_channels = 32, .kernel_size = 3, .groups = 16, .bias = false}
          .count_params() == 96);
}

TEST_CASE("Conv1d: L' = floor((L + 2p - d(k - 1) - 1) / s) + 1, and L with padding=\"same\"") {
  const t::Conv1d conv{
      .in_channels = 4, .out_channels = 6, .kernel_size = 3, .stride = 3, .padding = 2, .dilation = 2};
  CHECK(conv.output_length(runtime(10)) == 4);
  CHECK(conv.output_shape({8, 4, runtime(10)}) == shape{8, 6, 4});
  CHECK(conv.output_shape({4, none}) == shape{6, none});
  const std::string same = "same";
  const t::Conv1d same_conv{.in_channels = 4,
                            .out_channels = 6,
                            .kernel_size = 5,
                            .padding = t::conv_padding{std::string_view{same}},
                            .dilation = 2};
  CHECK(same_conv.output_length(runtime(7)) == 7);
  CHECK(same_conv.output_length(runtime(1)) == 1);
  CHECK_THROWS_WITH(same_conv.output_length(runtime(0)),
                    "rnnparams::torch::Conv1d: Kernel size can't be greater than actual input size");
  CHECK(t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 4, .stride = 3, .padding = "valid"}
            .output_length(runtime(100)) == 33);
  CHECK_THROWS_WITH(
      (t::Conv1d{.in_channels = 4, .out_channels = 6, .kernel_size = 7, .padding = 4, .dilation = 3}
           .output_length(runtime(5))),
      "rnnparams::torch::Conv1d: Kernel size can't be greater than actual input size");
  CHECK_THROWS_WITH(conv.output_length(runtime(-1)),
                    "rnnparams::torch::Conv1d: the input length must be >= 0");
  CHECK_THROWS_WITH(conv.output_shape({8, 5, 10}),
                    "rnnparams::torch::Conv1d: expected the input to have in_channels channels");
  CHECK_THROWS_WITH(conv.output_shape({10}),
                    "rnnparams::torch::Conv1d: Expected 2D (unbatched) or 3D (batched) input to conv1d");
  CHECK_THROWS_AS(
      (t::Conv1d{.in_channels = 1, .out_channels = 1, .kernel_size = (1LL << 62) + 1, .dilation = 8}
           .output_length(runtime(1))),
      rnnparams::overflow_error);
}

TEST_CASE("Conv1d: invalid settings throw invalid_model with PyTorch's reason") {
  const auto c = [](std::int64_t in, std::int64_t out, std::int64_t k) {
    return t::Conv1d{.in_channels = runtime(in), .out_channels = out, .kernel_size = k};
  };
  CHECK_THROWS_WITH(c(0, 6, 3).count_params(),
                    "rnnparams::torch::Conv1d: in_channels must be greater than zero");
  CHECK_THROWS_WITH(c(4, 0, 3).count_params(),
                    "rnnparams::torch::Conv1d: out_channels must be greater than zero");
  CHECK_THROWS_WITH(c(4, 6, 0).count_params(),
                    "rnnparams::torch::Conv1d: kernel_size must be greater than zero");
  auto conv = c(4, 6, 3);
  conv.stride = 0;
  CHECK_THROWS_WITH(conv.count_params(), "rnnparams::torch::Conv1d: non-positive stride is not supported");
  conv = c(4, 6, 3);
  conv.dilation = -1;
  CHECK_THROWS_WITH(conv.count_params(), "rnnparams::torch::Conv1d: non-positive dilation is not supported");
  conv = c(4, 6, 3);
  conv.groups = 0;
  CHECK_THROWS_WITH(conv.count_params(), "rnnparams::torch::Conv1d: groups must be a positive integer");
  conv.groups = 3;
  CHECK_THROWS_WITH(conv.count_params(), "rnnparams::torch::Conv1d: in_channels must be divisible by groups");
  conv.groups = 4;
  CHECK_THROWS_WITH(conv.count_params(),
                    "rnnparams::torch::Conv1d: out_channels must be divisible by groups");
  conv = c(4, 6, 3);
  conv.padding = -1;
  CHECK_THROWS_WITH(conv.count_params(), "rnnparams::torch::Conv1d: negative padding is not supported");
  conv.padding = "full";
  CHECK_THROWS_WITH(conv.count_params(),
                    "rnnparams::torch::Conv1d: Invalid padding string, should be one of {'valid', 'same'}");
  conv.padding = "same";
  conv.stride = 2;
  CHECK_THROWS_WITH(conv.count_params(),
                    "rnnparams::torch::Conv1d: padding='same' is not supported for strided convolutions");
  conv.padding = "valid";
  CHECK(conv.count_params() == 78);
  conv.padding_mode = "circular";
  CHECK(conv.count_params() == 78);
  conv.padding_mode = "mirror";
  CHECK_THROWS_WITH(conv.count_params(),
                    "rnnparams::torch::Conv1d: padding_mode must be one of {'zeros', 'reflect', "
                    "'replicate', 'circular'}");
}

TEST_CASE("Embedding.from_pretrained: the embeddings' shape, frozen unless freeze=False") {
  const t::Embedding glove = t::Embedding::from_pretrained({runtime(400'000), 300}, {.padding_idx = 0});
  CHECK(glove.num_embeddings == 400'000);
  CHECK(glove.embedding_dim == 300);
  CHECK(glove.padding_idx == 0);
  CHECK(glove._freeze);
  CHECK(glove.count_params() == 120'000'000);
  CHECK(glove.trainable_params() == 0);
  CHECK(t::Embedding::from_pretrained({10, 3}, {.freeze = false}).trainable_params() == 30);
  CHECK_THROWS_WITH(t::Embedding::from_pretrained({runtime(10)}),
                    "rnnparams::torch::Embedding: Embeddings parameter is expected to be 2-dimensional");
  CHECK_THROWS_WITH(t::Embedding::from_pretrained({10, none}),
                    "rnnparams::torch::Embedding: the embeddings' shape must be known");
  CHECK_THROWS_WITH(t::Embedding::from_pretrained({10, 3}, {.padding_idx = runtime(10)}).count_params(),
                    "rnnparams::torch::Embedding: Padding_idx must be within num_embeddings");
}

TEST_CASE("EmbeddingBag: Embedding's weight; (B, N) bags -> (B, embedding_dim), checked as F.embedding_bag") {
  // Values and refusals from PyTorch 1.13.
  const t::EmbeddingBag bag{.num_embeddings = runtime(10), .embedding_dim = 3};
  CHECK(describe(bag.named_parameters()) == listing{{"weight", {10, 3}, "float32"}});
  CHECK(bag.output_shape({4, 5}) == shape{4, 3});
  CHECK(bag.output_shape({0, 5}) == shape{0, 3});
  CHECK(bag.output_shape({none, 5}) == shape{none, 3});
  auto last = bag;
  last.include_last_offset = true;
  CHECK(last.output_shape({4, 5}) == shape{3, 3});
  CHECK(last.output_shape({1, 5}) == shape{0, 3});
  CHECK_THROWS_WITH(
      last.output_shape({0, 5}),
      "rnnparams::torch::EmbeddingBag: include_last_offset: number of offset should be at least 1");
  CHECK_THROWS_WITH(bag.output_shape({5}),
                    "rnnparams::torch::EmbeddingBag: offsets has to be a 1D Tensor but got None");
  CHECK_THROWS_WITH(bag.output_shape({2, 5, 2}),
                    "rnnparams::torch::EmbeddingBag: input has to be 1D or 2D Tensor");
  CHECK_THROWS_WITH(bag.output_shape({4, 0}), "rnnparams::torch::EmbeddingBag: step must be nonzero");
  auto mode = bag;
  mode.mode = "min";
  CHECK_THROWS_WITH(mode.output_shape({4, 5}),
                    "rnnparams::torch::EmbeddingBag: mode has to be one of sum, mean or max");
  mode.mode = "max";
  mode.sparse = true;
  CHECK_THROWS_WITH(mode.output_shape({4, 5}),
                    "rnnparams::torch::EmbeddingBag: max mode does not support sparse weights");
  mode.sparse = false;
  mode.scale_grad_by_freq = true;
  CHECK_THROWS_WITH(
      mode.output_shape({4, 5}),
      "rnnparams::torch::EmbeddingBag: max mode does not support scaling the gradient by the frequency");
  CHECK_THROWS_WITH(
      (t::EmbeddingBag{.num_embeddings = 10, .embedding_dim = 3, .padding_idx = runtime(10)}.count_params()),
      "rnnparams::torch::EmbeddingBag: Padding_idx must be within num_embeddings");
}

TEST_CASE("Conv1d and Conv2d: padding_mode's own rules, as F.pad applies them in PyTorch 1.13") {
  // Conv1d(3, 6, 3, padding_mode='circular') refuses an unbatched input, and takes a batched one.
  const t::Conv1d circular{.in_channels = 3, .out_channels = 6, .kernel_size = 3, .padding_mode = "circular"};
  CHECK_THROWS_WITH(
      circular.output_shape({3, runtime(7)}),
      "rnnparams::torch::Conv1d: padding_mode='circular' takes a batched input (Invalid padding "
      "size)");
  CHECK(circular.output_shape({2, 3, runtime(7)}) == shape{2, 6, 5});
  // reflect pads less than the axis is long; "same" with an even kernel puts the larger half on the right.
  const auto reflect = [](t::conv2d_padding padding, std::int64_t k) {
    return t::Conv2d{
        .in_channels = 3, .out_channels = 6, .kernel_size = k, .padding = padding, .padding_mode = "reflect"};
  };
  CHECK(reflect(1, 3).output_shape({1, 3, runtime(2), 4}) == shape{1, 6, 2, 4});
  CHECK_THROWS_WITH(
      reflect(1, 3).output_shape({1, 3, runtime(1), 4}),
      "rnnparams::torch::Conv2d: Padding size should be less than the corresponding input dimension");
  CHECK(reflect("same", 4).output_shape({1, 3, runtime(3), 4}) == shape{1, 6, 3, 4});
  CHECK_THROWS_WITH(
      reflect("same", 4).output_shape({1, 3, runtime(2), 4}),
      "rnnparams::torch::Conv2d: Padding size should be less than the corresponding input dimension");
  // circular wraps at most once: padding 2 on an axis of 2, but not 3.
  const auto wrap = [](std::int64_t p) {
    return t::Conv2d{.in_channels = 3,
                     .out_channels = 6,
                     .kernel_size = 3,
                     .padding = runtime(p),
                     .padding_mode = "circular"};
  };
  CHECK(wrap(2).output_shape({1, 3, 2, 4}) == shape{1, 6, 4, 6});
  CHECK_THROWS_WITH(wrap(3).output_shape({1, 3, 2, 4}),
                    "rnnparams::torch::Conv2d: Padding value causes wrapping around more than once");
  // replicate and zeros take any padding; an unknown axis is not checked.
  CHECK(t::Conv2d{
            .in_channels = 3, .out_channels = 6, .kernel_size = 3, .padding = 4, .padding_mode = "replicate"}
            .output_shape({2, 3, 3, 3}) == shape{2, 6, 9, 9});
  CHECK(wrap(3).output_shape({1, 3, none, 4}) == shape{1, 6, none, 8});
}

TEST_CASE("Conv2d: weight (out, in / groups, kH, kW), bias (out); each axis by Conv1d's rule") {
  // Values from PyTorch 1.13.
  CHECK(t::Conv2d{.in_channels = runtime(1), .out_channels = 32, .kernel_size = {3, 3}}.count_params() ==
        320);
  CHECK(
      t::Conv2d{.in_channels = runtime(32), .out_channels = 64, .kernel_size = 3, .groups = 4, .bias = false}
          .count_params() == 4'608);
  CHECK(describe(t::Conv2d{.in_channels = runtime(32), .out_channels = 64, .kernel_size = {3, 5}, .groups = 4}
                     .named_parameters()) ==
        listing{{"weight", {64, 8, 3, 5}, "float32"}, {"bias", {64}, "float32"}});
  CHECK(t::Conv2d{.in_channels = 1, .out_channels = 32, .kernel_size = 3, .stride = 2, .padding = 1}
            .output_shape({8, 1, runtime(28), 28}) == shape{8, 32, 14, 14});
  CHECK(t::Conv2d{
            .in_channels = 3, .out_channels = 6, .kernel_size = {3, 5}, .padding = "same", .dilation = {2, 1}}
            .output_shape({3, runtime(9), 4}) == shape{6, 9, 4});
  const t::Conv2d conv{.in_channels = 3,
                       .out_channels = 8,
                       .kernel_size = {3, 5},
                       .stride = {2, 1},
                       .padding = {1, 2},
                       .dilation = {1, runtime(2)}};
  CHECK(conv.output_shape({2, 3, 10, 11}) == shape{2, 8, 5, 7});
  CHECK(conv.output_shape({3, none, 11}) == shape{8, none, 7});
  CHECK_THROWS_WITH(conv.output_shape({2, 3, 1, 1}),
                    "rnnparams::torch::Conv2d: Kernel size can't be greater than actual input size");
  CHECK_THROWS_WITH(conv.output_shape({3, 10}),
                    "rnnparams::torch::Conv2d: Expected 3D (unbatched) or 4D (batched) input to conv2d");
  CHECK_THROWS_WITH(conv.output_shape({2, 4, 10, 11}),
                    "rnnparams::torch::Conv2d: expected the input to have in_channels channels");
  auto bad = conv;
  bad.kernel_size = {3, runtime(0)};
  CHECK_THROWS_WITH(bad.count_params(), "rnnparams::torch::Conv2d: kernel_size must be greater than zero");
  bad = conv;
  bad.stride = {1, runtime(0)};
  CHECK_THROWS_WITH(bad.count_params(), "rnnparams::torch::Conv2d: non-positive stride is not supported");
  bad = conv;
  bad.padding = {runtime(-1), 0};
  CHECK_THROWS_WITH(bad.count_params(), "rnnparams::torch::Conv2d: negative padding is not supported");
  bad = conv;
  bad.padding = "same";
  CHECK_THROWS_WITH(bad.count_params(),
                    "rnnparams::torch::Conv2d: padding='same' is not supported for strided convolutions");
  bad.stride = 1;
  CHECK(bad.count_params() == conv.count_params());
}

TEST_CASE("MaxPool2d and AvgPool2d: no tensors; each axis by ATen's pooling_output_shape") {
  // Values from PyTorch 1.13.
  CHECK(t::MaxPool2d{.kernel_size = runtime(2)}.output_shape({8, 32, 28, 28}) == shape{8, 32, 14, 14});
  CHECK(t::MaxPool2d{
            .kernel_size = {3, 2}, .stride = {2, 1}, .padding = 1, .dilation = {1, 2}, .ceil_mode = true}
            .output_shape({8, 32, runtime(28), 28}) == shape{8, 32, 15, 28});
  CHECK(t::AvgPool2d{.kernel_size = 3, .stride = 2, .padding = 1, .ceil_mode = true}.output_shape(
            {4, runtime(15), 15}) == shape{4, 8, 8});
  CHECK(t::MaxPool2d{.kernel_size = 2}.output_shape({0, 4, 15, 15}) == shape{0, 4, 7, 7});
  CHECK(t::MaxPool2d{.kernel_size = 2}.output_shape({none, 4, none, 15}) == shape{none, 4, none, 7});
  CHECK(t::MaxPool2d{.kernel_size = 2}.count_params() == 0);
  CHECK(t::AvgPool2d{.kernel_size = 2}.named_buffers().empty());
  CHECK_THROWS_WITH((t::AvgPool2d{.kernel_size = 2, .padding = runtime(2)}.output_shape({4, 15, 15})),
                    "rnnparams::torch::AvgPool2d: pad should be at most half of kernel size");
  CHECK_THROWS_WITH(
      t::MaxPool2d{.kernel_size = 2}.output_shape({4, runtime(0), 15}),
      "rnnparams::torch::MaxPool2d: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch "
      "size for input");
  CHECK_THROWS_WITH(
      t::MaxPool2d{.kernel_size = runtime(4)}.output_shape({1, 4, 3, 15}),
      "rnnparams::torch::MaxPool2d: Calculated output size is too small (Output size is too small)");
  CHECK_THROWS_WITH(t::MaxPool2d{.kernel_size = 2}.output_shape({15, 15}),
                    "rnnparams::torch::MaxPool2d: non-empty 3D or 4D (batch mode) tensor expected for input");
  CHECK_THROWS_WITH((t::AvgPool2d{.kernel_size = 2, .divisor_override = runtime(0)}.output_shape({1, 4, 4})),
                    "rnnparams::torch::AvgPool2d: divisor must be not zero");
  CHECK(t::AvgPool2d{.kernel_size = 2, .divisor_override = runtime(3)}.output_shape({1, 4, 4}) ==
        shape{1, 2, 2});
  CHECK_THROWS_WITH((t::MaxPool2d{.kernel_size = 2, .stride = {1, runtime(0)}}.output_shape({1, 4, 4})),
                    "rnnparams::torch::MaxPool2d: stride should not be zero");
  CHECK_THROWS_WITH((t::MaxPool2d{.kernel_size = {runtime(0), 2}, .stride = 1}.output_shape({1, 4, 4})),
                    "rnnparams::torch::MaxPool2d: kernel size should be greater than zero");
  CHECK_THROWS_WITH((t::MaxPool2d{.kernel_size = 2, .dilation = runtime(0)}.output_shape({1, 4, 4})),
                    "rnnparams::torch::MaxPool2d: dilation should be greater than zero");
}

TEST_CASE("BatchNorm2d: BatchNorm1d's tensors, over (N, C, H, W) only") {
  const t::BatchNorm2d bn{.num_features = runtime(16)};
  CHECK(bn.count_params() == 32);
  CHECK(bn.count_buffers() == 33);
  CHECK(describe(bn.named_buffers()) == listing{{"running_mean", {16}, "float32"},
                                                {"running_var", {16}, "float32"},
                                                {"num_batches_tracked", {}, "int64"}});
  CHECK(bn.output_shape({8, 16, 5, 5}) == shape{8, 16, 5, 5});
  CHECK_THROWS_WITH(bn.output_shape({16, 5, 5}),
                    "rnnparams::torch::BatchNorm2d: expected 4D input (N, C, H, W)");
  CHECK_THROWS_WITH(bn.output_shape({8, 15, 5, 5}),
                    "rnnparams::torch::BatchNorm2d: the input's axis 1 (channels) must equal num_features");
  CHECK(t::BatchNorm2d{.num_features = runtime(16), .affine = false, .track_running_stats = false}
            .named_parameters()
            .empty());
}

TEST_CASE("LayerNorm: weight and bias of normalized_shape") {
  CHECK(t::LayerNorm{.normalized_shape = {runtime(10)}}.count_params() == 20);
  CHECK(describe(t::LayerNorm{.normalized_shape = {4, runtime(10)}}.named_parameters()) ==
        listing{{"weight", {4, 10}, "float32"}, {"bias", {4, 10}, "float32"}});
  CHECK(t::LayerNorm{.normalized_shape = {runtime(10)}, .elementwise_affine = false}.count_params() == 0);
  CHECK(t::LayerNorm{.normalized_shape = {4, 10}}.output_shape({2, 4, 10}) == shape{2, 4, 10});
  CHECK_THROWS_WITH((t::LayerNorm{.normalized_shape = {4, 10}}.output_shape({2, 10, 4})),
                    "rnnparams::torch::LayerNorm: expected an input of shape (*, normalized_shape)");
  CHECK_THROWS_WITH(t::LayerNorm{}.count_params(),
                    "rnnparams::torch::LayerNorm: Expected normalized_shape to be at least 1-dimensional");
  CHECK_THROWS_WITH(t::LayerNorm{.normalized_shape = {none}}.count_params(),
                    "rnnparams::torch::LayerNorm: normalized_shape must not contain None");
}

TEST_CASE("BatchNorm1d: 2C parameters; running_mean, running_var, num_batches_tracked are buffers") {
  const t::BatchNorm1d bn{.num_features = runtime(10)};
  CHECK(bn.count_params() == 20);
  CHECK(bn.count_buffers() == 21);
  CHECK(describe(bn.named_parameters()) == listing{{"weight", {10}, "float32"}, {"bias", {10}, "float32"}});
  CHECK(describe(bn.named_buffers()) == listing{{"running_mean", {10}, "float32"},
                                                {"running_var", {10}, "float32"},
                                                {"num_batches_tracked", {}, "int64"}});
  CHECK(t::BatchNorm1d{.num_features = runtime(10), .affine = false}.count_params() == 0);
  CHECK(t::BatchNorm1d{.num_features = runtime(10), .track_running_stats = false}.named_buffers().empty());
  CHECK(bn.output_shape({32, 10}) == shape{32, 10});
  CHECK(bn.output_shape({none, 10, 7}) == shape{none, 10, 7});
  CHECK_THROWS_WITH(bn.output_shape({32, 10, 7, 1}),
                    "rnnparams::torch::BatchNorm1d: expected 2D or 3D input (N, C) or (N, C, L)");
  CHECK_THROWS_WITH(bn.output_shape({32, 4}),
                    "rnnparams::torch::BatchNorm1d: the input's axis 1 (channels) must equal num_features");
  CHECK_THROWS_WITH(t::BatchNorm1d{}.count_params(),
                    "rnnparams::torch::BatchNorm1d: num_features must be greater than zero");
  CHECK_THROWS_WITH(t::BatchNorm1d{.num_features = runtime(-2)}.named_buffers(),
                    "rnnparams::torch::BatchNorm1d: num_features must be greater than zero");
}

TEST_CASE("RNNCell, LSTMCell, GRUCell: weight_ih (G·H, in), weight_hh (G·H, H), bias_ih and bias_hh (G·H)") {
  const t::LSTMCell lstm{.input_size = runtime(10), .hidden_size = 20};
  CHECK(lstm.count_params() == 80 * (10 + 20) + 2 * 80); // 2,560
  CHECK(describe(lstm.named_parameters()) == listing{{"weight_ih", {80, 10}, "float32"},
                                                     {"weight_hh", {80, 20}, "float32"},
                                                     {"bias_ih", {80}, "float32"},
                                                     {"bias_hh", {80}, "float32"}});
  CHECK(lstm.named_buffers().empty());
  CHECK(lstm.output_shape({3, 10}) == shape{3, 20});
  CHECK(lstm.c_1_shape({10}) == shape{20}); // unbatched: (input_size) -> (hidden_size)
  const t::GRUCell gru{.input_size = runtime(8), .hidden_size = 16, .bias = false};
  CHECK(gru.count_params() == 48 * (8 + 16));
  CHECK(describe(gru.named_parameters()) ==
        listing{{"weight_ih", {48, 8}, "float32"}, {"weight_hh", {48, 16}, "float32"}});
  CHECK(t::RNNCell{.input_size = runtime(1), .hidden_size = 10}.count_params() == 130); // RNN(1, 10)'s count
  CHECK(t::LSTMCell{.input_size = runtime(0), .hidden_size = 0}.count_params() == 0);   // PyTorch allows 0
}

TEST_CASE("RNNCell, LSTMCell, GRUCell: invalid settings and inputs throw with PyTorch's reason") {
  CHECK_THROWS_WITH(t::LSTMCell{.hidden_size = runtime(20)}.count_params(),
                    "rnnparams::torch::LSTMCell: input_size must be given, and >= 0");
  CHECK_THROWS_WITH(t::GRUCell{.input_size = runtime(3)}.count_params(),
                    "rnnparams::torch::GRUCell: hidden_size must be given, and >= 0");
  const t::RNNCell rnn{.input_size = runtime(3), .hidden_size = 4};
  CHECK_THROWS_WITH(rnn.output_shape({2, 5, 3}),
                    "rnnparams::torch::RNNCell: Expected input to be 1-D or 2-D: a cell takes one time step, "
                    "(N, input_size) or (input_size)");
  CHECK_THROWS_WITH(rnn.output_shape({2, 5}), "rnnparams::torch::RNNCell: input has inconsistent input_size: "
                                              "input.size(-1) must be equal to input_size");
  // PyTorch builds an RNNCell with any nonlinearity (and counts it); its forward refuses an unknown one
  const t::RNNCell sigmoid{.input_size = 3, .hidden_size = runtime(4), .nonlinearity = "sigmoid"};
  CHECK(sigmoid.count_params() == 4 * (3 + 4) + 8);
  CHECK_THROWS_WITH(sigmoid.output_shape({2, 3}),
                    "rnnparams::torch::RNNCell: Unknown nonlinearity, expected \"tanh\" or \"relu\"");
  CHECK_THROWS_WITH((t::GRUCell{.input_size = runtime(1LL << 40), .hidden_size = 1LL << 40}.count_params()),
                    "rnnparams::torch::GRUCell: the parameter count does not fit in std::uint64_t");
}

TEST_CASE("MultiheadAttention and the Transformer modules: at run time, in torch::module and nn.Sequential") {
  const t::TransformerEncoder encoder{
      .encoder_layer = {.d_model = runtime(16), .nhead = 4, .dim_feedforward = 32}, .num_layers = 2};
  const t::module m = encoder;
  CHECK(t::class_name(m) == "TransformerEncoder");
  CHECK(t::count_params(m) == 4448);
  CHECK(t::trainable_params(m) == 4448);
  std::vector<std::string> names;
  for (const t::named_tensor& p : encoder.named_parameters()) {
    names.emplace_back(p.name.view());
  }
  REQUIRE(names.size() == 24);
  CHECK(names[4] == "layers.0.linear1.weight");
  CHECK(names[23] == "layers.1.norm2.bias");
  const std::vector<t::module> chain{encoder, t::Linear{.in_features = 16, .out_features = 2}};
  CHECK(t::output_shapes(chain, {5, 3, 16}).back() == rnnparams::shape{5, 3, 2});
  const std::vector<t::module> attention{t::MultiheadAttention{.embed_dim = runtime(16), .num_heads = 4}};
  CHECK_THROWS_WITH(
      t::output_shapes(attention, {5, 3, 16}),
      "rnnparams::torch::Sequential: module 1 (MultiheadAttention): its forward() takes query, key "
      "and value, not the one tensor nn.Sequential (or torchinfo's input_size) gives it");
  CHECK_THROWS_WITH((t::MultiheadAttention{.embed_dim = runtime(10), .num_heads = 3}.count_params()),
                    "rnnparams::torch::MultiheadAttention: embed_dim must be divisible by num_heads");
  CHECK_THROWS_WITH(
      (t::MultiheadAttention{.embed_dim = runtime(16), .num_heads = 4}.output_shape({5, 3, 16}, {7, 2, 16},
                                                                                    {7, 2, 16})),
      "rnnparams::torch::MultiheadAttention: the key's and value's batch size must equal the query's");
  CHECK_THROWS_WITH(
      (t::TransformerEncoder{.encoder_layer = {.d_model = runtime(16), .nhead = 4}, .num_layers = -1}
           .count_params()),
      "rnnparams::torch::TransformerEncoder: num_layers must be given, and >= 0");
}
