// rnnparams/detail/report.hpp: the two functions every error goes through.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/errors.hpp>

#include <string_view>

namespace rnnparams::detail {

// These functions are deliberately not constexpr. Reached during constant evaluation they make it
// fail, and the compiler quotes the line that called them: that line holds the message, and the
// "in constexpr expansion of" / "in call to" notes above it name the layer. At run time they throw.

/// Throws invalid_model with "<who>: <what>".
[[noreturn]] inline void report_invalid(std::string_view who, std::string_view what) {
  throw invalid_model({who, ": ", what});
}

/// Throws overflow_error with "<who>: the parameter count does not fit in std::uint64_t".
[[noreturn]] inline void report_overflow(std::string_view who) {
  throw overflow_error({who, ": the parameter count does not fit in std::uint64_t"});
}

} // namespace rnnparams::detail
