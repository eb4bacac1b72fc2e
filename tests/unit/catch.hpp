// tests/unit/catch.hpp: includes Catch2 3 or Catch2 2.13, whichever the build found.
// SPDX-License-Identifier: MIT
#pragma once

#if RNNPARAMS_CATCH2_MAJOR == 3
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
#endif
