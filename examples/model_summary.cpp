// examples/model_summary.cpp: the seed model's summary as each generation of Keras prints it.
// SPDX-License-Identifier: MIT
#include <rnnparams/format.hpp>

namespace k = rnnparams::keras;

int main() {
  // model = Sequential(); model.add(SimpleRNN(10, input_shape=(3, 1))); model.add(Dense(1)); model.summary()
  constexpr auto model = k::Sequential{k::Input{3, 1}, k::SimpleRNN{.units = 10}, k::Dense{.units = 1}};

  fmt::print("Keras 3 (a terminal of 92 columns or more; into a pipe Keras uses line_length=76):\n");
  k::print_summary(model);
  fmt::print("\ntf.keras 2.13-2.15 and tf-keras:\n");
  k::print_summary(model, {.style = k::summary_style::tf_keras});
  fmt::print("\ntf.keras 2.6 and older (the table in most answers online):\n");
  k::print_summary(model, {.style = k::summary_style::keras2});
  fmt::print("\nThe byte sizes are 131 parameters x 4 bytes of float32 = 524 bytes. As float16:\n");
  k::print_summary(model, {.line_length = 76, .dtype = rnnparams::dtype::float16});
}
