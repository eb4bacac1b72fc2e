// tests/unit/keras_merging.test.cpp: the merge and attention layers (keras/multi_input_list.hpp) at run
// time, alone and in keras::Functional graphs: Keras 3's shape rules, weights and messages.
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "run_time.hpp"

#include <rnnparams/keras/functional.hpp>

#include <cstdint>
#include <string>

namespace k = rnnparams::keras;
using rnnparams::none;
using rnnparams::shape;
using test::runtime;

TEST_CASE("merges broadcast as Keras 3's Merge does, a None winning over a 1") {
  // Aligned at the last axes; the longer shape's leading axes are kept; 1 takes the other size.
  CHECK(k::Add{}.compute_output_shape({{5, 1, 3}, {4, 3}}) == shape{5, 4, 3});
  CHECK(k::Multiply{}.compute_output_shape({{4, 3}, {5, 1, 3}}) == shape{5, 4, 3});
  CHECK(k::Maximum{}.compute_output_shape({{none}, {1}}) == shape{none});
  CHECK(k::Minimum{}.compute_output_shape({{3}, {}}) == shape{3});
  // Keras 3 takes a single input (tf.keras 2 and tfjs wanted two).
  CHECK(k::Average{}.compute_output_shape({{runtime(6)}}) == shape{6});
  CHECK(k::Add{}.count_params({{3}, {3}}) == 0);
  CHECK(k::Add{}.macs({{3}, {3}}) == 0);
  CHECK_THROWS_WITH(
      k::Add{}.compute_output_shape({{runtime(3)}, {5, 2}}),
      "rnnparams::keras::Add: Inputs have incompatible shapes: aligned at their last axes, each pair "
      "of sizes must be equal or one of them 1. Received: input_shape=[(None, 3), (None, 5, 2)]");
  CHECK_THROWS_WITH(k::Add{}.compute_output_shape({}),
                    "rnnparams::keras::Add: a merge layer should be called on a list of at least 1 input");
  CHECK_THROWS_WITH(k::Subtract{}.compute_output_shape({{4}, {4}, {4}}),
                    "rnnparams::keras::Subtract: A `Subtract` layer should be called on exactly 2 inputs");
  CHECK(k::Subtract{}.compute_output_shape({{4}, {1}}) == shape{4});
}

TEST_CASE("Concatenate joins along axis, counting the batch axis as 0, and lets None match a size") {
  CHECK(k::Concatenate{}.compute_output_shape({{5, 3}, {5, 2}}) == shape{5, 5});
  CHECK(k::Concatenate{.axis = 1}.compute_output_shape({{5, 3}, {4, 3}}) == shape{9, 3});
  CHECK(k::Concatenate{.axis = -2}.compute_output_shape({{5, 3}, {none, 3}}) == shape{none, 3});
  // A None on another axis matches any size; the output keeps the first input's.
  CHECK(k::Concatenate{}.compute_output_shape({{none, 3}, {7, 2}}) == shape{none, 5});
  CHECK_THROWS_WITH(
      k::Concatenate{}.compute_output_shape({{runtime(3)}, {5, 2}}),
      "rnnparams::keras::Concatenate: A `Concatenate` layer requires inputs with matching shapes "
      "except for the concatenation axis. Received: input_shape=[(None, 3), (None, 5, 2)]");
  // Past the last axis: Keras's build compares the whole shapes, then its compute_output_shape fails.
  CHECK_THROWS_WITH(
      k::Concatenate{.axis = runtime(3)}.compute_output_shape({{5, 3}, {5, 2}}),
      "rnnparams::keras::Concatenate: A `Concatenate` layer requires inputs with matching shapes "
      "except for the concatenation axis. Received: input_shape=[(None, 5, 3), (None, 5, 2)]");
  CHECK_THROWS_WITH(
      k::Concatenate{.axis = runtime(3)}.compute_output_shape({{5, 3}, {5, 3}}),
      "rnnparams::keras::Concatenate: axis is out of range for the input's rank (the batch axis is "
      "axis 0)");
}

