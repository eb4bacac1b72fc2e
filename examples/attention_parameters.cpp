// examples/attention_parameters.cpp: what attention costs on top of a BiLSTM text classifier, for
// Keras's three attention layers: Attention (Luong), AdditiveAttention (Bahdanau) and
// MultiHeadAttention, each attending over the BiLSTM's states.
// SPDX-License-Identifier: MIT
#include <rnnparams/format.hpp>
#include <rnnparams/keras/functional.hpp>
#include <rnnparams/to_string.hpp>

#include <cstdint>
#include <iostream>
#include <string>

namespace k = rnnparams::keras;

// tokens = keras.Input(shape=(100,))
// states = Bidirectional(LSTM(64, return_sequences=True))(Embedding(20000, 128)(tokens))
// context = <attention>([states, states])      # self-attention: query and value are the states
// outputs = Dense(1, activation="sigmoid")(GlobalAveragePooling1D()(context))
template <class Attention>
constexpr auto classifier(const Attention& attention) {
  k::Functional f;
  const auto tokens = f.input({100});
  const auto embedded = f(k::Embedding{.input_dim = 20000, .output_dim = 128}, tokens);
  const auto states = f(k::Bidirectional{.layer = k::LSTM{.units = 64, .return_sequences = true}}, embedded);
  const auto context = f(attention, {states, states});
  return f.model({tokens}, {f(k::Dense{.units = 1}, f(k::GlobalAveragePooling1D{}, context))});
}

constexpr auto luong = classifier(k::Attention{.use_scale = true});
constexpr auto bahdanau = classifier(k::AdditiveAttention{});
constexpr auto multi_head = classifier(k::MultiHeadAttention{.num_heads = 4, .key_dim = 32});

// The attention layer is the 4th of model.layers (after the Input, the Embedding and the BiLSTM).
constexpr std::size_t attention_layer = 3;
static_assert(luong.info(attention_layer).params == 1 && bahdanau.info(attention_layer).params == 128);
static_assert(multi_head.count_params() - luong.count_params() == 66'048 - 1);

int main() {
  std::cout << "A BiLSTM text classifier with multi-head self-attention, as Keras 3 summarizes it:\n\n";
  std::cout << k::summary(multi_head, {.line_length = 88}) << '\n';

  const std::uint64_t base = luong.count_params() - luong.info(attention_layer).params;
  std::cout << "Without attention the model has " << base
            << " parameters: the embedding 20000\u00b7128 = " << luong.info(1).params
            << ", the BiLSTM 2\u00b74\u00b7((128 + 64)\u00b764 + 64) = " << luong.info(2).params
            << ", the Dense 128 + 1 = " << luong.info(5).params << ".\n\n";
  std::cout << "What each attention layer adds over states of 128 features (64 per direction):\n";
  std::cout << "- Attention(use_scale=True): one scalar, scale (): " << luong.info(attention_layer).params
            << ". Its scores are dot products; nothing else is learned.\n";
  std::cout << "- AdditiveAttention(): scale (128,), one weight per feature of the tanh sum: "
            << bahdanau.info(attention_layer).params << ".\n";
  const k::layer_info mha = multi_head.info(attention_layer);
  std::cout
      << "- MultiHeadAttention(num_heads=4, key_dim=32): four EinsumDense projections, each a kernel and a "
         "bias:\n";
  for (std::size_t w = 0; w < mha.weights.size(); w += 2) {
    const rnnparams::weight& kernel = mha.weights[w];
    const rnnparams::weight& bias = mha.weights[w + 1];
    std::cout << "    " << kernel.scope << ": kernel " << rnnparams::to_string(kernel.shape) << " = "
              << kernel.size() << ", bias " << rnnparams::to_string(bias.shape) << " = " << bias.size()
              << '\n';
  }
  std::cout << "  (128\u00b74\u00b732 + 4\u00b732)\u00b73 + (4\u00b732\u00b7128 + 128) = " << mha.params
            << ": query, key and value project 128 features to 4 heads of 32, and attention_output back.\n";
  std::cout << "So attention costs " << luong.info(attention_layer).params << ", "
            << bahdanau.info(attention_layer).params << " or " << mha.params << " parameters, beside the "
            << base << " of the rest:\nthe totals are " << luong.count_params() << ", "
            << bahdanau.count_params() << " and " << multi_head.count_params() << ".\n";
}
