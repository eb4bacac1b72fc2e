// tests/compile_fail/optional_dereference_none.fail.cpp: *macs() of a layer whose timesteps are None
// (legal twin in control_keras.cpp).
// SPDX-License-Identifier: MIT
// expect: operator\* of an optional that holds None
#include <rnnparams/rnnparams.hpp>

namespace k = rnnparams::keras;

static_assert(*k::LSTM{.units = 4}.macs({rnnparams::none, 2}) > 0);
