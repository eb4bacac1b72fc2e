// rnnparams/keras/layer_list.hpp: the one list of rnnparams's Keras layer classes.
// SPDX-License-Identifier: MIT
#pragma once

// A new layer is its header, included here, and its entry in `layer_types` below; every other list
// (the `layer` type, what TimeDistributed and Bidirectional wrap, the automatic names, the readers
// of the command and the summaries) is derived from these. docs/contributing.md has the steps.
#include <rnnparams/detail/type_list.hpp>
#include <rnnparams/keras/activation.hpp>
#include <rnnparams/keras/conv1d.hpp>
#include <rnnparams/keras/dense.hpp>
#include <rnnparams/keras/dropout.hpp>
#include <rnnparams/keras/embedding.hpp>
#include <rnnparams/keras/flatten.hpp>
#include <rnnparams/keras/gru.hpp>
#include <rnnparams/keras/lstm.hpp>
#include <rnnparams/keras/masking.hpp>
#include <rnnparams/keras/normalization.hpp>
#include <rnnparams/keras/permute.hpp>
#include <rnnparams/keras/pooling.hpp>
#include <rnnparams/keras/repeat_vector.hpp>
#include <rnnparams/keras/reshape.hpp>
#include <rnnparams/keras/rnn.hpp>
#include <rnnparams/keras/simple_rnn.hpp>
#include <rnnparams/keras/spatial_dropout.hpp>

#include <type_traits>

namespace rnnparams::keras {

// The wrappers hold a layer of this list, so their headers include it and define them.
struct Bidirectional;   // bidirectional.hpp
struct TimeDistributed; // time_distributed.hpp

/// Every Keras layer class of rnnparams, in the order of `layer`'s alternatives.
using layer_types =
    rnnparams::detail::type_list<SimpleRNN, LSTM, GRU, Dense, Embedding, Conv1D, BatchNormalization,
                                 LayerNormalization, Dropout, Flatten, RepeatVector, GlobalAveragePooling1D,
                                 GlobalMaxPooling1D, MaxPooling1D, AveragePooling1D, Masking, Activation,
                                 SpatialDropout1D, Reshape, Permute, RNN, Bidirectional, TimeDistributed>;

} // namespace rnnparams::keras

namespace rnnparams::detail {
/// True for the wrappers, whose classes are incomplete where this list is read.
template <class T>
struct keras_wrapper : std::bool_constant<std::is_same_v<T, keras::Bidirectional> ||
                                          std::is_same_v<T, keras::TimeDistributed>> {};
} // namespace rnnparams::detail
