// tests/static/keras_functional.static.cpp: compile-time facts about keras::Functional graphs.
// SPDX-License-Identifier: MIT
#include <rnnparams/keras/functional.hpp>

namespace {
namespace k = rnnparams::keras;
using rnnparams::none;
using rnnparams::shape;

// The encoder-decoder of Keras's lstm_seq2seq example: the encoder's [h, c] start the decoder.
constexpr k::LSTM encoder_lstm{.units = 256, .return_state = true};
constexpr k::LSTM decoder_lstm{.units = 256, .return_sequences = true, .return_state = true};
constexpr k::Dense decoder_dense{.units = 93};
constexpr auto seq2seq = [] {
  k::Functional f;
  const auto encoder_inputs = f.input({none, 71});
  const auto encoder = f(encoder_lstm, encoder_inputs);
  const auto decoder_inputs = f.input({none, 93});
  const auto decoder = f(decoder_lstm, decoder_inputs, k::initial_state{encoder[1], encoder[2]});
  const auto outputs = f(decoder_dense, decoder[0]);
  return f.model({encoder_inputs, decoder_inputs}, {outputs});
}();
static_assert(seq2seq.count_params() == encoder_lstm.count_params({none, 71}) +
                                            decoder_lstm.count_params({none, 93}) +
                                            decoder_dense.count_params({none, 256}));
static_assert(seq2seq.trainable_params() == seq2seq.count_params() && seq2seq.non_trainable_params() == 0);
static_assert(seq2seq.input_count() == 2 && seq2seq.output_count() == 1);
static_assert(seq2seq.output_shape() == shape{none, 93});
// Keras's order: by depth from the outputs, then first visit from the outputs; Inputs included.
static_assert(seq2seq.size() == 5);
static_assert(seq2seq.name(0) == "input_layer" && seq2seq.name(1) == "input_layer_1");
static_assert(seq2seq.name(2) == "lstm" && seq2seq.name(3) == "lstm_1" && seq2seq.name(4) == "dense");
static_assert(seq2seq.info(0).class_name == "InputLayer" && seq2seq.info(0).params == 0);
static_assert(seq2seq.info(3).input_shape == shape{none, 93} &&
              seq2seq.info(3).output_shape == shape{none, 256});
// The decoder's call takes its input and the encoder's two states: lstm[0][1], lstm[0][2].
static_assert(seq2seq.inbound(3).size() == 3);
static_assert(seq2seq.inbound(3)[0].layer == "input_layer_1");
static_assert(seq2seq.inbound(3)[1].layer == "lstm" && seq2seq.inbound(3)[1].node == 0 &&
              seq2seq.inbound(3)[1].tensor == 1);
static_assert(seq2seq.inbound(3)[2].tensor == 2);
static_assert(!seq2seq.macs().has_value()); // timesteps None

// A shared layer: one Embedding for two inputs counts once, and is called twice.
constexpr k::Embedding embedding{.input_dim = 1000, .output_dim = 16};
constexpr auto shared = [] {
  k::Functional f;
  const auto a = f.input({10}, "question");
  const auto b = f.input({10}, "answer");
  const auto embed = f.add(embedding);
  const auto encode = f.add(k::LSTM{.units = 8});
  const auto ea = encode(embed(a));
  const auto eb = encode(embed(b));
  return f.model({a, b}, {ea, eb});
}();
static_assert(shared.count_params() ==
              embedding.count_params({10}) + k::LSTM{.units = 8}.count_params({10, 16}));
static_assert(shared.size() == 4 && shared.name(0) == "question" && shared.name(1) == "answer");
static_assert(shared.call_count(2) == 2 && shared.inbound(2, 1)[0].layer == "answer");
static_assert(shared.inbound(3, 1)[0].layer == "embedding" && shared.inbound(3, 1)[0].node == 1);
static_assert(*shared.macs() == 2 * *k::LSTM{.units = 8}.macs({10, 16}));

// Bidirectional with return_state: [output, forward h, forward c, backward h, backward c].
constexpr auto bidirectional = [] {
  k::Functional f;
  const auto x = f.input({5, 3});
  const auto y = f(k::Bidirectional{.layer = k::LSTM{.units = 4, .return_state = true}}, x);
  return f.model({x}, {y[0], y[1], y[4]});
}();
static_assert(bidirectional.output_count() == 3 && bidirectional.output_shape(0) == shape{8} &&
              bidirectional.output_shape(2) == shape{4});

// A layer created but not on the way from the inputs to the outputs is not the model's.
constexpr auto unused = [] {
  k::Functional f;
  const auto x = f.input({4});
  const auto y = f(k::Dense{.units = 2}, x);
  static_cast<void>(f(k::Dense{.units = 100}, x));
  return f.model({x}, {y});
}();
static_assert(unused.count_params() == 10 && unused.size() == 2);
// An Input that no output needs is still one of the model's layers in Keras 3 (map_graph puts it at
// depth 0, before the other layers of that depth).
constexpr auto unused_input = [] {
  k::Functional f;
  const auto a = f.input({4}, "a");
  const auto b = f.input({4}, "b");
  const auto y = f(k::Dense{.units = 2}, a);
  return f.model({a, b}, {y});
}();
static_assert(unused_input.size() == 3 && unused_input.name(0) == "a" && unused_input.name(1) == "b" &&
              unused_input.name(2) == "dense");
// Two inputs concatenated, then a residual Add: merges have no weights, and the graph's count is its
// layers'.
constexpr auto two_inputs = [] {
  k::Functional f;
  const auto words = f.input({20, 8});
  const auto tags = f.input({20, 4});
  const auto joined = f(k::Concatenate{}, {words, tags});
  const auto encoded = f(k::LSTM{.units = 12, .return_sequences = true}, joined);
  const auto residual = f(k::Add{}, {joined, encoded});
  return f.model({words, tags}, {f(k::GlobalAveragePooling1D{}, residual)});
}();
static_assert(two_inputs.count_params() == k::LSTM{.units = 12}.count_params({20, 12}));
static_assert(two_inputs.output_shape() == shape{12});
static_assert(two_inputs.info(2).class_name == "Concatenate" &&
              two_inputs.info(2).output_shape == shape{20, 12});
static_assert(two_inputs.inbound(2).size() == 2 && two_inputs.inbound(2)[1].layer == "input_layer_1");
static_assert(two_inputs.name(4) == "add");

// Attention over a BiLSTM: the query is the last state, the values every step.
constexpr auto attention = [] {
  k::Functional f;
  const auto x = f.input({30, 16});
  const auto values = f(k::Bidirectional{.layer = k::LSTM{.units = 32, .return_sequences = true}}, x);
  const auto query = f(k::Dense{.units = 64}, values);
  const auto context = f(k::AdditiveAttention{}, {query, values});
  return f.model({x}, {f(k::Dense{.units = 1}, f(k::GlobalMaxPooling1D{}, context))});
}();
static_assert(attention.count_params() ==
              k::Bidirectional{.layer = k::LSTM{.units = 32, .return_sequences = true}}.count_params({30,
                                                                                                      16}) +
                  k::Dense{.units = 64}.count_params({30, 64}) + 64 +
                  k::Dense{.units = 1}.count_params({64}));
static_assert(attention.output_shape() == shape{1});

// MultiHeadAttention's four projections, kernel and bias each (docs/keras.md's 4,224).
constexpr k::MultiHeadAttention mha{.num_heads = 4, .key_dim = 8};
static_assert(mha.count_params({{10, 32}, {10, 32}}) == (32 * 4 * 8 + 4 * 8) * 3 + (4 * 8 * 32 + 32));
static_assert(mha.count_params({{10, 32}, {10, 32}}) == 4224);
static_assert(mha.weights({{10, 32}, {10, 32}})[6].scope == "attention_output");
constexpr auto self_attention = [] {
  k::Functional f;
  const auto x = f.input({none, 32});
  const auto layer = f.add(mha);
  const auto y = layer({x, x});
  return f.model({x}, {layer({y, y, x})}); // shared: its weights once
}();
static_assert(self_attention.count_params() == 4224 && self_attention.call_count(1) == 2);
static_assert(self_attention.inbound(1, 1).size() == 3 &&
              self_attention.inbound(1, 1)[0].layer == "multi_head_attention");
} // namespace

