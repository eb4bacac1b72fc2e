// tests/static/optional.static.cpp: compile-time facts about rnnparams::optional, the core's number-or-None.
// SPDX-License-Identifier: MIT
#include <rnnparams/keras/pooling.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/torch/batch_norm.hpp>

#include <cstdint>
#include <optional>
#include <type_traits>

namespace {
using rnnparams::optional;

// Written like std::optional.
static_assert(!optional<std::int64_t>{}.has_value() && !optional<std::int64_t>{std::nullopt});
static_assert(optional<std::int64_t>{2}.has_value() && *optional<std::int64_t>{2} == 2);
static_assert(optional<std::int64_t>{}.value_or(7) == 7 && optional<std::int64_t>{2}.value_or(7) == 2);
static_assert(optional<std::int64_t>{2}.value() == 2);
static_assert(optional<std::uint64_t>{} == std::nullopt && std::nullopt == optional<std::uint64_t>{});
static_assert(optional<std::uint64_t>{3} == 3U && 3U == optional<std::uint64_t>{3});
static_assert(optional<std::uint64_t>{3} != 4U && optional<std::uint64_t>{3} != std::nullopt);
static_assert(optional<std::uint64_t>{} != optional<std::uint64_t>{0} &&
              optional<std::uint64_t>{} == optional<std::uint64_t>{});
static_assert([] {
  optional<double> m = 0.5;
  m.reset();
  return m == std::nullopt;
}());

// A layer's settings take a value, std::nullopt, or nothing (the framework's default).
static_assert(rnnparams::keras::MaxPooling1D{.pool_size = 2}.strides == std::nullopt);
static_assert(rnnparams::keras::MaxPooling1D{.pool_size = 2, .strides = 1}.strides == 1);
static_assert(rnnparams::keras::MaxPooling1D{.strides = std::nullopt}.strides == std::nullopt);
static_assert(rnnparams::torch::BatchNorm1d{.num_features = 4}.momentum == 0.1);
static_assert(rnnparams::torch::BatchNorm1d{.num_features = 4, .momentum = std::nullopt}.momentum ==
              std::nullopt);

// It converts to and from std::optional.
static_assert(std::is_convertible_v<optional<std::uint64_t>, std::optional<std::uint64_t>>);
static_assert(std::is_convertible_v<std::optional<std::int64_t>, optional<std::int64_t>>);
static_assert(optional<std::int64_t>{std::optional<std::int64_t>{5}} == 5);
static_assert(optional<std::int64_t>{std::optional<std::int64_t>{}} == std::nullopt);
static_assert(static_cast<std::optional<std::uint64_t>>(optional<std::uint64_t>{9}) == 9U);

// A number and a flag: usable in constant expressions and copied as bytes.
static_assert(std::is_trivially_copyable_v<optional<double>>);
static_assert(sizeof(optional<std::uint64_t>) == 2 * sizeof(std::uint64_t));
} // namespace