TEST_CASE("Dot: Keras's docstring example and its checks") {
  // keras.layers.Dot(axes=(1, 2))([x, y]) with x (1, 5, 2) and y (1, 2, 5) gives (1, 2, 2).
  CHECK(k::Dot{.axes = {1, 2}}.compute_output_shape({{5, 2}, {2, 5}}) == shape{2, 2});
  // Two vectors: one number per sample, written (1,).
  CHECK(k::Dot{.axes = {-1}}.compute_output_shape({{8}, {8}}) == shape{1});
  // An integer axes is taken modulo each input's rank: -1 is the last axis of each.
  CHECK(k::Dot{.axes = {-1}}.compute_output_shape({{4, 5}, {3, 5}}) == shape{4, 3});
  CHECK(k::Dot{.axes = {2}}.macs({{4, 5}, {3, 5}}) == 4 * 3 * 5);
  CHECK_FALSE(k::Dot{.axes = {2}}.macs({{none, 5}, {3, 5}}).has_value());
  CHECK_THROWS_WITH(
      k::Dot{.axes = {runtime(1)}}.compute_output_shape({{none}, {3}}),
      "rnnparams::keras::Dot: Incompatible input shapes: the axes the dot product sums over differ "
      "in size. Received: input_shape=[(None, None), (None, 3)]");
  CHECK_THROWS_WITH(k::Dot{.axes = {runtime(0)}}.compute_output_shape({{3}, {3}}),
                    "rnnparams::keras::Dot: cannot take the dot product over the batch axis (axis 0)");
  CHECK_THROWS_WITH(k::Dot{.axes = {1}}.compute_output_shape({{3}}),
                    "rnnparams::keras::Dot: A `Dot` layer should be called on a list of 2 inputs");
  CHECK_THROWS_WITH(k::Dot{}.compute_output_shape({{3}, {3}}),
                    "rnnparams::keras::Dot: axes must be an integer or a pair of integers");
}

TEST_CASE("Attention and AdditiveAttention: Keras 3's scalar and vector weights") {
  const k::input_shapes qv{{7, 16}, {9, 16}};
  CHECK(k::Attention{}.weights(qv).empty());
  const rnnparams::weight_list both = k::Attention{.use_scale = true, .score_mode = "concat"}.weights(qv);
  REQUIRE(both.size() == 2);
  CHECK(both[0].name == "scale");
  CHECK(both[0].shape == shape{});
  CHECK(both[1].name == "concat_score_weight");
  CHECK(both[1].shape == shape{});
  CHECK(k::Attention{.use_scale = true}.count_params(qv) == 1);
  CHECK(k::Attention{}.compute_output_shape({{7, 16}, {9, 4}, {9, 16}}) == shape{7, 4});
  // Tq·Tv·dim for the scores and Tq·Tv·value dim for the weighted sum.
  CHECK(k::Attention{}.macs(qv) == 7 * 9 * (16 + 16));
  CHECK(k::Attention{.score_mode = "concat"}.macs(qv) == 7 * 9 * 16);
  CHECK(k::AdditiveAttention{}.weights(qv)[0].shape == shape{16});
  CHECK(k::AdditiveAttention{.use_scale = false}.count_params(qv) == 0);
  CHECK_THROWS_WITH(
      k::Attention{.score_mode = "general"}.compute_output_shape(qv),
      "rnnparams::keras::Attention: Invalid value for argument score_mode: expected one of {'dot', "
      "'concat'}");
  CHECK_THROWS_WITH(
      k::Attention{}.compute_output_shape({{7, runtime(16)}}),
      "rnnparams::keras::Attention: accepts inputs list of length 2 or 3, namely [query, value] or "
      "[query, value, key]");
  CHECK_THROWS_WITH(k::AdditiveAttention{}.compute_output_shape({{7, 16}, {9, runtime(8)}}),
                    "rnnparams::keras::AdditiveAttention: query and key must have the same last axis (dim). "
                    "Received: input_shape=[(None, 7, 16), (None, 9, 8)]");
  CHECK_THROWS_WITH(k::Attention{}.compute_output_shape({{7, 16}, {9, 16}, {runtime(8), 16}}),
                    "rnnparams::keras::Attention: value and key must have the same number of timesteps (Tv). "
                    "Received: input_shape=[(None, 7, 16), (None, 9, 16), (None, 8, 16)]");
  // tf.keras 2 ran Attention on (batch, dim) vectors too, and real saved models do: Keras's shape rule,
  // no per-sample MACs.
  CHECK(k::Attention{}.compute_output_shape({{16}, {16}}) == shape{16});
  CHECK_FALSE(k::Attention{}.macs({{16}, {16}}).has_value());
  CHECK(k::Attention{}.compute_output_shape({{3, 7, 16}, {3, 9, 4}, {3, 9, 16}}) == shape{3, 7, 4});
  CHECK(k::Attention{}.macs({{3, 7, 16}, {3, 9, 4}, {3, 9, 16}}) == 3 * 7 * 9 * (16 + 4));
  CHECK_THROWS_WITH(
      k::Attention{}.compute_output_shape({{7, 16}, {runtime(16)}}),
      "rnnparams::keras::Attention: query, value and key must have one rank, (batch, timesteps, "
      "dim). Received: input_shape=[(None, 7, 16), (None, 16)]");
}

