// tests/unit/shape.test.cpp: rnnparams::shape and its Keras spelling.
// SPDX-License-Identifier: MIT
#include "catch.hpp"

#include <rnnparams/shape.hpp>
#include <rnnparams/to_string.hpp>

#include <cstddef>

using rnnparams::none;
using rnnparams::shape;

TEST_CASE("shapes print as Python tuples, with None for unknown dimensions") {
  CHECK(rnnparams::to_string(shape{3, 1}) == "(3, 1)");
  CHECK(rnnparams::to_string(shape{10}) == "(10,)");
  CHECK(rnnparams::to_string(shape{}) == "()");
  CHECK(rnnparams::to_string(shape{none, 8}) == "(None, 8)");
  CHECK(rnnparams::to_batch_string(shape{3, 1}) == "(None, 3, 1)");
  CHECK(rnnparams::to_batch_string(shape{10}) == "(None, 10)");
  CHECK(rnnparams::to_batch_string(shape{}) == "(None)");
}

TEST_CASE("shapes accept any integer type at run time and reject what cannot be a size") {
  const std::size_t a = 3;
  const int b = 1;
  const long long c = 7;
  CHECK(shape{a, b, c}.num_elements("test") == 21);
  CHECK_THROWS_AS(shape({-1}), rnnparams::invalid_model);
  CHECK_THROWS_AS(shape({1, 2, 3, 4, 5, 6, 7, 8, 9}), rnnparams::invalid_model);
  CHECK_THROWS_AS(shape({none, 2}).num_elements("test"), rnnparams::invalid_model);
  CHECK_THROWS_AS(shape({1ULL << 32, 1ULL << 32}).num_elements("test"), rnnparams::overflow_error);
}
