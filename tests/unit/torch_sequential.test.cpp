// tests/unit/torch_sequential.test.cpp: nn.Sequential's total and forward pass (torch/sequential.hpp),
// against what the real torchinfo printed for the same modules. SPDX-License-Identifier: MIT
#include "catch.hpp"

#include <rnnparams/rnnparams.hpp>
#include <rnnparams/torch/sequential.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace t = rnnparams::torch;
using rnnparams::invalid_model;
using rnnparams::shape;

namespace {
// What tests/golden/torchinfo/<file> (written by tools/torchinfo_summary/generate.py) says of a
// Sequential: the output shape of each module's row, and the total.
struct printed {
  std::vector<shape> outputs;
  std::uint64_t total = 0;
};

printed read_golden(const std::string& file) {
  std::ifstream in(std::string{RNNPARAMS_GOLDEN_DIR} + "/torchinfo/" + file, std::ios::binary);
  REQUIRE(in);
  printed out;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("\u251c\u2500", 0) == 0) { // "├─Linear: 1-3     [2, 50, 32]     2,080"
      const std::size_t open = line.find('[');
      std::istringstream dims{line.substr(open + 1, line.find(']') - open - 1)};
      shape s;
      for (std::string size; std::getline(dims, size, ',');) {
        s.push_back(rnnparams::dim{static_cast<std::int64_t>(std::stoll(size))});
      }
      out.outputs.push_back(s);
    } else if (line.rfind("Total params: ", 0) == 0) {
      std::string digits;
      for (char c : line.substr(14)) {
        digits += c == ',' ? "" : std::string(1, c);
      }
      out.total = std::stoull(digits);
    }
  }
  return out;
}
} // namespace

TEST_CASE("torch::Sequential: totals and output shapes are the ones torchinfo printed") {
  struct golden_case {
    std::string file;
    std::vector<t::module> modules;
    shape input;
  };
  const std::vector<golden_case> cases{
      {"sequential.text.txt",
       {t::Embedding{.num_embeddings = 1000, .embedding_dim = 64}, t::LayerNorm{.normalized_shape = {64}},
        t::Linear{.in_features = 64, .out_features = 32},
        t::LSTM{.input_size = 32, .hidden_size = 16, .batch_first = true}},
       shape{2, 50}},
      {"sequential.conv.txt",
       {t::Conv1d{.in_channels = 16, .out_channels = 32, .kernel_size = 3},
        t::BatchNorm1d{.num_features = 32},
        t::Conv1d{.in_channels = 32, .out_channels = 8, .kernel_size = 5, .stride = 2},
        t::Linear{.in_features = 47, .out_features = 10}},
       shape{4, 16, 100}},
      {"sequential.zero_params.txt",
       {t::Linear{.in_features = 10, .out_features = 20},
        t::LayerNorm{.normalized_shape = {20}, .elementwise_affine = false}},
       shape{3, 10}},
  };
  for (const golden_case& c : cases) {
    INFO(c.file);
    const printed expected = read_golden(c.file);
    REQUIRE(expected.outputs.size() == c.modules.size());
    CHECK(t::count_params(c.modules) == expected.total);
    CHECK(t::output_shapes(c.modules, c.input) == expected.outputs);
    CHECK(t::output_shapes(c.modules, c.input, t::input_dtype(c.modules)) == expected.outputs);
  }
}

TEST_CASE("torch::Sequential: the total is checked, an empty list has none") {
  CHECK(t::count_params(std::vector<t::module>{}) == 0);
  // 5 parameters in layer 0, 4 in each of the others: 2^63 + 1 each, so two overflow
  const t::module huge = t::RNN{.input_size = 2, .hidden_size = 1, .num_layers = std::int64_t{1} << 61};
  REQUIRE(t::count_params(huge) == (std::uint64_t{1} << 63) + 1);
  CHECK(t::count_params(std::vector<t::module>{huge}) == t::count_params(huge));
  CHECK_THROWS_AS(t::count_params(std::vector<t::module>{huge, huge}), rnnparams::overflow_error);
  CHECK_THROWS_WITH(t::count_params(std::vector<t::module>{huge, huge}),
                    "rnnparams::torch::Sequential: the parameter count does not fit in std::uint64_t");
  CHECK_THROWS_WITH(t::count_params(std::vector<t::module>{huge, huge}, "rnnparams"),
                    "rnnparams: the parameter count does not fit in std::uint64_t");
}

TEST_CASE("torch::Sequential: an Embedding first means int64 indices (torchinfo's dtypes=[torch.long])") {
  const t::module embedding = t::Embedding{.num_embeddings = 100, .embedding_dim = 32};
  const t::module linear = t::Linear{.in_features = 32, .out_features = 4};
  CHECK(t::input_dtype(std::vector<t::module>{embedding, linear}) == "int64");
  CHECK(t::input_dtype(std::vector<t::module>{linear, embedding}) == "float32");
  CHECK(t::input_dtype(std::vector<t::module>{}) == "float32");
  CHECK(t::element_size("float32") == 4);
  CHECK(t::element_size("int32") == 4);
  CHECK(t::element_size("int64") == 8);
  CHECK_THROWS_WITH(t::element_size("float16"), "rnnparams::torch::Sequential: dtype must be \"float32\", or "
                                                "\"int64\" / \"int32\" for an Embedding's indices");
}

