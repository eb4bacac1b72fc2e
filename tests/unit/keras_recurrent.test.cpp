// tests/unit/keras_recurrent.test.cpp: SimpleRNN, LSTM, GRU and Dense with run-time values.
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "run_time.hpp"

#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace k = rnnparams::keras;
using rnnparams::none;
using rnnparams::shape;
using test::runtime;

namespace {
// Values the optimiser cannot see through, so the run-time path is what runs.

struct described {
  std::string name;
  std::vector<std::uint64_t> dims;
  bool trainable;
};

std::vector<described> describe(const rnnparams::weight_list& weights) {
  std::vector<described> out;
  for (const auto& w : weights) {
    std::vector<std::uint64_t> dims;
    for (auto d : w.shape) {
      dims.push_back(d.value());
    }
    out.push_back({std::string{w.name}, dims, w.trainable});
  }
  return out;
}

bool operator==(const described& a, const described& b) {
  return a.name == b.name && a.dims == b.dims && a.trainable == b.trainable;
}
} // namespace

TEST_CASE("SimpleRNN: (features + units) * units + units") {
  const auto u = runtime(10);
  const auto f = runtime(1);
  CHECK(k::SimpleRNN{.units = u}.count_params({3, f}) == 120);
  CHECK(k::SimpleRNN{.units = u}.count_params({none, f}) == 120);
  CHECK(k::SimpleRNN{.units = u, .use_bias = false}.count_params({3, f}) == 110);
  CHECK(k::SimpleRNN{.units = runtime(32)}.count_params({none, runtime(8)}) == 1312);
}

TEST_CASE("LSTM: four gates, 4 * ((features + units) * units + units)") {
  CHECK(k::LSTM{.units = runtime(10)}.count_params({3, runtime(1)}) == 480);
  CHECK(k::LSTM{.units = runtime(512)}.count_params({none, runtime(300)}) == 1'665'024);
}

TEST_CASE("GRU: reset_after=True (the default) has a (2, 3U) bias, False a (3U) one") {
  CHECK(k::GRU{.units = runtime(10)}.count_params({3, runtime(1)}) == 390);
  CHECK(k::GRU{.units = runtime(10), .reset_after = false}.count_params({3, runtime(1)}) == 360);
}

TEST_CASE("Dense: features * units + units on the last axis") {
  CHECK(k::Dense{.units = runtime(1)}.count_params({runtime(10)}) == 11);
  CHECK(k::Dense{.units = runtime(4)}.count_params({none, 7, runtime(10)}) == 44);
  CHECK(k::Dense{.units = runtime(4)}.compute_output_shape({none, 7, 10}) == shape{none, 7, 4});
}

TEST_CASE("output shapes: (units), or (timesteps, units) with return_sequences") {
  CHECK(k::SimpleRNN{.units = runtime(10)}.compute_output_shape({3, 1}) == shape{10});
  CHECK(k::LSTM{.units = runtime(10), .return_sequences = true}.compute_output_shape({none, 1}) ==
        shape{none, 10});
  CHECK(rnnparams::to_batch_string(
            k::GRU{.units = 10, .return_sequences = true}.compute_output_shape({3, 1})) == "(None, 3, 10)");
}

TEST_CASE("weights: Keras's names and shapes, in Keras's order") {
  using v = std::vector<described>;
  CHECK(describe(k::SimpleRNN{.units = runtime(10)}.weights({3, 1})) ==
        v{{"kernel", {1, 10}, true}, {"recurrent_kernel", {10, 10}, true}, {"bias", {10}, true}});
  CHECK(describe(k::LSTM{.units = runtime(10)}.weights({3, 1})) ==
        v{{"kernel", {1, 40}, true}, {"recurrent_kernel", {10, 40}, true}, {"bias", {40}, true}});
  CHECK(describe(k::GRU{.units = runtime(10)}.weights({3, 1})) ==
        v{{"kernel", {1, 30}, true}, {"recurrent_kernel", {10, 30}, true}, {"bias", {2, 30}, true}});
  CHECK(describe(k::GRU{.units = runtime(10), .reset_after = false}.weights({3, 1})) ==
        v{{"kernel", {1, 30}, true}, {"recurrent_kernel", {10, 30}, true}, {"bias", {30}, true}});
  CHECK(describe(k::Dense{.units = runtime(1), .use_bias = false, .trainable = false}.weights({10})) ==
        v{{"kernel", {10, 1}, false}});
}

TEST_CASE("trainable=False: every weight counts as non-trainable") {
  const k::GRU frozen{.units = runtime(10), .trainable = false};
  CHECK(frozen.count_params({3, 1}) == 390);
  CHECK(frozen.weights({3, 1}).trainable_count() == 0);
  CHECK(frozen.weights({3, 1}).non_trainable_count() == 390);
}

TEST_CASE("invalid settings throw invalid_model naming the layer and the problem") {
  CHECK_THROWS_WITH(k::SimpleRNN{.units = runtime(0)}.count_params({3, 1}),
                    "rnnparams::keras::SimpleRNN: units must be a positive integer");
  CHECK_THROWS_WITH(k::LSTM{.units = runtime(-3)}.compute_output_shape({3, 1}),
                    "rnnparams::keras::LSTM: units must be a positive integer");
  CHECK_THROWS_WITH(k::GRU{.units = 10}.count_params({3, runtime(0)}),
                    "rnnparams::keras::GRU: the last axis of the input (features) must be > 0, got 0");
  CHECK_THROWS_WITH(k::GRU{.units = 10}.count_params({3, none}),
                    "rnnparams::keras::GRU: the last axis of the input (features) must be known, got None");
  CHECK_THROWS_WITH(k::SimpleRNN{.units = 10}.count_params({runtime(1)}),
                    "rnnparams::keras::SimpleRNN: expects a 3-D input (batch, timesteps, features); "
                    "set return_sequences=True on the recurrent layer before it");
  CHECK_THROWS_WITH(
      k::Dense{.units = 1}.count_params({}),
      "rnnparams::keras::Dense: expects an input of rank >= 1 (without the batch axis), got a scalar");
  CHECK_THROWS_AS(k::Dense{.units = runtime(0)}.count_params({10}), rnnparams::invalid_model);
  CHECK_THROWS_AS(k::Dense{.units = runtime(0)}.count_params({10}), rnnparams::error);
  CHECK_THROWS_WITH(rnnparams::shape({runtime(-1)}),
                    "rnnparams::dim: a dimension must be >= 0 or rnnparams::none");
}

TEST_CASE("overflow: a count beyond std::uint64_t throws overflow_error, never wraps") {
  const auto big = runtime(1LL << 40);
  CHECK_THROWS_AS(k::LSTM{.units = big}.count_params({3, big}), rnnparams::overflow_error);
  CHECK_THROWS_AS(k::LSTM{.units = big}.count_params({3, big}), std::exception);
  CHECK_THROWS_WITH(k::SimpleRNN{.units = big}.count_params({3, big}),
                    "rnnparams::keras::SimpleRNN: the parameter count does not fit in std::uint64_t");
  // 4U overflows before any product does.
  CHECK_THROWS_AS(k::LSTM{.units = runtime(INT64_MAX)}.weights({3, 1}), rnnparams::overflow_error);
  // The largest exact counts still come out right.
  CHECK(k::Dense{.units = runtime(1LL << 31), .use_bias = false}.count_params({runtime(1LL << 32)}) ==
        1ULL << 63);
}
