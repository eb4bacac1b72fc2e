// tests/unit/golden.hpp: the golden texts of tests/golden, read whole.
// SPDX-License-Identifier: MIT
#pragma once

#include "catch.hpp"

#include <fstream>
#include <sstream>
#include <string>

namespace test {
/// tests/golden/<path>, byte for byte (RNNPARAMS_GOLDEN_DIR is set by CMake).
inline std::string golden(const std::string& path) {
  std::ifstream in(std::string{RNNPARAMS_GOLDEN_DIR} + "/" + path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}
} // namespace test
