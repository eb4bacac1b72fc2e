// tests/unit/catch_main.cpp: Catch2 2's main; Catch2 3 brings its own (Catch2::Catch2WithMain).
// SPDX-License-Identifier: MIT
#define CATCH_CONFIG_MAIN
#include "catch.hpp"
