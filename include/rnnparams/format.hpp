// rnnparams/format.hpp: Keras- and torchinfo-identical summaries, and {fmt} formatters for shapes and layers.
// SPDX-License-Identifier: MIT
#pragma once

// The only rnnparams headers that need {fmt} (>= 9.1) are this one and rnnparams/format/*.hpp, which it
// gathers; link rnnparams::format to get them.
#include <rnnparams/rnnparams.hpp>

#include <rnnparams/format/formatters.hpp>
#include <rnnparams/format/keras_code.hpp>
#include <rnnparams/format/keras_summary.hpp>
#include <rnnparams/format/text.hpp>
#include <rnnparams/format/torchinfo.hpp>
