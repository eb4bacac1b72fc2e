// rnnparams/keras.hpp: every Keras layer (namespace rnnparams::keras).
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/keras/dense.hpp>
#include <rnnparams/keras/gru.hpp>
#include <rnnparams/keras/lstm.hpp>
#include <rnnparams/keras/simple_rnn.hpp>
