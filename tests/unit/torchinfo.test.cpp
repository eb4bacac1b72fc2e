// tests/unit/torchinfo.test.cpp: torch::summary() against the texts the real torchinfo.summary() printed.
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "golden.hpp"

#include <rnnparams/format.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace t = rnnparams::torch;

namespace {
/// tests/golden/torchinfo/<file>.
std::string golden(const std::string& file) { return test::golden("torchinfo/" + file); }

struct golden_case {
  std::vector<t::module> modules;
  t::summary_options options;
};

// The same modules and inputs as CASES in tools/torchinfo_summary/generate.py.
const std::map<std::string, golden_case>& cases() {
  using rnnparams::shape;
  const t::LSTM lstm_300_512_2{.input_size = 300, .hidden_size = 512, .num_layers = 2};
  std::vector<t::module> twelve(12, t::Linear{.in_features = 4, .out_features = 4});
  static const std::map<std::string, golden_case> all{
      {"lstm_300_512_2", {{lstm_300_512_2}, {.input_size = shape{100, 32, 300}}}},
      {"lstm_300_512_2.no_input", {{lstm_300_512_2}, {}}},
      {"rnn_1_10", {{t::RNN{.input_size = 1, .hidden_size = 10}}, {.input_size = shape{3, 1, 1}}}},
      {"rnn_1_10.batch_first",
       {{t::RNN{.input_size = 1, .hidden_size = 10, .batch_first = true}}, {.input_size = shape{1, 3, 1}}}},
      {"rnn_1_10.no_input", {{t::RNN{.input_size = 1, .hidden_size = 10}}, {}}},
      {"lstm_bidirectional",
       {{t::LSTM{.input_size = 10, .hidden_size = 20, .num_layers = 2, .bidirectional = true}},
        {.input_size = shape{5, 3, 10}}}},
      {"lstm_proj",
       {{t::LSTM{.input_size = 10, .hidden_size = 20, .proj_size = 5}}, {.input_size = shape{5, 3, 10}}}},
      {"gru",
       {{t::GRU{.input_size = 8, .hidden_size = 16, .num_layers = 2, .batch_first = true}},
        {.input_size = shape{4, 7, 8}}}},
      {"gru.unbatched", {{t::GRU{.input_size = 1, .hidden_size = 10}}, {.input_size = shape{3, 1}}}},
      {"rnncell",
       {{t::RNNCell{.input_size = 10, .hidden_size = 20, .nonlinearity = "relu"}},
        {.input_size = shape{3, 10}}}},
      {"lstmcell", {{t::LSTMCell{.input_size = 10, .hidden_size = 20}}, {.input_size = shape{3, 10}}}},
      {"lstmcell.no_input", {{t::LSTMCell{.input_size = 10, .hidden_size = 20, .bias = false}}, {}}},
      {"grucell.unbatched", {{t::GRUCell{.input_size = 8, .hidden_size = 16}}, {.input_size = shape{8}}}},
      {"sequential.grucell",
       {{t::GRUCell{.input_size = 10, .hidden_size = 20}, t::Linear{.in_features = 20, .out_features = 5}},
        {.input_size = shape{3, 10}}}},
      {"linear", {{t::Linear{.in_features = 10, .out_features = 1}}, {.input_size = shape{32, 10}}}},
      {"linear.3d", {{t::Linear{.in_features = 64, .out_features = 10}}, {.input_size = shape{2, 5, 64}}}},
      {"embedding",
       {{t::Embedding{.num_embeddings = 1000, .embedding_dim = 64}},
        {.input_size = shape{2, 50}, .dtype = "int64"}}},
      {"embedding.int32",
       {{t::Embedding{.num_embeddings = 1000, .embedding_dim = 64}},
        {.input_size = shape{2, 50}, .dtype = "int32"}}},
      {"embeddingbag",
       {{t::EmbeddingBag{.num_embeddings = 1000, .embedding_dim = 64, .mode = "sum"},
         t::Linear{.in_features = 64, .out_features = 4}},
        {.input_size = shape{8, 20}, .dtype = "int64"}}},
      {"embeddingbag.last_offset",
       {{t::EmbeddingBag{.num_embeddings = 500, .embedding_dim = 16, .include_last_offset = true}},
        {.input_size = shape{8, 20}, .dtype = "int64"}}},
      {"embedding.from_pretrained",
       {{t::Embedding::from_pretrained({1000, 64}),
         t::LSTM{.input_size = 64, .hidden_size = 32, .batch_first = true}},
        {.input_size = shape{2, 50}, .dtype = "int64"}}},
      {"embedding.from_pretrained.no_input",
       {{t::Embedding::from_pretrained({1000, 64}, {.freeze = false}),
         t::Linear{.in_features = 64, .out_features = 2}},
        {}}},
      {"conv1d",
       {{t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3}},
        {.input_size = shape{8, 16, 100}}}},
      {"conv1d.strided",
       {{t::Conv1d{
            .in_channels = 4, .out_channels = 8, .kernel_size = 5, .stride = 2, .padding = 2, .groups = 2}},
        {.input_size = shape{2, 4, 50}}}},
      {"batchnorm1d", {{t::BatchNorm1d{.num_features = 10}}, {.input_size = shape{2, 10}}}},
      {"batchnorm1d.3d", {{t::BatchNorm1d{.num_features = 32}}, {.input_size = shape{4, 32, 100}}}},
      {"layernorm", {{t::LayerNorm{.normalized_shape = {10}}}, {.input_size = shape{2, 5, 10}}}},
      {"layernorm.no_affine",
       {{t::LayerNorm{.normalized_shape = {10}, .elementwise_affine = false}}, {.input_size = shape{2, 10}}}},
      {"sequential.no_input",
       {{t::Embedding{.num_embeddings = 1000, .embedding_dim = 64},
         t::LSTM{.input_size = 64, .hidden_size = 128, .batch_first = true},
         t::Linear{.in_features = 128, .out_features = 10}},
        {}}},
      {"sequential.text",
       {{t::Embedding{.num_embeddings = 1000, .embedding_dim = 64}, t::LayerNorm{.normalized_shape = {64}},
         t::Linear{.in_features = 64, .out_features = 32},
         t::LSTM{.input_size = 32, .hidden_size = 16, .batch_first = true}},
        {.input_size = shape{2, 50}, .dtype = "int64"}}},
      {"sequential.conv",
       {{t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3},
         t::BatchNorm1d{.num_features = 32},
         t::Conv1d{.in_channels = 32, .out_channels = 8, .kernel_size = 5, .stride = 2},
         t::Linear{.in_features = 47, .out_features = 10}},
        {.input_size = shape{4, 16, 100}}}},
      {"sequential.zero_params",
       {{t::Linear{.in_features = 10, .out_features = 20},
         t::LayerNorm{.normalized_shape = {20}, .elementwise_affine = false}},
        {.input_size = shape{3, 10}}}},
      {"sequential.weightless",
       {{t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3}, t::ReLU{},
         t::MaxPool1d{.kernel_size = 2}, t::Conv1d{.in_channels = 32, .out_channels = 8, .kernel_size = 3},
         t::GELU{}, t::AdaptiveAvgPool1d{.output_size = 1}, t::Flatten{}, t::Dropout{.p = 0.2},
         t::Linear{.in_features = 8, .out_features = 4}, t::Softmax{.dim = 1}},
        {.input_size = shape{2, 16, 50}}}},
      {"sequential.weightless.no_input",
       {{t::Conv1d{.in_channels = 4, .out_channels = 8, .kernel_size = 3}, t::Tanh{},
         t::AvgPool1d{.kernel_size = 3, .stride = 2, .ceil_mode = true}, t::ELU{},
         t::AdaptiveMaxPool1d{.output_size = 4}, t::LeakyReLU{.negative_slope = 0.2}, t::Flatten{},
         t::Sigmoid{}, t::Linear{.in_features = 32, .out_features = 1}},
        {}}},
      {"maxpool1d",
       {{t::MaxPool1d{.kernel_size = 3, .stride = 2, .padding = 1}}, {.input_size = shape{4, 8, 21}}}},
      {"conv2d",
       {{t::Conv2d{.in_channels = 3,
                   .out_channels = 16,
                   .kernel_size = {3, 5},
                   .stride = {2, 1},
                   .padding = {1, 2}}},
        {.input_size = shape{2, 3, 32, 40}}}},
      {"conv2d.no_input",
       {{t::Conv2d{.in_channels = 32, .out_channels = 64, .kernel_size = 3, .groups = 4, .bias = false}},
        {}}},
      {"batchnorm2d", {{t::BatchNorm2d{.num_features = 16}}, {.input_size = shape{2, 16, 8, 8}}}},
      {"sequential.conv2d",
       {{t::Conv2d{.in_channels = 1,
                   .out_channels = 32,
                   .kernel_size = {41, 11},
                   .stride = {2, 2},
                   .padding = {20, 5}},
         t::BatchNorm2d{.num_features = 32}, t::ReLU{},
         t::Conv2d{.in_channels = 32,
                   .out_channels = 32,
                   .kernel_size = {21, 11},
                   .stride = {2, 1},
                   .padding = {10, 5}},
         t::BatchNorm2d{.num_features = 32}, t::ReLU{}, t::MaxPool2d{.kernel_size = 2},
         t::AvgPool2d{.kernel_size = {1, 2}, .ceil_mode = true}},
        {.input_size = shape{4, 1, 161, 200}}}},
      {"sequential.twelve", {twelve, {.input_size = shape{1, 4}}}},
      {"sequential.empty", {{}, {.input_size = shape{2, 3}}}},
      {"sequential.empty.no_input", {{}, {}}},
      {"units.exact",
       {{t::Embedding{.num_embeddings = 1000, .embedding_dim = 250}},
        {.input_size = shape{4, 5}, .dtype = "int64"}}},
      {"units.ties",
       {{t::Embedding{.num_embeddings = 1125, .embedding_dim = 250}},
        {.input_size = shape{4, 1}, .dtype = "int64"}}},
      {"transformer_encoder_layer",
       {{t::TransformerEncoderLayer{.d_model = 16, .nhead = 4, .dim_feedforward = 32}},
        {.input_size = shape{5, 3, 16}}}},
      {"transformer_encoder_layer.norm_first",
       {{t::TransformerEncoderLayer{.d_model = 16,
                                    .nhead = 4,
                                    .dim_feedforward = 32,
                                    .activation = "gelu",
                                    .batch_first = true,
                                    .norm_first = true}},
        {.input_size = shape{3, 5, 16}}}},
      {"transformer_encoder_layer.no_input", {{t::TransformerEncoderLayer{.d_model = 512, .nhead = 8}}, {}}},
      {"transformer_encoder",
       {{t::TransformerEncoder{.encoder_layer = {.d_model = 16, .nhead = 4, .dim_feedforward = 32},
                               .num_layers = 2,
                               .norm = t::LayerNorm{.normalized_shape = {16}}}},
        {.input_size = shape{5, 3, 16}}}},
      {"transformer_encoder.no_input",
       {{t::TransformerEncoder{.encoder_layer = {.d_model = 64, .nhead = 8, .dim_feedforward = 128},
                               .num_layers = 3}},
        {}}},
      {"sequential.transformer_encoder",
       {{t::Embedding{.num_embeddings = 1000, .embedding_dim = 16},
         t::TransformerEncoder{
             .encoder_layer = {.d_model = 16, .nhead = 4, .dim_feedforward = 32, .batch_first = true},
             .num_layers = 2},
         t::Linear{.in_features = 16, .out_features = 2}},
        {.input_size = shape{2, 7}, .dtype = "int64"}}},
      {"multihead_attention.no_input",
       {{t::MultiheadAttention{.embed_dim = 16, .num_heads = 4, .add_bias_kv = true, .kdim = 8}}, {}}},
      {"transformer_decoder_layer.no_input",
       {{t::TransformerDecoderLayer{.d_model = 16, .nhead = 4, .dim_feedforward = 32}}, {}}},
      {"transformer_decoder.no_input",
       {{t::TransformerDecoder{.decoder_layer = {.d_model = 16, .nhead = 4, .dim_feedforward = 32},
                               .num_layers = 2,
                               .norm = t::LayerNorm{.normalized_shape = {16}}}},
        {}}},
      {"units.large",
       {{t::Embedding{.num_embeddings = 3000000, .embedding_dim = 128}},
        {.input_size = shape{4000, 2}, .dtype = "int64"}}},
  };
  return all;
}
} // namespace

