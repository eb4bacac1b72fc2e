// rnnparams/torch/weightless.hpp: the members every PyTorch module without parameters or buffers shares.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/lazy.hpp>
#include <rnnparams/torch/named_tensor.hpp>

#include <cstdint>

namespace rnnparams::detail {

/// Runs M's constructor checks (`constructor_checks()`, where M has them: Dropout's p), as building the
/// module in PyTorch would.
template <class M>
constexpr void torch_construct(const M& m) {
  if constexpr (requires { m.constructor_checks(); }) {
    m.constructor_checks();
  }
}

} // namespace rnnparams::detail

// count_params(), named_parameters(), named_buffers() and count_buffers() of a module that has neither
// parameters nor buffers (pooling, Flatten, activations, Dropout): written once. A macro rather than a
// base class, so that `MaxPool1d{.kernel_size = 2}` stays a designated initializer of the module's own
// fields (a base would need an initializer, which -Wmissing-field-initializers reports) and compile
// errors name the module. The members are templates whose bodies depend on their parameter
// (detail/lazy.hpp): a TU instantiates only the ones it calls.
#define RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS                                                                   \
  /** 0: the module has no parameters. */                                                                    \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr std::uint64_t count_params() const {                                               \
    return ::rnnparams::detail::lazy<Lazy>(*this).named_parameters().numel();                                \
  }                                                                                                          \
  /** None. */                                                                                               \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr ::rnnparams::torch::fixed_tensor_list named_parameters() const {                   \
    ::rnnparams::detail::torch_construct(::rnnparams::detail::lazy<Lazy>(*this));                            \
    return ::rnnparams::torch::fixed_tensor_list{{who, {}}};                                                 \
  }                                                                                                          \
  /** None. */                                                                                               \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr ::rnnparams::torch::fixed_tensor_list named_buffers() const {                      \
    return ::rnnparams::detail::lazy<Lazy>(*this).named_parameters();                                        \
  }                                                                                                          \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr std::uint64_t count_buffers() const {                                              \
    return ::rnnparams::detail::lazy<Lazy>(*this).named_buffers().numel();                                   \
  }
