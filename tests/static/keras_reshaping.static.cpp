// tests/static/keras_reshaping.static.cpp: compile-time facts about Masking, Activation, SpatialDropout1D,
// Reshape and Permute. SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

namespace {
namespace k = rnnparams::keras;
using rnnparams::int_tuple;
using rnnparams::none;
using rnnparams::shape;

// Keras 3's defaults (the signatures in keras/src/layers/...).
static_assert(k::Masking{}.mask_value == 0.0);
static_assert(k::SpatialDropout1D{}.rate == 0.0);

// Weightless, shape unchanged.
static_assert(k::Masking{}.compute_output_shape({none, 8}) == shape{none, 8});
static_assert(k::Masking{.mask_value = -1.0}.count_params({10, 8}) == 0);
static_assert(k::Masking{}.weights({10, 8}).size() == 0);
static_assert(k::Activation{.activation = "relu"}.compute_output_shape({3, 4, 5}) == shape{3, 4, 5});
static_assert(k::Activation{.activation = "softmax"}.count_params({10}) == 0);
static_assert(k::Activation{.activation = "hard_swish"}.macs({10}) == 0);
static_assert(k::Activation::known_activation("swish") && k::Activation::known_activation("linear"));
static_assert(!k::Activation::known_activation("Relu") && !k::Activation::known_activation(""));
static_assert(k::SpatialDropout1D{.rate = 0.5}.compute_output_shape({none, 16}) == shape{none, 16});
static_assert(k::SpatialDropout1D{.rate = 1.0}.count_params({10, 16}) == 0);
static_assert(k::SpatialDropout1D::takes_a_sequence && !k::Masking::takes_a_sequence);

// Reshape: the examples of Keras's docstring, (12,) -> (3, 4) and (-1, 2, 2) -> (3, 2, 2).
static_assert(k::Reshape{.target_shape = {3, 4}}.compute_output_shape({12}) == shape{3, 4});
static_assert(k::Reshape{.target_shape = {-1, 2, 2}}.compute_output_shape({12}) == shape{3, 2, 2});
static_assert(k::Reshape{.target_shape = {2, -1}}.compute_output_shape({3, 4}) == shape{2, 6});
static_assert(k::Reshape{.target_shape = {}}.compute_output_shape({1, 1}) == shape{});
static_assert(k::Reshape{.target_shape = {0, 5}}.compute_output_shape({0}) == shape{0, 5});
// A None in the input: nothing is checked, the -1 becomes None (compute_reshape_output_shape).
static_assert(k::Reshape{.target_shape = {-1, 4}}.compute_output_shape({none, 8}) == shape{none, 4});
static_assert(k::Reshape{.target_shape = {5, 7}}.compute_output_shape({none, 8}) == shape{5, 7});
static_assert(k::Reshape{.target_shape = {3, 4}}.count_params({12}) == 0);

// Permute: Keras's docstring example, (10, 64) with dims (2, 1) -> (64, 10).
static_assert(k::Permute{.dims = {2, 1}}.compute_output_shape({10, 64}) == shape{64, 10});
static_assert(k::Permute{.dims = {1, 3, 2}}.compute_output_shape({none, 4, 5}) == shape{none, 5, 4});
static_assert(k::Permute{.dims = {1}}.compute_output_shape({7}) == shape{7});
static_assert(k::Permute{.dims = {3, 1, 2}}.count_params({2, 3, 4}) == 0);

// The argument type: Python's tuple spelling is printed at run time (unit tests).
static_assert(int_tuple{3, -1}.size() == 2 && int_tuple{3, -1}[1] == -1);
static_assert(int_tuple{} == int_tuple{} && !(int_tuple{1, 2} == int_tuple{2, 1}));

// In a Sequential model: Keras's automatic names, and each layer's shape flowing to the next.
constexpr auto model = k::Sequential{k::Input{12, 8},
                                     k::Masking{},
                                     k::SpatialDropout1D{.rate = 0.2},
                                     k::LSTM{.units = 6, .return_sequences = true},
                                     k::Permute{.dims = {2, 1}},
                                     k::Reshape{.target_shape = {-1, 4}},
                                     k::Activation{.activation = "tanh"},
                                     k::Flatten{},
                                     k::Dense{.units = 1}};
static_assert(model.output_shape() == shape{1});
static_assert(model.info(3).output_shape == shape{6, 12});
static_assert(model.info(4).output_shape == shape{18, 4});
static_assert(model.count_params() == 4 * (8 + 6 + 1) * 6 + 72 + 1);
static_assert(model.info(0).name == "masking" && model.info(1).name == "spatial_dropout1d");
static_assert(model.info(3).name == "permute" && model.info(4).name == "reshape");
static_assert(model.info(5).name == "activation");

} // namespace
