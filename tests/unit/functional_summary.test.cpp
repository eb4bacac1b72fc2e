// tests/unit/functional_summary.test.cpp: summary() of keras::Functional models against the texts Keras 3's
// own printing code produces for them (tests/golden/summary/fn_*.txt, tools/keras_summary/keras_summary.py).
// SPDX-License-Identifier: MIT
#include "catch.hpp"
#include "golden.hpp"

#include <rnnparams/format.hpp>
#include <rnnparams/keras/functional.hpp>

#include <functional>
#include <map>
#include <string>
#include <utility>

namespace k = rnnparams::keras;
using rnnparams::none;

namespace {
/// tests/golden/summary/<file>.
std::string golden(const std::string& file) { return test::golden("summary/" + file); }

using model_function = std::function<k::Functional<>()>;

// The functional golden models (tools/keras_summary/README.md lists them), as the Keras code they mirror.
const std::map<std::string, model_function>& models() {
  static const std::map<std::string, model_function> all{
      {"fn_seq2seq",
       [] {
         k::Functional f;
         const auto encoder_inputs = f.input({none, 71});
         const auto encoder = f(k::LSTM{.units = 256, .return_state = true}, encoder_inputs);
         const auto decoder_inputs = f.input({none, 93});
         const auto decoder = f(k::LSTM{.units = 256, .return_sequences = true, .return_state = true},
                                decoder_inputs, k::initial_state{encoder[1], encoder[2]});
         return f.model({encoder_inputs, decoder_inputs}, {f(k::Dense{.units = 93}, decoder[0])});
       }},
      {"fn_shared",
       [] {
         k::Functional f;
         const auto a = f.input({10}, "question");
         const auto b = f.input({10}, "answer");
         const auto embed = f.add(k::Embedding{.input_dim = 1000, .output_dim = 16});
         const auto encode = f.add(k::LSTM{.units = 8});
         const auto ea = encode(embed(a));
         const auto eb = encode(embed(b));
         return f.model({a, b}, {f(k::Dense{.units = 1}, f(k::Concatenate{}, {ea, eb}))});
       }},
      {"fn_residual",
       [] {
         k::Functional f;
         const auto x = f.input({20, 8});
         const auto y = f(k::LSTM{.units = 8, .return_sequences = true}, x);
         const auto z = f(k::Add{}, {x, y});
         return f.model({x}, {f(k::Dense{.units = 1}, f(k::GlobalAveragePooling1D{}, z))});
       }},
      {"fn_attention",
       [] {
         k::Functional f;
         const auto x = f.input({30, 16});
         const auto v = f(k::Bidirectional{.layer = k::LSTM{.units = 32, .return_sequences = true}}, x);
         const auto q = f(k::Dense{.units = 64}, v);
         const auto c = f(k::AdditiveAttention{}, {q, v});
         return f.model({x}, {f(k::Dense{.units = 1}, f(k::GlobalMaxPooling1D{}, c))});
       }},
      {"fn_multi_io",
       [] {
         k::Functional f;
         const auto s = f.input({none, 8}, "sequence");
         const auto m = f.input({4}, "meta");
         const auto j = f(k::Concatenate{}, {f(k::LSTM{.units = 16}, s), f(k::Dense{.units = 16}, m)});
         const auto score = f.add(k::Dense{.units = 1}, "score")(j);
         const auto label = f.add(k::Dense{.units = 3}, "label")(j);
         return f.model({s, m}, {score, label});
       }},
      {"fn_chain",
       [] {
         k::Functional f;
         const auto x = f.input({3, 1});
         return f.model({x}, {f(k::Dense{.units = 1}, f(k::SimpleRNN{.units = 10}, x))});
       }},
      {"fn_self_attention",
       [] {
         k::Functional f;
         const auto x = f.input({10, 32});
         const auto a = f(k::MultiHeadAttention{.num_heads = 4, .key_dim = 8}, {x, x});
         const auto n = f(k::LayerNormalization{}, f(k::Add{}, {x, a}));
         return f.model({x}, {f(k::Dense{.units = 1}, n)});
       }},
      {"fn_wide_concat",
       [] {
         k::Functional f;
         const auto a = f.input({5}, "first_input_with_a_long_name");
         const auto b = f.input({5}, "second");
         const auto c = f.input({5}, "third");
         const auto d = f.input({5}, "fourth");
         return f.model({a, b, c, d}, {f(k::Dense{.units = 2}, f(k::Concatenate{}, {a, b, c, d}))});
       }},
  };
  return all;
}
} // namespace

TEST_CASE("summary: every functional golden text, byte for byte, in every style") {
  const std::pair<const char*, k::summary_options> variants[] = {
      {"keras3", {.line_length = 88}},
      {"keras3_76", {.line_length = 76}},
      {"tf_keras", {.style = k::summary_style::tf_keras}},
      {"keras2", {.style = k::summary_style::keras2}},
  };
  int compared = 0;
  for (const auto& [name, make] : models()) {
    const k::Functional<> model = make();
    for (const auto& [suffix, options] : variants) {
      const std::string file = name + "." + suffix + ".txt";
      INFO(file);
      CHECK(k::summary(model, options) == golden(file));
      ++compared;
    }
  }
  CHECK(compared == 8 * 4);
}

TEST_CASE("summary: a functional model's defaults") {
  k::Functional f;
  const auto a = f.input({3});
  const auto b = f.input({3});
  const k::Functional<> model = f.model({a, b}, {f(k::Add{}, {a, b})});
  CHECK(model.sequential_like() == false);
  const std::string text = k::summary(model);
  CHECK(text.starts_with("Model: \"functional\"\n"));
  // Keras 3's default width with the "Connected to" column: 108; tf.keras 2's 98 and its own names.
  const std::size_t rule = text.find('\n') + 1;
  CHECK(rnnparams::detail::utf8_length(text.substr(rule, text.find('\n', rule) - rule)) == 108);
  const std::string tf_keras = k::summary(model, {.style = k::summary_style::tf_keras});
  CHECK(tf_keras.starts_with("Model: \"model\"\n" + std::string(98, '_') + "\n"));
  CHECK(tf_keras.find(" input_1 (InputLayer)") != std::string::npos);
  CHECK(tf_keras.find("['input_1[0][0]',") != std::string::npos);
  CHECK(k::summary(model, {.name = "pair"}).starts_with("Model: \"pair\"\n"));
}
