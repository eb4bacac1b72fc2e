// rnnparams/dtype.hpp: weight data types and the bytes their parameters take.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/checked.hpp>

#include <cstdint>
#include <string_view>

namespace rnnparams {

/// The element type weights are stored in; Keras and PyTorch default to float32.
enum class dtype { float32, float16, bfloat16, float64, int8 };

/// Bytes per element: 4, 2, 2, 8, 1.
constexpr std::uint64_t size_of(dtype type) noexcept {
  switch (type) {
  case dtype::float16:
  case dtype::bfloat16:
    return 2;
  case dtype::float64:
    return 8;
  case dtype::int8:
    return 1;
  case dtype::float32:
    break;
  }
  return 4;
}

/// The framework's spelling: "float32", "float16", "bfloat16", "float64", "int8".
constexpr std::string_view name_of(dtype type) noexcept {
  switch (type) {
  case dtype::float16:
    return "float16";
  case dtype::bfloat16:
    return "bfloat16";
  case dtype::float64:
    return "float64";
  case dtype::int8:
    return "int8";
  case dtype::float32:
    break;
  }
  return "float32";
}

/// The memory `params` weights take in `type`: params × size_of(type) bytes.
constexpr std::uint64_t weight_bytes(std::uint64_t params, dtype type = dtype::float32) {
  return detail::checked_mul(params, size_of(type), "rnnparams::weight_bytes");
}

} // namespace rnnparams
