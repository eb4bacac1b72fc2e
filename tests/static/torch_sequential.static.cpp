// tests/static/torch_sequential.static.cpp: compile-time facts about nn.Sequential's total and forward pass.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>
#include <rnnparams/torch/sequential.hpp>

#include <array>
#include <span>
#include <type_traits>

namespace {
namespace t = rnnparams::torch;
using rnnparams::shape;

// No number here is new: each is derived from the modules' own counts and shapes, which
// torch_layers.static.cpp and torch_recurrent.static.cpp hold against torch 1.13.
constexpr t::Embedding embedding{.num_embeddings = 1000, .embedding_dim = 64};
constexpr t::LSTM lstm{.input_size = 64, .hidden_size = 128, .batch_first = true};
constexpr std::array<t::module, 2> text_model{embedding, lstm};

// The total is the sum of the modules' counts; an empty Sequential has none.
static_assert(t::count_params(text_model) == embedding.count_params() + lstm.count_params());
static_assert(t::count_params(std::span<const t::module>{}) == 0);
// Every parameter is trainable, except a frozen Embedding's (from_pretrained's freeze=True).
static_assert(t::trainable_params(text_model) == t::count_params(text_model));
static_assert(t::trainable_params(std::array<t::module, 2>{t::Embedding::from_pretrained({1000, 64}),
                                                           lstm}) == lstm.count_params());

// An Embedding first takes the indices; anything else takes float32.
static_assert(t::input_dtype(text_model) == "int64");
static_assert(t::input_dtype(std::array<t::module, 1>{lstm}) == "float32");
static_assert(t::element_size("int64") == 8 && t::element_size("float32") == 4);

// Each module's output is its own output_shape() of the one before.
static_assert(t::output_shape(text_model, 0, shape{2, 50}, "int64") == embedding.output_shape(shape{2, 50}));
static_assert(t::output_shape(text_model, 1, embedding.output_shape(shape{2, 50}), "float32") ==
              lstm.output_shape(embedding.output_shape(shape{2, 50})));

// What must not be a constant: the chain rules throw, so these calls are not constant expressions.
// Case 3 is the legal call they resemble, which is one.
template <int Case>
constexpr bool refused() {
  if constexpr (Case == 3) { // the Embedding given its indices
    return t::output_shape(text_model, 0, shape{2, 50}, "int64").rank() != 0;
  } else if constexpr (Case == 0) { // an LSTM before another module: it returns a tuple
    constexpr std::array<t::module, 2> lstm_first{lstm, t::Linear{.in_features = 128, .out_features = 1}};
    return t::output_shape(lstm_first, 0, shape{2, 50, 64}, "float32").rank() != 0;
  } else if constexpr (Case == 1) { // an Embedding given float32
    return t::output_shape(text_model, 0, shape{2, 50}, "float32").rank() != 0;
  } else { // a BatchNorm1d in training mode on one value per channel
    constexpr std::array<t::module, 1> bn{t::BatchNorm1d{.num_features = 10}};
    return t::output_shape(bn, 0, shape{1, 10}, "float32").rank() != 0;
  }
}
template <int Case>
concept a_constant = requires { typename std::bool_constant<refused<Case>()>; };
static_assert(!a_constant<0>);
static_assert(!a_constant<1>);
static_assert(!a_constant<2>);
static_assert(a_constant<3>);
} // namespace