TEST_CASE("MultiHeadAttention: four EinsumDense kernel and bias pairs, named and shaped as Keras's") {
  const k::MultiHeadAttention mha{.num_heads = runtime(4), .key_dim = 8, .value_dim = 6};
  const k::input_shapes qvk{{10, 32}, {12, 24}, {12, 20}};
  const rnnparams::weight_list w = mha.weights(qvk);
  REQUIRE(w.size() == 8);
  const char* scopes[] = {"query",           "query", "key", "key", "value", "value", "attention_output",
                          "attention_output"};
  const shape shapes[] = {{32, 4, 8}, {4, 8}, {20, 4, 8}, {4, 8}, {24, 4, 6}, {4, 6}, {4, 6, 32}, {32}};
  for (std::size_t i = 0; i < w.size(); ++i) {
    INFO(i);
    CHECK(w[i].scope == scopes[i]);
    CHECK(w[i].name == (i % 2 == 0 ? "kernel" : "bias"));
    CHECK(w[i].shape == shapes[i]);
  }
  CHECK(mha.count_params(qvk) == w.count());
  CHECK(mha.compute_output_shape(qvk) == shape{10, 32});
  // output_shape replaces the query's last axis; without use_bias, the kernels only.
  const k::MultiHeadAttention shaped{.num_heads = 2, .key_dim = 4, .use_bias = false, .output_shape = {3, 5}};
  CHECK(shaped.compute_output_shape({{10, 32}, {12, 24}}) == shape{10, 3, 5});
  CHECK(shaped.weights({{10, 32}, {12, 24}}).size() == 4);
  CHECK(shaped.weights({{10, 32}, {12, 24}})[3].shape == shape{2, 4, 3, 5});
  // use_gate: a gate projection of the query, between key and value.
  const rnnparams::weight_list gated =
      k::MultiHeadAttention{.num_heads = 2, .key_dim = 4, .use_gate = true}.weights({{10, 32}, {12, 24}});
  REQUIRE(gated.size() == 10);
  CHECK(gated[4].scope == "gate");
  CHECK(gated[4].shape == shape{32, 2, 4});
  CHECK(gated[6].scope == "value");
  // Keras 3 dropped tf.keras's rule that the query's and value's last axes agree.
  CHECK(mha.compute_output_shape({{10, 32}, {12, 24}}) == shape{10, 32});
  CHECK_FALSE(mha.macs({{none, 32}, {12, 24}}).has_value());
  CHECK_THROWS_WITH(
      (k::MultiHeadAttention{.num_heads = runtime(0), .key_dim = 8}.compute_output_shape(qvk)),
      "rnnparams::keras::MultiHeadAttention: Received an invalid value for argument `num_heads`, "
      "expected a positive integer");
  CHECK_THROWS_WITH(
      mha.compute_output_shape({{10, 32}, {12, 24}, {runtime(11), 20}}),
      "rnnparams::keras::MultiHeadAttention: All dimensions of `value` and `key`, except the last one, "
      "must be equal. Received: input_shape=[(None, 10, 32), (None, 12, 24), (None, 11, 20)]");
  CHECK_THROWS_WITH(
      mha.compute_output_shape({{10, 32}}),
      "rnnparams::keras::MultiHeadAttention: is called on query and value, and an optional key: "
      "{query, value} or {query, value, key}");
}

