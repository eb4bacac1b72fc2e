// tests/unit/keras_functional.test.cpp: keras::Functional at run time, where its errors are exceptions.
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "run_time.hpp"

#include <rnnparams/keras/functional.hpp>

#include <cstdint>

namespace k = rnnparams::keras;
using rnnparams::none;
using rnnparams::shape;
using test::runtime;

TEST_CASE("Functional: a seq2seq model at run time gives the layers' counts, in Keras's order") {
  const std::int64_t units = runtime(256);
  k::Functional f;
  const auto encoder_inputs = f.input({none, runtime(71)}, "encoder_inputs");
  const auto encoder = f(k::LSTM{.units = units, .return_state = true}, encoder_inputs);
  const auto decoder_inputs = f.input({none, 93}, "decoder_inputs");
  const auto decoder = f(k::LSTM{.units = units, .return_sequences = true, .return_state = true},
                         decoder_inputs, k::initial_state{encoder[1], encoder[2]});
  const auto outputs = f(k::Dense{.units = 93}, decoder[0]);
  const auto model = f.model({encoder_inputs, decoder_inputs}, {outputs});

  CHECK(model.count_params() == k::LSTM{.units = 256}.count_params({none, 71}) +
                                    k::LSTM{.units = 256}.count_params({none, 93}) +
                                    k::Dense{.units = 93}.count_params({none, 256}));
  REQUIRE(model.size() == 5);
  CHECK(model.name(0) == "encoder_inputs");
  CHECK(model.name(1) == "decoder_inputs");
  CHECK(model.name(2) == "lstm");
  CHECK(model.info(2).output_shape == shape{256});
  CHECK(model.info(3).output_shape == shape{none, 256});
  CHECK(model.info(4).params == 256 * 93 + 93);
  CHECK(model.weight_bytes() == 4 * model.count_params());
  const auto inbound = model.inbound(3);
  REQUIRE(inbound.size() == 3);
  CHECK(inbound[0].layer == "decoder_inputs");
  CHECK((inbound[1].layer == "lstm" && inbound[1].node == 0 && inbound[1].tensor == 1));
  CHECK((inbound[2].layer == "lstm" && inbound[2].tensor == 2));
  CHECK(encoder.size() == 3);
}

TEST_CASE("Functional: bad connections are errors that name the layer") {
  k::Functional f;
  const auto x = f.input({5, runtime(3)});
  const auto encoder = f(k::LSTM{.units = 4, .return_state = true}, x);
  CHECK_THROWS_WITH(f(k::LSTM{.units = 4}, x, k::initial_state{encoder[1]}),
                    "rnnparams::keras::Functional: layer lstm_1: rnnparams::keras::LSTM: initial_state must "
                    "hold one tensor per "
                    "state: [h] for SimpleRNN and GRU, [h, c] for LSTM, both directions' for Bidirectional");
  CHECK_THROWS_WITH(
      f(k::GRU{.units = 5}, x, k::initial_state{encoder[1]}),
      "rnnparams::keras::Functional: layer gru: rnnparams::keras::GRU: an initial_state tensor must "
      "have the shape of the layer's state, (units,)");
  CHECK_THROWS_WITH(f(k::Dense{.units = 2}, encoder),
                    "rnnparams::keras::LSTM: returns several tensors with return_state=True ([output, h] or "
                    "[output, h, c]): take one with [i]");
  CHECK_THROWS_WITH(encoder[3],
                    "rnnparams::keras::LSTM: has no output of that index: a call returns [output] or, "
                    "with return_state=True, [output, *states]");
  CHECK_THROWS_WITH(
      f(k::LSTM{.units = 4}, encoder[0]),
      "rnnparams::keras::Functional: layer lstm_2: rnnparams::keras::LSTM: expects a 3-D input (batch, "
      "timesteps, features); set return_sequences=True on the recurrent layer before it");

  const auto wide = f.input({runtime(1LL << 40)});
  CHECK_THROWS_AS(f(k::Dense{.units = 1LL << 40}, wide), rnnparams::overflow_error);
  CHECK_THROWS_WITH(
      f(k::Dense{.units = 1LL << 40}, wide),
      "rnnparams::keras::Functional: layer dense_1: rnnparams::keras::Dense: the parameter count does "
      "not fit in std::uint64_t");

  k::Functional other;
  const auto y = other.input({3});
  CHECK_THROWS_WITH(
      f(k::Dense{.units = 2}, y),
      "rnnparams::keras::Functional: layer dense_2: rnnparams::keras::Dense: a tensor from another "
      "model: use the tensors this model's input() and layer calls return");

  const auto unlisted = f.input({3});
  const auto out = f(k::Dense{.units = 2}, unlisted);
  CHECK_THROWS_WITH(f.model({x}, {out}),
                    "rnnparams::keras::Functional: graph disconnected: an output depends on an "
                    "Input that is not one of the model's inputs");
  CHECK_THROWS_WITH(f.count_params(),
                    "rnnparams::keras::Functional: not a model yet: call model(inputs, outputs) "
                    "and query what it returns");
  CHECK_THROWS_AS(f.macs(), rnnparams::invalid_model);
  const auto small = f.model({x}, {encoder[0]});
  CHECK(small.size() == 2);
  CHECK_THROWS_WITH(small.info(2),
                    "rnnparams::keras::Functional: index out of range: a layer, input or output the "
                    "model does not have");
  CHECK_THROWS_AS(small.output_shape(1), rnnparams::invalid_model);
  CHECK_THROWS_WITH(f.size(),
                    "rnnparams::keras::Functional: not a model yet: call model(inputs, outputs) and query "
                    "what it returns");
}

TEST_CASE("Functional: a shared layer counts once, and its second call must fit its weights") {
  k::Functional f;
  const auto a = f.input({runtime(8)});
  const auto b = f.input({8});
  const auto c = f.input({4});
  const auto dense = f.add(k::Dense{.units = 3}, "shared");
  const auto ya = dense(a);
  const auto yb = dense(b);
  CHECK_THROWS_WITH(dense(c),
                    "rnnparams::keras::Functional: layer shared: rnnparams::keras::Dense: is shared, and "
                    "this call's input needs weights of other shapes than its first call's");
  const auto model = f.model({a, b}, {ya, yb});
  CHECK(model.count_params() == 8 * 3 + 3);
  CHECK(model.size() == 3); // the Input c is not the model's
  CHECK(model.call_count(2) == 2);
  CHECK(model.inbound(2, 1)[0].layer == "input_layer_1");
  CHECK(*model.macs() == 2 * 8 * 3);
}

TEST_CASE("Functional: layers known only at run time, as a reader makes them") {
  k::Functional f;
  const auto x = f.input({none, runtime(3)});
  const k::layer encoder_layer = k::LSTM{.units = runtime(4), .return_state = true};
  const auto encoder = f.add(encoder_layer)(x);
  const auto y = f.add(k::layer{k::GRU{.units = 4}}, "decoder")(x, k::initial_state{encoder[1]});
  const auto model = f.model({x}, {y});
  CHECK(model.count_params() ==
        k::LSTM{.units = 4}.count_params({none, 3}) + k::GRU{.units = 4}.count_params({none, 3}));
  CHECK(model.name(2) == "decoder");
  CHECK(model.inbound(2)[1].layer == "lstm");
  CHECK_THROWS_WITH(
      f.add(k::layer{k::GRU{.units = 5}})(x, k::initial_state{encoder[1]}),
      "rnnparams::keras::Functional: layer gru: rnnparams::keras::GRU: an initial_state tensor must "
      "have the shape of the layer's state, (units,)");
}
