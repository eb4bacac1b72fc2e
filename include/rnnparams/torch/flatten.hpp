// rnnparams/torch/flatten.hpp: PyTorch's Flatten module.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/weightless.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// ATen's maybe_wrap_dim: a dimension in [-rank, rank) (a scalar counts as rank 1), made >= 0.
constexpr std::int64_t torch_wrap_dim(std::string_view who, std::int64_t d, std::size_t rank) {
  const auto r = static_cast<std::int64_t>(rank == 0 ? 1 : rank);
  if (d < -r || d >= r) {
    // error here: the dimension must be in [-rank, rank) of the module's input
    report_invalid(who, "Dimension out of range (expected to be in range of [-rank, rank - 1])");
  }
  return d < 0 ? d + r : d;
}

} // namespace rnnparams::detail

namespace rnnparams::torch {

/// torch.nn.Flatten: no parameters; the axes start_dim..end_dim become one (their product).
struct Flatten {
  std::int64_t start_dim = 1;
  std::int64_t end_dim = -1;

  static constexpr std::string_view class_name = "Flatten";
  static constexpr std::string_view who = "rnnparams::torch::Flatten";

  /// Flatten(start_dim=1, end_dim=-1).
  template <class D>
  static constexpr void describe(D& d) {
    d.field("start_dim", &Flatten::start_dim);
    d.field("end_dim", &Flatten::end_dim);
  }

  RNNPARAMS_TORCH_WEIGHTLESS_MEMBERS

  /// torch.flatten(input, start_dim, end_dim): a scalar becomes (1); an unknown axis in the range makes
  /// the product unknown.
  [[nodiscard]] constexpr shape output_shape(const shape& input) const {
    const auto start = static_cast<std::size_t>(detail::torch_wrap_dim(who, start_dim, input.rank()));
    const auto end = static_cast<std::size_t>(detail::torch_wrap_dim(who, end_dim, input.rank()));
    if (start > end) {
      // error here: start_dim must not come after end_dim
      detail::report_invalid(who, "flatten() has invalid args: start_dim cannot come after end_dim");
    }
    if (input.rank() == 0) {
      return shape{1};
    }
    shape output;
    for (std::size_t i = 0; i < start; ++i) {
      output.push_back(input[i]);
    }
    dim product{1};
    for (std::size_t i = start; i <= end; ++i) {
      product = product.known() && input[i].known()
                    ? dim{detail::checked_mul(product.value(), input[i].value(), who)}
                    : none;
    }
    output.push_back(product);
    for (std::size_t i = end + 1; i < input.rank(); ++i) {
      output.push_back(input[i]);
    }
    return output;
  }
};

} // namespace rnnparams::torch
