// tests/unit/torch_recurrent.test.cpp: torch RNN, LSTM and GRU with run-time values.
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "run_time.hpp"

#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace t = rnnparams::torch;
using rnnparams::none;
using rnnparams::shape;
using test::runtime;

namespace {
// Values the optimiser cannot see through, so the run-time path is what runs.

using listing = std::vector<std::pair<std::string, std::vector<std::uint64_t>>>;

template <class List>
listing describe(const List& tensors) {
  listing out;
  for (const auto& p : tensors) {
    std::vector<std::uint64_t> dims;
    for (auto d : p.shape) {
      dims.push_back(d.value());
    }
    out.emplace_back(std::string{p.name}, dims);
  }
  return out;
}

template <class Module>
std::uint64_t sum_of_numel(const Module& m) {
  std::uint64_t total = 0;
  for (const auto& p : m.named_parameters()) {
    total += p.numel();
  }
  return total;
}
} // namespace

TEST_CASE("RNN, LSTM, GRU: the counts PyTorch prints for 10 hidden units on 1 feature") {
  const auto one = runtime(1);
  const auto ten = runtime(10);
  CHECK(t::RNN{.input_size = one, .hidden_size = ten}.count_params() == 130);
  CHECK(t::LSTM{.input_size = one, .hidden_size = ten}.count_params() == 520);
  CHECK(t::GRU{.input_size = one, .hidden_size = ten}.count_params() == 390);
}

