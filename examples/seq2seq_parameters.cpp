// examples/seq2seq_parameters.cpp: where the parameters of Keras's character-level seq2seq model come from,
// tensor by tensor (keras.io's lstm_seq2seq: 71 input characters, 93 target characters, latent_dim 256).
// SPDX-License-Identifier: MIT
#include <rnnparams/format.hpp>
#include <rnnparams/keras/functional.hpp>

#include <cstdint>
#include <iostream>
#include <string>

namespace k = rnnparams::keras;
using rnnparams::none;

// encoder_inputs = keras.Input(shape=(None, 71))
// encoder = keras.layers.LSTM(256, return_state=True)
// encoder_outputs, state_h, state_c = encoder(encoder_inputs)
// decoder_inputs = keras.Input(shape=(None, 93))
// decoder_lstm = keras.layers.LSTM(256, return_sequences=True, return_state=True)
// decoder_outputs, _, _ = decoder_lstm(decoder_inputs, initial_state=[state_h, state_c])
// decoder_outputs = keras.layers.Dense(93, activation="softmax")(decoder_outputs)
// model = keras.Model([encoder_inputs, decoder_inputs], decoder_outputs)
constexpr auto model = [] {
  k::Functional f;
  const auto encoder_inputs = f.input({none, 71});
  const auto encoder = f(k::LSTM{.units = 256, .return_state = true}, encoder_inputs);
  const auto decoder_inputs = f.input({none, 93});
  const auto decoder = f(k::LSTM{.units = 256, .return_sequences = true, .return_state = true},
                         decoder_inputs, k::initial_state{encoder[1], encoder[2]});
  const auto decoder_outputs = f(k::Dense{.units = 93}, decoder[0]);
  return f.model({encoder_inputs, decoder_inputs}, {decoder_outputs});
}();
// Two LSTMs and a Dense, checked while compiling: a decoder of other units than the encoder's states
// would not compile.
static_assert(model.count_params() == k::LSTM{.units = 256}.count_params({none, 71}) +
                                          k::LSTM{.units = 256}.count_params({none, 93}) +
                                          k::Dense{.units = 93}.count_params({none, 256}));

namespace {
// "4·((71 + 256)·256 + 256)": an LSTM's count for F inputs and U units.
std::string lstm_formula(std::uint64_t f, std::uint64_t u) {
  return "4\u00b7((" + std::to_string(f) + " + " + std::to_string(u) + ")\u00b7" + std::to_string(u) + " + " +
         std::to_string(u) + ")";
}
} // namespace

int main() {
  std::cout << "Keras's seq2seq translator: an LSTM encoder whose final states start an LSTM decoder\n\n";
  // model.summary() as Keras 3 prints it on a terminal of 92 columns: the "Connected to" column shows
  // what each call takes, name[node][tensor]; the decoder takes its input and the encoder's h and c.
  std::cout << k::summary(model, {.line_length = 88}) << '\n';

  const auto encoder = model.info(2);
  const auto decoder = model.info(3);
  const auto dense = model.info(4);
  std::cout << "Why these numbers:\n";
  std::cout << "- lstm, the encoder: 71 one-hot characters in, 256 units: " << lstm_formula(71, 256) << " = "
            << encoder.params << ".\n";
  std::cout << "  With return_state=True it returns [output, h, c]; h and c are (None, "
            << encoder.output_shape.back().value() << ") each: lstm[0][1] and lstm[0][2].\n";
  std::cout << "- lstm_1, the decoder: 93 characters in, 256 units: " << lstm_formula(93, 256) << " = "
            << decoder.params << ".\n";
  std::cout << "  initial_state=[h, c] adds no weight: it only sets where the decoder starts, so its\n"
            << "  units must equal the encoder's (a 128-unit decoder would not compile).\n";
  std::cout << "- dense: a softmax over 93 characters at each step: 256\u00b793 + 93 = " << dense.params
            << ".\n";
  std::cout
      << "Both LSTMs reuse their weights at every step, so the sentence lengths (None) change no count: "
      << encoder.params << " + " << decoder.params << " + " << dense.params << " = " << model.count_params()
      << ".\n";
}
