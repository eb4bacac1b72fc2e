// rnnparams/torch.hpp: every PyTorch module (namespace rnnparams::torch).
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/torch/activation.hpp>
#include <rnnparams/torch/batch_norm.hpp>
#include <rnnparams/torch/conv.hpp>
#include <rnnparams/torch/embedding.hpp>
#include <rnnparams/torch/flatten.hpp>
#include <rnnparams/torch/layer_norm.hpp>
#include <rnnparams/torch/linear.hpp>
#include <rnnparams/torch/module.hpp>
#include <rnnparams/torch/named_tensor.hpp>
#include <rnnparams/torch/pooling.hpp>
#include <rnnparams/torch/rnn.hpp>
#include <rnnparams/torch/rnn_cell.hpp>
#include <rnnparams/torch/transformer.hpp>