TEST_CASE("torch::summary: every golden text from torchinfo, byte for byte") {
  std::set<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator{std::string{RNNPARAMS_GOLDEN_DIR} + "/torchinfo"}) {
    if (entry.path().extension() == ".txt" && entry.path().filename() != "format_output_num.txt") {
      files.insert(entry.path().stem().string());
    }
  }
  std::set<std::string> covered;
  for (const auto& [name, c] : cases()) {
    INFO(name);
    CHECK(t::summary(c.modules, c.options) == golden(name + ".txt"));
    covered.insert(name);
  }
  CHECK(covered == files); // every golden file has a case here
  CHECK(files.size() == 54);
}

TEST_CASE("torch::summary: numbers print as ModelStatistics.format_output_num prints them") {
  // Each line: num, NONE or AUTO, False or True (bytes), and what the real function returned.
  std::istringstream lines{golden("format_output_num.txt")};
  std::string line;
  int compared = 0;
  while (std::getline(lines, line)) {
    std::istringstream fields{line};
    std::string num;
    std::string units;
    std::string bytes;
    std::getline(fields, num, '\t');
    std::getline(fields, units, '\t');
    std::getline(fields, bytes, '\t');
    std::string expected;
    std::getline(fields, expected);
    INFO(line);
    CHECK(rnnparams::detail::torchinfo_number(std::stoull(num), units == "AUTO", bytes == "True") ==
          expected);
    ++compared;
  }
  CHECK(compared == 37 * 4);
}