TEST_CASE("RNN, LSTM, GRU: layers above the first take D * H_r inputs") {
  CHECK(t::LSTM{.input_size = runtime(10), .hidden_size = 20, .num_layers = 2, .bidirectional = true}
            .count_params() == 15'040);
  CHECK(t::LSTM{.input_size = runtime(10), .hidden_size = 20, .proj_size = 5}.count_params() == 1'460);
  CHECK(t::LSTM{.input_size = runtime(300), .hidden_size = 512, .num_layers = 2}.count_params() == 3'768'320);
  CHECK(t::LSTM{.input_size = runtime(64),
                .hidden_size = 128,
                .num_layers = 4,
                .bidirectional = true,
                .proj_size = 32}
            .count_params() == 434'176);
  CHECK(t::GRU{.input_size = runtime(10), .hidden_size = 20, .num_layers = 3}.count_params() == 6'960);
  CHECK(t::RNN{
            .input_size = runtime(5), .hidden_size = 7, .num_layers = 3, .bias = false, .bidirectional = true}
            .count_params() == 756);
}

TEST_CASE("named_parameters: PyTorch's names and shapes, layer by layer, forward before _reverse") {
  const t::LSTM lstm{
      .input_size = runtime(10), .hidden_size = 20, .num_layers = 2, .bidirectional = true, .proj_size = 5};
  CHECK(describe(lstm.named_parameters()) == listing{{"weight_ih_l0", {80, 10}},
                                                     {"weight_hh_l0", {80, 5}},
                                                     {"bias_ih_l0", {80}},
                                                     {"bias_hh_l0", {80}},
                                                     {"weight_hr_l0", {5, 20}},
                                                     {"weight_ih_l0_reverse", {80, 10}},
                                                     {"weight_hh_l0_reverse", {80, 5}},
                                                     {"bias_ih_l0_reverse", {80}},
                                                     {"bias_hh_l0_reverse", {80}},
                                                     {"weight_hr_l0_reverse", {5, 20}},
                                                     {"weight_ih_l1", {80, 10}},
                                                     {"weight_hh_l1", {80, 5}},
                                                     {"bias_ih_l1", {80}},
                                                     {"bias_hh_l1", {80}},
                                                     {"weight_hr_l1", {5, 20}},
                                                     {"weight_ih_l1_reverse", {80, 10}},
                                                     {"weight_hh_l1_reverse", {80, 5}},
                                                     {"bias_ih_l1_reverse", {80}},
                                                     {"bias_hh_l1_reverse", {80}},
                                                     {"weight_hr_l1_reverse", {5, 20}}});
  CHECK(describe(t::GRU{.input_size = runtime(10), .hidden_size = 20, .num_layers = 2, .bias = false}
                     .named_parameters()) == listing{{"weight_ih_l0", {60, 10}},
                                                     {"weight_hh_l0", {60, 20}},
                                                     {"weight_ih_l1", {60, 20}},
                                                     {"weight_hh_l1", {60, 20}}});
  CHECK(describe(t::LSTM{
            .input_size = runtime(3), .hidden_size = 4, .num_layers = 2, .bias = false, .proj_size = 2}
                     .named_parameters()) == listing{{"weight_ih_l0", {16, 3}},
                                                     {"weight_hh_l0", {16, 2}},
                                                     {"weight_hr_l0", {2, 4}},
                                                     {"weight_ih_l1", {16, 2}},
                                                     {"weight_hh_l1", {16, 2}},
                                                     {"weight_hr_l1", {2, 4}}});
  CHECK(
      describe(t::RNN{.input_size = runtime(1), .hidden_size = 10}.named_parameters()) ==
      listing{
          {"weight_ih_l0", {10, 1}}, {"weight_hh_l0", {10, 10}}, {"bias_ih_l0", {10}}, {"bias_hh_l0", {10}}});
}

TEST_CASE("named_parameters: a view that computes entries on demand, for any num_layers") {
  const t::GRU deep{.input_size = 8, .hidden_size = 16, .num_layers = runtime(1000)};
  const auto params = deep.named_parameters();
  CHECK(params.size() == 4000);
  CHECK(std::string{params[3999].name} == "bias_hh_l999");
  CHECK(sum_of_numel(deep) == deep.count_params());
  CHECK(deep.count_params() == 1'631'616);
  const auto hr =
      std::ranges::find_if(params, [](const t::named_tensor& p) { return p.name == "weight_ih_l500"; });
  CHECK(hr - params.begin() == 2000);

  const t::RNN huge{
      .input_size = 1, .hidden_size = 1, .num_layers = runtime(std::numeric_limits<std::int64_t>::max() / 8)};
  const auto last = huge.named_parameters()[huge.named_parameters().size() - 1];
  CHECK(std::string{last.name} == "bias_hh_l1152921504606846974");
  CHECK(last.shape == shape{1});
}

TEST_CASE("count_params: the closed form equals the sum of numel() over named_parameters()") {
  for (std::int64_t layers = 1; layers <= 4; ++layers) {
    for (bool bias : {true, false}) {
      for (bool bidirectional : {false, true}) {
        const t::RNN rnn{.input_size = runtime(7),
                         .hidden_size = 5,
                         .num_layers = layers,
                         .bias = bias,
                         .bidirectional = bidirectional};
        const t::GRU gru{.input_size = runtime(7),
                         .hidden_size = 5,
                         .num_layers = layers,
                         .bias = bias,
                         .bidirectional = bidirectional};
        CHECK(sum_of_numel(rnn) == rnn.count_params());
        CHECK(sum_of_numel(gru) == gru.count_params());
        for (std::int64_t proj = 0; proj < 5; ++proj) {
          const t::LSTM lstm{.input_size = runtime(7),
                             .hidden_size = 5,
                             .num_layers = layers,
                             .bias = bias,
                             .bidirectional = bidirectional,
                             .proj_size = proj};
          CHECK(sum_of_numel(lstm) == lstm.count_params());
          CHECK(lstm.named_parameters().numel() == lstm.count_params());
        }
      }
    }
  }
}

TEST_CASE("output, h_n and c_n: (L, N, D*H_r), (D*num_layers, N, H_r), (D*num_layers, N, H)") {
  const t::LSTM lstm{
      .input_size = 10, .hidden_size = runtime(20), .num_layers = 2, .bidirectional = true, .proj_size = 5};
  CHECK(lstm.output_shape({7, 3, 10}) == shape{7, 3, 10});
  CHECK(lstm.h_n_shape({7, 3, 10}) == shape{4, 3, 5});
  CHECK(lstm.c_n_shape({7, 3, 10}) == shape{4, 3, 20});
  // Unbatched: no N anywhere.
  CHECK(lstm.output_shape({7, 10}) == shape{7, 10});
  CHECK(lstm.h_n_shape({7, 10}) == shape{4, 5});
  CHECK(lstm.c_n_shape({7, 10}) == shape{4, 20});
  // batch_first changes the input and output, never h_n.
  const t::GRU gru{.input_size = 10, .hidden_size = runtime(20), .num_layers = 3, .batch_first = true};
  CHECK(gru.output_shape({3, 7, 10}) == shape{3, 7, 20});
  CHECK(gru.h_n_shape({3, 7, 10}) == shape{3, 3, 20});
  CHECK(t::RNN{.input_size = 4, .hidden_size = runtime(6)}.h_n_shape({none, none, 4}) == shape{1, none, 6});
  CHECK(rnnparams::to_string(t::RNN{.input_size = 4, .hidden_size = runtime(6)}.output_shape({5, 2, 4})) ==
        "(5, 2, 6)");
  // An empty batch is fine; an empty sequence is not.
  CHECK(t::LSTM{.input_size = 10, .hidden_size = runtime(20)}.h_n_shape({4, 0, 10}) == shape{1, 0, 20});
}

TEST_CASE("RNN, LSTM, GRU: invalid settings throw invalid_model with PyTorch's reason") {
  CHECK_THROWS_WITH((t::LSTM{.input_size = 10, .hidden_size = 20, .proj_size = runtime(20)}.count_params()),
                    "rnnparams::torch::LSTM: proj_size has to be smaller than hidden_size");
  CHECK_THROWS_WITH(
      (t::LSTM{.input_size = 10, .hidden_size = 20, .proj_size = runtime(-1)}.count_params()),
      "rnnparams::torch::LSTM: proj_size should be a positive integer or zero to disable projections");
  CHECK_THROWS_WITH((t::RNN{.input_size = 1, .hidden_size = runtime(0)}.count_params()),
                    "rnnparams::torch::RNN: hidden_size must be greater than zero");
  CHECK_THROWS_WITH((t::GRU{.input_size = 1, .hidden_size = runtime(-4)}.named_parameters()),
                    "rnnparams::torch::GRU: hidden_size must be greater than zero");
  CHECK_THROWS_WITH((t::GRU{.input_size = runtime(-1), .hidden_size = 4}.count_params()),
                    "rnnparams::torch::GRU: input_size must be given, and >= 0");
  CHECK_THROWS_WITH(t::GRU{.hidden_size = 4}.count_params(),
                    "rnnparams::torch::GRU: input_size must be given, and >= 0");
  CHECK_THROWS_WITH((t::LSTM{.input_size = 1, .hidden_size = 4, .num_layers = runtime(0)}.count_params()),
                    "rnnparams::torch::LSTM: num_layers must be greater than zero");
  CHECK_THROWS_WITH((t::RNN{.input_size = 1, .hidden_size = 4, .nonlinearity = "sigmoid"}.count_params()),
                    "rnnparams::torch::RNN: Unknown nonlinearity, expected \"tanh\" or \"relu\"");
  CHECK_THROWS_WITH(
      (t::RNN{.input_size = 1, .hidden_size = 4, .dropout = 1.5}.count_params()),
      "rnnparams::torch::RNN: dropout should be a number in range [0, 1] representing a probability");
  CHECK_THROWS_AS((t::RNN{.input_size = 1, .hidden_size = 4, .dropout = -0.1}.count_params()),
                  rnnparams::invalid_model);
  CHECK_THROWS_AS(
      (t::RNN{.input_size = 1, .hidden_size = 4, .dropout = std::numeric_limits<double>::quiet_NaN()}
           .count_params()),
      rnnparams::invalid_model);
  CHECK_THROWS_AS((t::LSTM{.input_size = 1, .hidden_size = runtime(0)}.named_buffers()),
                  rnnparams::invalid_model);
  // What PyTorch allows, we allow.
  CHECK(t::RNN{.input_size = 1, .hidden_size = 4, .dropout = 1.0}.count_params() == 28);
  CHECK(t::RNN{.input_size = runtime(0), .hidden_size = 10}.count_params() == 120);
  CHECK(t::RNN{.input_size = 1, .hidden_size = 10, .nonlinearity = "relu"}.count_params() == 130);
}

TEST_CASE("RNN, LSTM, GRU: inputs they cannot take throw invalid_model") {
  const t::LSTM lstm{.input_size = 10, .hidden_size = runtime(20)};
  CHECK_THROWS_WITH(lstm.output_shape({7, 3, 5}),
                    "rnnparams::torch::LSTM: input.size(-1) must be equal to input_size");
  CHECK_THROWS_WITH(lstm.h_n_shape({7, 3, none}),
                    "rnnparams::torch::LSTM: input.size(-1) must be equal to input_size");
  CHECK_THROWS_WITH(lstm.c_n_shape({10}),
                    "rnnparams::torch::LSTM: input must be (L, N, H_in), (N, L, H_in) with batch_first, "
                    "or (L, H_in) unbatched");
  CHECK_THROWS_WITH(lstm.output_shape({0, 3, 10}),
                    "rnnparams::torch::LSTM: Expected sequence length to be larger than 0 in RNN");
  CHECK_THROWS_WITH(
      (t::GRU{.input_size = 10, .hidden_size = 4, .batch_first = true}.output_shape({3, 0, 10})),
      "rnnparams::torch::GRU: Expected sequence length to be larger than 0 in RNN");
}

TEST_CASE("RNN, LSTM, GRU: a count beyond std::uint64_t throws overflow_error, never wraps") {
  const auto big = runtime(1LL << 40);
  CHECK_THROWS_WITH((t::LSTM{.input_size = big, .hidden_size = big}.count_params()),
                    "rnnparams::torch::LSTM: the parameter count does not fit in std::uint64_t");
  CHECK_THROWS_AS((t::GRU{.input_size = 1, .hidden_size = runtime(std::numeric_limits<std::int64_t>::max())}
                       .count_params()),
                  rnnparams::overflow_error);
  CHECK_THROWS_AS((t::RNN{.input_size = 1,
                          .hidden_size = 1,
                          .num_layers = runtime(std::numeric_limits<std::int64_t>::max()),
                          .bidirectional = true}
                       .count_params()),
                  rnnparams::overflow_error);
  // 2^32 layers of 2^15 units on 2^15 features: 2^63 parameters, exact.
  const t::RNN wide{
      .input_size = 1LL << 15, .hidden_size = 1LL << 15, .num_layers = runtime(1LL << 32), .bias = false};
  CHECK(wide.count_params() == (1ULL << 63));
}
