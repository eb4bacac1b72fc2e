// tests/unit/optional.test.cpp: rnnparams::optional at run time, with the std::optional code it meets.
// SPDX-License-Identifier: MIT
#include "catch.hpp"

#include <rnnparams/keras.hpp>
#include <rnnparams/optional.hpp>

#include <cstdint>
#include <optional>

namespace k = rnnparams::keras;

TEST_CASE("macs() is an optional that std::optional code can keep") {
  const std::optional<std::uint64_t> known = k::Dense{.units = 4}.macs({3, 2});
  REQUIRE(known.has_value());
  CHECK(*known == 3 * 2 * 4);
  const std::optional<std::uint64_t> unknown = k::LSTM{.units = 4}.macs({rnnparams::none, 2});
  CHECK_FALSE(unknown.has_value());

  std::optional<std::uint64_t> assigned;
  assigned = k::Dense{.units = 4}.macs({2});
  CHECK(assigned == std::optional<std::uint64_t>{8});
}

TEST_CASE("a setting reads from a std::optional") {
  const std::optional<std::int64_t> from_elsewhere = 3;
  k::MaxPooling1D pool{.pool_size = 3};
  pool.strides = from_elsewhere;
  CHECK(pool.strides == 3);
  CHECK(pool.compute_output_shape({9, 2}) == rnnparams::shape{3, 2});
  pool.strides = std::nullopt;
  CHECK(pool.strides == std::nullopt);
}

TEST_CASE("value() of None is an invalid_model error at run time") {
  const rnnparams::optional<std::uint64_t> none;
  CHECK_THROWS_WITH(none.value(), "rnnparams::optional: value() of an optional that holds None");
  CHECK_THROWS_AS(none.value(), rnnparams::invalid_model);
  CHECK(none.value_or(5) == 5);
  CHECK(*none == 0); // T{}: defined, where std::optional's operator* of nothing is not
}
