// tests/compile_fail/not_a_layer.fail.cpp: a Sequential argument that is not a Keras layer (legal twin in
// control_keras.cpp). SPDX-License-Identifier: MIT
// expect: keras_layer
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

constexpr auto model = k::Sequential{k::Input{3, 1}, k::LSTM{.units = 10}, 42};