TEST_CASE("torch::summary: module, class_name and count_params") {
  const t::module lstm = t::LSTM{.input_size = 10, .hidden_size = 20, .num_layers = 2, .bidirectional = true};
  CHECK(t::class_name(lstm) == "LSTM");
  CHECK(t::count_params(lstm) == 15040);
  STATIC_REQUIRE(t::class_name(t::module{t::BatchNorm1d{.num_features = 10}}) == "BatchNorm1d");
  STATIC_REQUIRE(t::count_params(t::module{t::GRU{.input_size = 1, .hidden_size = 10}}) == 390);
  STATIC_REQUIRE(
      t::count_params(t::module{t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3}}) == 1568);
}

TEST_CASE("torch::summary: mult-adds are torchinfo's, per module") {
  const auto mult_adds = [](const t::module& m, const rnnparams::shape& output) {
    return rnnparams::visit([&](const auto& x) { return rnnparams::detail::torchinfo_macs(x, output); }, m);
  };
  // recurrent: L·N × every parameter (prod(output[:2]))
  CHECK(mult_adds(t::LSTM{.input_size = 300, .hidden_size = 512, .num_layers = 2}, {100, 32, 512}) ==
        3200ULL * 3768320ULL);
  CHECK(mult_adds(t::GRU{.input_size = 1, .hidden_size = 10}, {3, 10}) == 30 * 390);
  // Linear: prod(output[:-1]); Conv1d: prod(output[:1] + output[2:]); the rest: output[0]
  CHECK(mult_adds(t::Linear{.in_features = 64, .out_features = 10}, {2, 5, 10}) == 10 * 650);
  CHECK(mult_adds(t::Linear{.in_features = 64, .out_features = 10}, {10}) == 650);
  CHECK(mult_adds(t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3}, {8, 32, 98}) ==
        8 * 98 * 1568);
  CHECK(mult_adds(t::Embedding{.num_embeddings = 1000, .embedding_dim = 64}, {2, 50, 64}) == 2 * 64000);
  CHECK(mult_adds(t::LayerNorm{.normalized_shape = {10}, .elementwise_affine = false}, {2, 10}) == 0);
  // a recurrent module with 2^40 layers is not walked tensor by tensor
  CHECK(mult_adds(t::RNN{.input_size = 1, .hidden_size = 1, .num_layers = std::int64_t{1} << 40},
                  {1, 1, 1}) == (std::uint64_t{1} << 40) * 4);
}

