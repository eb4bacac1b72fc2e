// rnnparams/errors.hpp: the exceptions the run-time path throws.
// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

namespace rnnparams {

/// A layer's settings or input shape are not valid; what() names the layer and the problem.
class invalid_model : public std::invalid_argument {
public:
  using std::invalid_argument::invalid_argument;
};

/// A count or a shape does not fit in std::uint64_t.
class overflow_error : public std::overflow_error {
public:
  using std::overflow_error::overflow_error;
};

} // namespace rnnparams
