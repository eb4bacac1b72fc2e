// tests/unit/keras_reshaping.test.cpp: Masking, Activation, SpatialDropout1D, Reshape and Permute at run
// time: their values, and Keras 3's messages. SPDX-License-Identifier: MIT
#include "catch.hpp"

#include <rnnparams/keras/model.hpp>
#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <exception>
#include <string>

namespace k = rnnparams::keras;
using rnnparams::int_tuple;
using rnnparams::none;
using rnnparams::shape;

namespace {
/// The what() of the exception f throws, or "" when it throws none.
template <class F>
std::string message_of(F f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
} // namespace

TEST_CASE("Masking, Activation and SpatialDropout1D: no weights, the input's shape", "[keras][reshaping]") {
  const shape input{none, 8};
  CHECK(k::Masking{.mask_value = -1.0}.compute_output_shape(input) == input);
  CHECK(k::Activation{.activation = "gelu"}.compute_output_shape(input) == input);
  CHECK(k::SpatialDropout1D{.rate = 0.3}.compute_output_shape(input) == input);
  CHECK(k::SpatialDropout1D{.rate = 0.3}.weights(input).empty());
  CHECK(k::Masking{}.count_params({3, 4, 5}) == 0);
}

TEST_CASE("Activation: a name keras.activations.get() does not know is Keras 3's error",
          "[keras][reshaping]") {
  CHECK_THROWS_WITH((k::Activation{.activation = "Relu"}.compute_output_shape({3})),
                    "rnnparams::keras::Activation: Could not interpret activation function identifier: Relu");
  CHECK_THROWS_WITH((k::Activation{}.compute_output_shape({3})),
                    "rnnparams::keras::Activation: Could not interpret activation function identifier: ");
  CHECK_NOTHROW(k::Activation{.activation = "hard_swish"}.compute_output_shape({3}));
}

TEST_CASE("SpatialDropout1D: rate in [0, 1] and a 3-D input, as Keras 3 checks them", "[keras][reshaping]") {
  CHECK_THROWS_WITH(
      (k::SpatialDropout1D{.rate = 1.5}.compute_output_shape({3, 4})),
      "rnnparams::keras::SpatialDropout1D: Invalid value received for argument `rate`. Expected a "
      "float value between 0 and 1.");
  CHECK(contains(message_of([&] { (void)k::SpatialDropout1D{.rate = -0.1}.compute_output_shape({3, 4}); }),
                 "between 0 and 1"));
  CHECK_THROWS_WITH((k::SpatialDropout1D{.rate = 0.5}.compute_output_shape({4})),
                    "rnnparams::keras::SpatialDropout1D: expects a 3-D input (batch, timesteps, channels)");
  CHECK(contains(message_of([&] { (void)k::SpatialDropout1D{.rate = 0.5}.compute_output_shape({2, 3, 4}); }),
                 "3-D input"));
}

TEST_CASE("Reshape: one -1 inferred; None in the input leaves it None", "[keras][reshaping]") {
  CHECK(k::Reshape{.target_shape = {-1, 2, 2}}.compute_output_shape({12}) == shape{3, 2, 2});
  CHECK(k::Reshape{.target_shape = {4, -1}}.compute_output_shape({none, 8}) == shape{4, none});
  CHECK(k::Reshape{.target_shape = {6}}.compute_output_shape({2, 3}) == shape{6});
}

TEST_CASE("Reshape: Keras 3's messages name the sizes", "[keras][reshaping]") {
  CHECK_THROWS_WITH((k::Reshape{.target_shape = {5, 3}}.compute_output_shape({12})),
                    "rnnparams::keras::Reshape: The total size of the tensor must be unchanged. Received: "
                    "input_shape=(12,), target_shape=(5, 3)");
  CHECK_THROWS_WITH(
      (k::Reshape{.target_shape = {5, -1}}.compute_output_shape({3, 4})),
      "rnnparams::keras::Reshape: The total size of the tensor must be unchanged, however, the input "
      "size cannot by divided by the specified dimensions in target_shape. Received: "
      "input_shape=(3, 4), target_shape=(5, -1)");
  CHECK(contains(message_of([&] { (void)k::Reshape{.target_shape = {0, -1}}.compute_output_shape({0}); }),
                 "cannot by divided"));
  CHECK_THROWS_WITH(
      (k::Reshape{.target_shape = {-1, -1}}.compute_output_shape({4})),
      "rnnparams::keras::Reshape: There must be at most one unknown dimension (-1) in `target_shape`. "
      "Received: target_shape=(-1, -1)");
  CHECK_THROWS_WITH(
      (k::Reshape{.target_shape = {-2, 2}}.compute_output_shape({4})),
      "rnnparams::keras::Reshape: Each dimension in `target_shape` must be a non-negative integer, or "
      "`-1` for a single unknown dimension. Received: target_shape=(-2, 2)");
  // With a None in the input, Keras checks only target_shape itself.
  CHECK(contains(message_of([&] { (void)k::Reshape{.target_shape = {-1, -1}}.compute_output_shape({none}); }),
                 "at most one unknown dimension"));
}

TEST_CASE("Permute: dims a permutation of 1..rank, Keras 3's messages", "[keras][reshaping]") {
  CHECK(k::Permute{.dims = {2, 1}}.compute_output_shape({10, 64}) == shape{64, 10});
  CHECK(k::Permute{.dims = {3, 1, 2}}.compute_output_shape({2, none, 4}) == shape{4, 2, none});
  CHECK_THROWS_WITH(
      (k::Permute{.dims = {2, 3}}.compute_output_shape({4, 5})),
      "rnnparams::keras::Permute: Invalid permutation argument `dims` for Permute Layer. The set of "
      "indices in `dims` must be consecutive and start from 1. Received dims=(2, 3)");
  CHECK(contains(message_of([&] { (void)k::Permute{.dims = {1, 1}}.compute_output_shape({4, 5}); }),
                 "Received dims=(1, 1)"));
  CHECK(contains(message_of([&] { (void)k::Permute{.dims = {0}}.compute_output_shape({4}); }),
                 "Received dims=(0,)"));
  CHECK_THROWS_WITH(
      (k::Permute{.dims = {2, 1}}.compute_output_shape({4})),
      "rnnparams::keras::Permute: Input 0 is incompatible with the layer: expected ndim=3, found "
      "ndim=2. Full shape received: (None, 4)");
}

TEST_CASE("int_tuple: Python's tuple spelling; at most 8 entries", "[keras][reshaping]") {
  CHECK(rnnparams::to_string(int_tuple{3, -1}) == "(3, -1)");
  CHECK(rnnparams::to_string(int_tuple{2}) == "(2,)");
  CHECK(rnnparams::to_string(int_tuple{}) == "()");
  int_tuple t{1, 2, 3, 4, 5, 6, 7, 8};
  CHECK(contains(message_of([&] { (void)t.push_back(9); }), "rnnparams::int_tuple"));
}

TEST_CASE("The new layers in a run-time model: names, shapes, totals", "[keras][reshaping]") {
  k::model m{k::Input{12, 8}};
  m.add(k::Masking{});
  m.add(k::LSTM{.units = 6, .return_sequences = true});
  m.add(k::Permute{.dims = {2, 1}});
  m.add(k::Reshape{.target_shape = {-1}});
  m.add(k::Activation{.activation = "relu"});
  CHECK(m.output_shape() == shape{72});
  CHECK(m.info(3).name == "reshape");
  CHECK(m.count_params() == 4 * (8 + 6 + 1) * 6);
  CHECK(contains(message_of([&] { (void)m.add(k::SpatialDropout1D{.rate = 0.1}); }), "SpatialDropout1D"));
}