TEST_CASE("torch::summary: counts beyond 2^53 print as torchinfo prints them") {
  // Rows show the exact int ("{:,}"); the totals go through float(num) / 1, as torchinfo's do.
  // 5 parameters in layer 0, 4 in each layer above: 2^53 + 1, which float(num) rounds to 2^53
  const t::RNN huge{.input_size = 2, .hidden_size = 1, .num_layers = std::int64_t{1} << 51};
  REQUIRE(huge.count_params() == (std::uint64_t{1} << 53) + 1);
  const std::string text = t::summary({huge});
  CHECK(text.find("\nRNN                                      9,007,199,254,740,993\n") != std::string::npos);
  CHECK(text.find("\nTotal params: 9,007,199,254,740,992\n") != std::string::npos);
  CHECK(text.find("\nTrainable params: 9,007,199,254,740,992\n") != std::string::npos);
}

TEST_CASE("torch::summary: only inputs that PyTorch can run") {
  using rnnparams::invalid_model;
  using rnnparams::shape;
  const t::module lstm = t::LSTM{.input_size = 32, .hidden_size = 16};
  const t::module linear = t::Linear{.in_features = 16, .out_features = 4};
  const t::module embedding = t::Embedding{.num_embeddings = 100, .embedding_dim = 32};
  const std::string who = "rnnparams::torch::summary: ";
  SECTION("a recurrent module returns a tuple, so it must come last") {
    CHECK_THROWS_WITH(t::summary({lstm, linear}, {.input_size = shape{5, 2, 32}}),
                      who +
                          "module 1 (LSTM): returns a tuple that the next module cannot take: a module that "
                          "returns a tuple can only be the last");
    CHECK_NOTHROW(t::summary({lstm, linear})); // without an input nothing runs
    CHECK_NOTHROW(t::summary({embedding, lstm}, {.input_size = shape{5, 2}, .dtype = "int64"}));
  }
  SECTION("an Embedding takes integer indices, the rest float32") {
    const std::string embedding_message = ": Embedding takes int64 or int32 indices, not float32: make it "
                                          "the first module and set dtype = \"int64\"";
    CHECK_THROWS_WITH(t::summary({embedding}, {.input_size = shape{2, 5}}),
                      who + "module 1 (Embedding)" + embedding_message);
    CHECK_THROWS_WITH(t::summary({linear, embedding}, {.input_size = shape{2, 16}}),
                      who + "module 2 (Embedding)" + embedding_message);
    CHECK_THROWS_WITH(t::summary({linear}, {.input_size = shape{2, 16}, .dtype = "int64"}),
                      who + "module 1 (Linear): Linear takes a float32 input, not int64");
    CHECK_THROWS_WITH(t::summary({linear}, {.input_size = shape{2, 16}, .dtype = "float16"}),
                      who + "dtype must be \"float32\", or \"int64\" / \"int32\" for an Embedding's indices");
  }
  SECTION("input_size: every size known and > 0, as torchinfo requires") {
    const std::string message = who + "Input_data is invalid, or negative size found in input_data.";
    CHECK_THROWS_WITH(t::summary({linear}, {.input_size = shape{0, 16}}), message);
    CHECK_THROWS_WITH(t::summary({linear}, {.input_size = shape{rnnparams::none, 16}}), message);
    CHECK_THROWS_WITH(t::summary({linear}, {.input_size = shape{}}), message);
  }
  SECTION("shapes are checked by the modules themselves, naming the module and its input") {
    CHECK_THROWS_WITH(
        t::summary({linear, linear}, {.input_size = shape{2, 16}}),
        who + "module 2 (Linear) on input [2, 4]: rnnparams::torch::Linear: the input's last axis must "
              "equal in_features");
    CHECK_THROWS_AS(t::summary({lstm}, {.input_size = shape{2, 32}, .dtype = "int32"}), invalid_model);
  }
  SECTION("a new BatchNorm1d is in training mode: one value per channel is refused") {
    const t::module bn = t::BatchNorm1d{.num_features = 10};
    CHECK_THROWS_WITH(
        t::summary({bn}, {.input_size = shape{1, 10}}),
        who + "module 1 (BatchNorm1d): Expected more than 1 value per channel when training, got input "
              "size torch.Size([1, 10])");
    CHECK_NOTHROW(t::summary({bn}, {.input_size = shape{1, 10, 2}}));
  }
  SECTION("torchinfo's input indices are zeros, which an empty Embedding cannot look up") {
    CHECK_THROWS_WITH(t::summary({t::Embedding{.num_embeddings = 0, .embedding_dim = 4}},
                                 {.input_size = shape{1, 2}, .dtype = "int64"}),
                      who + "module 1 (Embedding): index out of range in self (the input's indices are 0)");
  }
}

TEST_CASE("torch::print_summary writes the summary") {
  std::FILE* file = std::tmpfile();
  REQUIRE(file != nullptr);
  const std::vector<t::module> modules{t::RNN{.input_size = 1, .hidden_size = 10}};
  t::print_summary(modules, {.input_size = rnnparams::shape{3, 1, 1}}, file);
  std::rewind(file);
  std::string text;
  for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file)) {
    text += static_cast<char>(c);
  }
  std::fclose(file);
  CHECK(text == golden("rnn_1_10.txt"));
}
