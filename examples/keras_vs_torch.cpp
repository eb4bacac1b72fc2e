// examples/keras_vs_torch.cpp: why Keras counts 120, 480, 390 and PyTorch 130, 520, 390 for the same RNNs.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <cstddef>
#include <cstdint>
#include <iostream>
#include <string>

namespace k = rnnparams::keras;
namespace t = rnnparams::torch;

namespace {

// 10 units on 1 feature: Keras's input_shape=(3, 1); PyTorch's input_size=1, hidden_size=10.
constexpr rnnparams::shape keras_input{3, 1};
constexpr k::SimpleRNN keras_rnn{.units = 10};
constexpr k::LSTM keras_lstm{.units = 10};
constexpr k::GRU keras_gru{.units = 10};
constexpr t::RNN torch_rnn{.input_size = 1, .hidden_size = 10};
constexpr t::LSTM torch_lstm{.input_size = 1, .hidden_size = 10};
constexpr t::GRU torch_gru{.input_size = 1, .hidden_size = 10};

// Everything printed below is a constant of the program, checked while compiling.
static_assert(keras_rnn.count_params(keras_input) == 120 && torch_rnn.count_params() == 130);
static_assert(keras_lstm.count_params(keras_input) == 480 && torch_lstm.count_params() == 520);
static_assert(keras_gru.count_params(keras_input) == 390 && torch_gru.count_params() == 390);
static_assert(k::GRU{.units = 10, .reset_after = false}.count_params(keras_input) == 360);

std::string left(std::string text, std::size_t width) {
  return text.size() < width ? text + std::string(width - text.size(), ' ') : text;
}

std::string right(std::string text, std::size_t width) {
  return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

std::string cell(std::string name, const rnnparams::shape& shape, std::uint64_t size) {
  return left(std::move(name), 19) + left(rnnparams::to_string(shape), 10) + right(std::to_string(size), 5);
}

// Keras's weights and PyTorch's parameters side by side; PyTorch has one tensor more for SimpleRNN and LSTM.
template <class KerasLayer, class TorchModule>
void compare(const KerasLayer& keras, const TorchModule& torch) {
  const auto weights = keras.weights(keras_input);
  const auto params = torch.named_parameters();
  std::cout << "  " << left("Keras weight", 19) << left("shape", 10) << right("size", 5) << "   "
            << left("PyTorch parameter", 19) << left("shape", 10) << right("size", 5) << '\n';
  for (std::uint64_t i = 0; i < params.size(); ++i) {
    const std::string keras_side =
        i < weights.size() ? cell(std::string{weights[i].name}, weights[i].shape, weights[i].size())
                           : std::string(34, ' ');
    std::cout << "  " << keras_side << "   "
              << cell(std::string{params[i].name}, params[i].shape, params[i].numel()) << '\n';
  }
  std::cout << "  " << left("total", 29) << right(std::to_string(keras.count_params(keras_input)), 5) << "   "
            << left("total", 29) << right(std::to_string(torch.count_params()), 5) << '\n';
}

} // namespace

int main() {
  std::cout << "10 units on 1 input feature, in Keras and in PyTorch:\n\n"
            << "  " << left("", 34) << right("Keras", 7) << right("PyTorch", 9) << '\n'
            << "  " << left("SimpleRNN(10)  vs nn.RNN(1, 10)", 34)
            << right(std::to_string(keras_rnn.count_params(keras_input)), 7)
            << right(std::to_string(torch_rnn.count_params()), 9) << '\n'
            << "  " << left("LSTM(10)       vs nn.LSTM(1, 10)", 34)
            << right(std::to_string(keras_lstm.count_params(keras_input)), 7)
            << right(std::to_string(torch_lstm.count_params()), 9) << '\n'
            << "  " << left("GRU(10)        vs nn.GRU(1, 10)", 34)
            << right(std::to_string(keras_gru.count_params(keras_input)), 7)
            << right(std::to_string(torch_gru.count_params()), 9) << "\n\n";

  std::cout << "SimpleRNN(10) vs nn.RNN(input_size=1, hidden_size=10): one gate\n";
  compare(keras_rnn, torch_rnn);
  std::cout << "  Keras adds one bias per unit; PyTorch adds two, bias_ih_l0 to the input term and\n"
            << "  bias_hh_l0 to the recurrent term (as cuDNN does). Their sum acts as one bias, but\n"
            << "  both are trained and counted: 130 = 120 + 10.\n\n";

  std::cout << "LSTM(10) vs nn.LSTM(1, 10): four gates (input, forget, cell, output), each the size of\n"
            << "a SimpleRNN, stacked into one tensor of 4\u00b710 = 40 rows\n";
  compare(keras_lstm, torch_lstm);
  std::cout << "  The same second bias, once per gate and unit: 520 = 480 + 4\u00b710.\n\n";

  std::cout << "GRU(10) vs nn.GRU(1, 10): three gates, 3\u00b710 = 30 rows\n";
  compare(keras_gru, torch_gru);
  std::cout << "  Keras's GRU has reset_after=True by default (tf.keras 2, Keras 3): the reset gate\n"
            << "  multiplies the recurrent term after its bias is added, so that bias cannot merge with\n"
            << "  the input bias and Keras keeps both, as the two rows of one (2, 30) tensor. That is\n"
            << "  exactly PyTorch's bias_ih_l0 and bias_hh_l0: 390 = 390. With reset_after=False (the\n"
            << "  default of Keras 2.1.5 to 2.3) Keras has a single (30,) bias: "
            << k::GRU{.units = 10, .reset_after = false}.count_params(keras_input) << ".\n\n";

  std::cout
      << "The shapes are transposed: Keras stores a kernel as (in, out) and computes x\u00b7W, PyTorch\n"
      << "stores (out, in) and computes W\u00b7x. Each weight matrix has the same size in both; only\n"
      << "the layout differs, and the order of the gates inside a tensor: LSTM i, f, c, o in both;\n"
      << "GRU z, r, h in Keras but r, z, n in PyTorch.\n\n"
      << "With F features, U units and G gates (1 for RNN, 4 for LSTM, 3 for GRU):\n"
      << "  Keras    G\u00b7((F + U)\u00b7U + U), and G\u00b7((F + U)\u00b7U + 2U) for GRU with "
         "reset_after=True\n"
      << "  PyTorch  G\u00b7((F + U)\u00b7U + 2U)\n"
      << "so PyTorch counts G\u00b7U more, except against a Keras GRU with reset_after=True.\n";
}
