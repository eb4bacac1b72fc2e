// tests/static/core_needs_no_fmt.static.cpp: the umbrella header pulls in no {fmt}.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

#ifdef FMT_VERSION
#error "rnnparams/rnnparams.hpp must not include {fmt}; printing belongs in rnnparams/format.hpp"
#endif
