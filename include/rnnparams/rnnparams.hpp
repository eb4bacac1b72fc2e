// rnnparams/rnnparams.hpp: the whole core (standard library only; {fmt} lives in format.hpp).
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/dtype.hpp>
#include <rnnparams/errors.hpp>
#include <rnnparams/keras.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch.hpp>
#include <rnnparams/weight.hpp>