TEST_CASE("Functional: merges and attention in graphs, with their inbound tensors and names") {
  k::Functional f;
  const auto a = f.input({none, runtime(8)}, "tokens");
  const auto b = f.input({none, 8});
  const auto encoder = f.add(k::LSTM{.units = 16, .return_sequences = true});
  const auto x = encoder(a);
  const auto y = encoder(b); // shared: its weights count once
  const auto attention = f.add(k::Attention{.use_scale = true});
  const auto xy = attention({x, y});
  const auto yx = attention({y, x}); // shared too: one scale
  const auto joined = f(k::Concatenate{}, {xy, yx});
  const auto summed = f(k::Concatenate{.axis = 1}, {x, y});
  const auto model = f.model({a, b}, {joined, summed});

  CHECK(model.count_params() == k::LSTM{.units = 16}.count_params({none, 8}) + 1);
  CHECK(model.output_shape(0) == shape{none, 32});
  CHECK(model.output_shape(1) == shape{none, 16});
  REQUIRE(model.size() == 6); // 2 Inputs, the LSTM, the Attention, 2 Concatenates
  std::size_t concatenate_1 = model.size();
  std::size_t attention_at = model.size();
  for (std::size_t i = 0; i < model.size(); ++i) {
    concatenate_1 = model.name(i) == "concatenate_1" ? i : concatenate_1;
    attention_at = model.name(i) == "attention" ? i : attention_at;
  }
  REQUIRE(concatenate_1 < model.size());
  REQUIRE(attention_at < model.size());
  CHECK(model.info(concatenate_1).class_name == "Concatenate");
  CHECK(model.call_count(attention_at) == 2);
  CHECK(model.info(attention_at).params == 1);
  CHECK(model.info(attention_at).weights[0].name == "scale");
  // attention([y, x]) takes lstm[1][0] (the shared LSTM's second call), then lstm[0][0].
  const auto second = model.inbound(attention_at, 1);
  REQUIRE(second.size() == 2);
  CHECK(second[0].layer == "lstm");
  CHECK(second[0].node == 1);
  CHECK(second[1].node == 0);
  CHECK(model.macs().has_value() == false); // timesteps None

  // Errors name the layer, as for the other layers.
  k::Functional g;
  const auto p = g.input({runtime(3)});
  const auto q = g.input({5, 2});
  CHECK_THROWS_WITH(
      g(k::Concatenate{}, {p, q}),
      "rnnparams::keras::Functional: layer concatenate: rnnparams::keras::Concatenate: A `Concatenate` "
      "layer requires inputs with matching shapes except for the concatenation axis. Received: "
      "input_shape=[(None, 3), (None, 5, 2)]");
  k::Functional other;
  const auto r = other.input({3});
  CHECK_THROWS_WITH(
      g(k::Add{}, {p, r}),
      "rnnparams::keras::Functional: layer add: rnnparams::keras::Add: a tensor from another model: use "
      "the tensors this model's input() and layer calls return");
  // A shared merge whose new inputs need other weights.
  const auto scale = g.add(k::AdditiveAttention{});
  const auto s = g.input({4, 3});
  const auto t = g.input({4, 6});
  static_cast<void>(scale({s, s}));
  CHECK_THROWS_WITH(scale({t, t}),
                    "rnnparams::keras::Functional: layer additive_attention: "
                    "rnnparams::keras::AdditiveAttention: is shared, and this call's inputs need "
                    "weights of other shapes than its first call's");
}
