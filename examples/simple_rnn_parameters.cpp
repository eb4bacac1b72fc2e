// examples/simple_rnn_parameters.cpp: why Keras reports 120 parameters for SimpleRNN(10, input_shape=(3, 1)).
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <cstddef>
#include <cstdint>
#include <iostream>
#include <string>

namespace k = rnnparams::keras;

int main() {
  // model.add(SimpleRNN(10, input_shape=(3, 1)))   -- 3 timesteps of 1 feature each
  // model.add(Dense(1, activation="linear"))
  constexpr k::SimpleRNN rnn{.units = 10};
  constexpr rnnparams::shape input{3, 1};
  constexpr auto weights = rnn.weights(input);
  constexpr std::uint64_t features = 1;
  constexpr std::uint64_t units = 10;

  // Everything printed below is a constant of the program, checked while compiling.
  static_assert(rnn.count_params(input) == 120);
  static_assert(weights[0].size() == features * units); // kernel: input weights
  static_assert(weights[1].size() == units * units);    // recurrent_kernel
  static_assert(weights[2].size() == units);            // bias
  constexpr auto output = rnn.compute_output_shape(input);
  constexpr k::Dense dense{.units = 1};
  static_assert(dense.count_params(output) == 11);

  std::cout << "Keras: SimpleRNN(10, input_shape=(3, 1)) has " << rnn.count_params(input)
            << " parameters. Why?\n\n";
  std::cout << "Its weights, as Keras lists them (layer.weights):\n";
  const char* roles[] = {"input weights: feature -> unit", "recurrent weights: unit -> unit",
                         "one bias per unit"};
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const std::string name{weights[i].name};
    const std::string dims = rnnparams::to_string(weights[i].shape);
    const std::string size = std::to_string(weights[i].size());
    std::cout << "  " << name << std::string(18 - name.size(), ' ') << dims
              << std::string(12 - dims.size() - size.size(), ' ') << size << "   " << roles[i] << '\n';
  }
  std::cout << "\nrecurrent " << units << "\u00b7" << units << " = " << weights[1].size() //
            << " + input " << features << "\u00b7" << units << " = " << weights[0].size() //
            << " + bias " << weights[2].size() << " = " << rnn.count_params(input) << '\n';
  std::cout << "(features + units) \u00b7 units + units = (" << features << " + " << units << ") \u00b7 "
            << units << " + " << units << " = " << rnn.count_params(input) << "\n\n";
  std::cout << "The kernel maps each step's " << features << " feature to the " << units
            << " units, the recurrent kernel maps the\n"
            << "previous state's " << units << " units to the " << units
            << " units, and each unit has one bias. The " << input[0].value()
            << " timesteps\nadd nothing: every step reuses the same weights.\n\n";
  std::cout << "The output is " << rnnparams::to_batch_string(output) << ", so Dense(1) adds " << units
            << "\u00b7" << 1 << " + " << 1 << " = " << dense.count_params(output) << ", for "
            << rnn.count_params(input) + dense.count_params(output) << " in the whole model.\n";
}
