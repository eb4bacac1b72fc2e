// examples/sequence_classifier.cpp: where the 1.4 million parameters of a text classifier come from.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <cstdint>
#include <iostream>
#include <string>

namespace k = rnnparams::keras;

// keras.Sequential([keras.Input((None,)),
//                   layers.Embedding(10000, 128),
//                   layers.Bidirectional(layers.LSTM(64, return_sequences=True)),
//                   layers.Bidirectional(layers.LSTM(32)),
//                   layers.Dense(1, activation="sigmoid")])
constexpr auto model =
    k::Sequential{k::Input{rnnparams::none}, k::Embedding{.input_dim = 10'000, .output_dim = 128},
                  k::Bidirectional{.layer = k::LSTM{.units = 64, .return_sequences = true}},
                  k::Bidirectional{.layer = k::LSTM{.units = 32}}, k::Dense{.units = 1}};
static_assert(model.count_params() == 1'420'097); // what Keras's model.summary() reports

namespace {
std::string padded(std::string text, std::size_t width) {
  text.resize(text.size() < width ? width : text.size(), ' ');
  return text;
}

// "4·((128 + 64)·64 + 64)": an LSTM's count for F inputs and U units.
std::string lstm_formula(std::uint64_t f, std::uint64_t u) {
  return "4\u00b7((" + std::to_string(f) + " + " + std::to_string(u) + ")\u00b7" + std::to_string(u) + " + " +
         std::to_string(u) + ")";
}
} // namespace

int main() {
  std::cout << "A sentiment classifier: Embedding -> Bidirectional LSTM x2 -> Dense\n\n";
  for (std::size_t i = 0; i < model.size(); ++i) {
    const auto info = model.info(i);
    const std::string label = std::string{info.name.view()} + " (" + std::string{info.class_name} + ")";
    std::cout << padded(label, 34) << padded(rnnparams::to_batch_string(info.output_shape), 18) << info.params
              << '\n';
  }
  std::cout << "Total params: " << model.count_params() << " (" << model.weight_bytes()
            << " bytes as float32, " << model.weight_bytes(rnnparams::dtype::float16) << " as float16)\n\n";

  const auto embedding = model.info(0);
  const auto first = model.info(1);
  const auto second = model.info(2);
  const auto dense = model.info(3);
  std::cout << "Why these numbers:\n";
  std::cout << "- embedding: one 128-wide vector per word of a 10000-word vocabulary: 10000\u00b7128 = "
            << embedding.params << ". It is " << embedding.params * 100 / model.count_params()
            << "% of the model.\n";
  std::cout << "- bidirectional: two LSTM(64) over 128 features, one per direction: 2\u00b7"
            << lstm_formula(128, 64) << " = " << first.params << ".\n";
  std::cout << "  Its output concatenates both directions: 64 + 64 = " << first.output_shape.back().value()
            << " features per step.\n";
  std::cout << "- bidirectional_1: two LSTM(32) over those 128 features: 2\u00b7" << lstm_formula(128, 32)
            << " = " << second.params << ".\n";
  std::cout << "  Without return_sequences it keeps only the last step: (None, "
            << second.output_shape.back().value() << ").\n";
  std::cout << "- dense: 64 weights and one bias: 64\u00b71 + 1 = " << dense.params << ".\n";
  std::cout
      << "The sentence length is None: it changes no count, because every step reuses the same weights.\n";
}
