// rnnparams/detail/lazy.hpp: the expression that makes a function template's body depend on its parameter.
// SPDX-License-Identifier: MIT
#pragma once

namespace rnnparams::detail {

/// `x`, as an expression that depends on Lazy. A `template <class Lazy = void>` member or function whose
/// body calls through lazy<Lazy>(...) is instantiated only where it is called: a body that depends on
/// nothing is checked, and what it calls instantiated, where it is defined, in every TU that includes it.
template <class Lazy, class T>
[[nodiscard]] constexpr const T& lazy(const T& x) noexcept {
  return x;
}

} // namespace rnnparams::detail
