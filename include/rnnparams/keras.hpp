// rnnparams/keras.hpp: every Keras layer and the Sequential model (namespace rnnparams::keras).
// SPDX-License-Identifier: MIT
#pragma once

// Every layer of keras/layer_list.hpp (the one list), the layer variant, and the models.
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/keras/sequential.hpp>