TEST_CASE("torch::Sequential: the chain runs only as PyTorch would run it") {
  const t::module lstm = t::LSTM{.input_size = 32, .hidden_size = 16};
  const t::module linear = t::Linear{.in_features = 16, .out_features = 4};
  const t::module embedding = t::Embedding{.num_embeddings = 100, .embedding_dim = 32};
  const std::string who = "rnnparams::torch::Sequential: ";
  SECTION("a recurrent module returns a tuple, so it must come last") {
    const std::vector<t::module> modules{lstm, linear};
    CHECK_THROWS_WITH(t::output_shapes(modules, shape{5, 2, 32}),
                      who + "module 1 (LSTM): returns a tuple that the next module cannot take: a module "
                            "that returns a tuple can only be the last");
    // LSTMCell returns (h_1, c_1); RNNCell and GRUCell return h', which the next module takes
    const t::module lstm_cell = t::LSTMCell{.input_size = 32, .hidden_size = 16};
    const t::module gru_cell = t::GRUCell{.input_size = 32, .hidden_size = 16};
    CHECK_THROWS_WITH(t::output_shapes(std::vector<t::module>{lstm_cell, linear}, shape{2, 32}),
                      who + "module 1 (LSTMCell): returns a tuple that the next module cannot take: a "
                            "module that returns a tuple can only be the last");
    CHECK(t::output_shapes(std::vector<t::module>{gru_cell, linear}, shape{2, 32}) ==
          std::vector<shape>{shape{2, 16}, shape{2, 4}});
    // the same module last is fine: the rule is about its position
    const std::vector<t::module> last{embedding, lstm};
    CHECK(t::output_shape(last, 1, t::output_shape(last, 0, shape{5, 2}, "int64"), "float32") ==
          t::LSTM{.input_size = 32, .hidden_size = 16}.output_shape(shape{5, 2, 32}));
  }
  SECTION("an Embedding takes integer indices, so it must come first; the rest take float32") {
    const std::string message = ": Embedding takes int64 or int32 indices, not float32: make it the first "
                                "module and set dtype = \"int64\"";
    CHECK_THROWS_WITH(t::output_shapes(std::vector<t::module>{embedding}, shape{2, 5}, "float32"),
                      who + "module 1 (Embedding)" + message);
    CHECK_THROWS_WITH(t::output_shapes(std::vector<t::module>{linear, embedding}, shape{2, 16}),
                      who + "module 2 (Embedding)" + message);
    CHECK_THROWS_WITH(t::output_shapes(std::vector<t::module>{linear}, shape{2, 16}, "int32"),
                      who + "module 1 (Linear): Linear takes a float32 input, not int32");
    CHECK_THROWS_WITH(t::output_shapes(std::vector<t::module>{linear}, shape{2, 16}, "float16"),
                      who + "dtype must be \"float32\", or \"int64\" / \"int32\" for an Embedding's indices");
    CHECK_THROWS_WITH(
        t::output_shapes(std::vector<t::module>{t::Embedding{.num_embeddings = 0, .embedding_dim = 4}},
                         shape{1, 2}),
        who + "module 1 (Embedding): index out of range in self (the input's indices are 0)");
  }
  SECTION("a new BatchNorm1d is in training mode: one value per channel is refused") {
    const std::vector<t::module> bn{t::BatchNorm1d{.num_features = 10}};
    CHECK_THROWS_WITH(t::output_shapes(bn, shape{1, 10}),
                      who + "module 1 (BatchNorm1d): Expected more than 1 value per channel when training, "
                            "got input size torch.Size([1, 10])");
    CHECK(t::output_shapes(bn, shape{1, 10, 2}) == std::vector<shape>{shape{1, 10, 2}});
    // And BatchNorm2d over N·H·W values (PyTorch 1.13's words and sizes).
    const std::vector<t::module> bn2d{t::BatchNorm2d{.num_features = 3}};
    CHECK_THROWS_WITH(t::output_shapes(bn2d, shape{1, 3, 1, 1}),
                      who + "module 1 (BatchNorm2d): Expected more than 1 value per channel when training, "
                            "got input size torch.Size([1, 3, 1, 1])");
    CHECK(t::output_shapes(bn2d, shape{1, 3, 1, 2}) == std::vector<shape>{shape{1, 3, 1, 2}});
  }
  SECTION("shapes are checked by the modules themselves, naming the module and its input") {
    CHECK_THROWS_WITH(t::output_shapes(std::vector<t::module>{linear, linear}, shape{2, 16}),
                      who + "module 2 (Linear) on input [2, 4]: rnnparams::torch::Linear: the input's last "
                            "axis must equal in_features");
  }
  SECTION("a tensor has every size") {
    CHECK_THROWS_WITH(t::output_shapes(std::vector<t::module>{linear}, shape{rnnparams::none, 16}),
                      who + "module 1 (Linear): the input's sizes must all be known, not [None, 16]");
  }
  SECTION("the caller names itself") {
    CHECK_THROWS_WITH(t::output_shapes(std::vector<t::module>{linear, embedding}, shape{2, 16}, "float32",
                                       "rnnparams::torch::summary"),
                      "rnnparams::torch::summary: module 2 (Embedding): Embedding takes int64 or int32 "
                      "indices, not float32: make it the first module and set dtype = \"int64\"");
  }
}