// The LSTM a Bidirectional wraps is named when it is constructed ("lstm"): the next LSTM is "lstm_1".
constexpr auto wrapped = [] {
  k::Functional f;
  const auto x = f.input({5, 3});
  const auto y = f(k::Bidirectional{.layer = k::LSTM{.units = 8, .return_sequences = true}}, x);
  return f.model({x}, {f(k::Dense{.units = 1}, f(k::LSTM{.units = 4}, y))});
}();
static_assert(wrapped.name(1) == "bidirectional" && wrapped.name(2) == "lstm_1" &&
              wrapped.name(3) == "dense");

// Sequential is the graph of Functional with each layer called on the one before: the same layers give the
// same names, shapes and counts (Functional lists the InputLayer first).
constexpr auto chain_sequential = k::Sequential{k::Input{5, 3}, k::LSTM{.units = 4, .return_sequences = true},
                                                k::LSTM{.units = 2}, k::Dense{.units = 1}};
constexpr auto chain_functional = [] {
  k::Functional<4> f;
  const auto x = f.input({5, 3});
  const auto y =
      f(k::Dense{.units = 1}, f(k::LSTM{.units = 2}, f(k::LSTM{.units = 4, .return_sequences = true}, x)));
  return f.model({x}, {y});
}();
static_assert(chain_functional.size() == chain_sequential.size() + 1);
static_assert(chain_functional.count_params() == chain_sequential.count_params());
static_assert(chain_functional.name(2) == chain_sequential.name(1) && chain_sequential.name(1) == "lstm_1");
static_assert(chain_functional.info(3).params == chain_sequential.info(2).params);
static_assert(chain_functional.output_shape() == chain_sequential.output_shape());
static_assert(chain_functional.sequential_like());

// Keras's ordering of a graph is linear in its calls: a 1,000-call chain stays within the compilers'
// default constant-evaluation limits (it exceeded GCC's when the ordering was quadratic).
constexpr auto deep_chain = [] {
  k::Functional<1001> f;
  const k::tensor x = f.input({8});
  k::tensor y = x;
  for (int i = 0; i < 1000; ++i) {
    y = f(k::Dense{.units = 8}, y);
  }
  return f.model({x}, {y});
}();
static_assert(deep_chain.size() == 1001 && deep_chain.count_params() == 1000 * (8 * 8 + 8));
static_assert(deep_chain.name(1000) == "dense_999");
