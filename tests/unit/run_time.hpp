// tests/unit/run_time.hpp: a value the compiler cannot fold, so that the code under test runs at run time.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace test {
/// v, read back through a volatile: not a constant expression.
inline std::int64_t runtime(std::int64_t v) {
  static volatile std::int64_t sink;
  sink = v;
  return sink;
}
} // namespace test
