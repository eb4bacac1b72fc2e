// rnnparams/keras.hpp: every Keras layer and the Sequential model (namespace rnnparams::keras).
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/keras/bidirectional.hpp>
#include <rnnparams/keras/conv1d.hpp>
#include <rnnparams/keras/dense.hpp>
#include <rnnparams/keras/dropout.hpp>
#include <rnnparams/keras/embedding.hpp>
#include <rnnparams/keras/flatten.hpp>
#include <rnnparams/keras/gru.hpp>
#include <rnnparams/keras/layer.hpp>
#include <rnnparams/keras/lstm.hpp>
#include <rnnparams/keras/normalization.hpp>
#include <rnnparams/keras/pooling.hpp>
#include <rnnparams/keras/repeat_vector.hpp>
#include <rnnparams/keras/sequential.hpp>
#include <rnnparams/keras/simple_rnn.hpp>
#include <rnnparams/keras/time_distributed.hpp>
