// tests/unit/errors.test.cpp: rnnparams::error and one_of, the two pieces that replace <stdexcept>'s
// exceptions and std::variant in the core.
// SPDX-License-Identifier: MIT
#include "catch.hpp"

#include <rnnparams/errors.hpp>
#include <rnnparams/keras.hpp>
#include <rnnparams/one_of.hpp>

#include <exception>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace k = rnnparams::keras;

static_assert(std::is_base_of_v<std::exception, rnnparams::error>);
static_assert(std::is_base_of_v<rnnparams::error, rnnparams::invalid_model>);
static_assert(std::is_base_of_v<rnnparams::error, rnnparams::overflow_error>);
static_assert(std::is_nothrow_copy_constructible_v<rnnparams::invalid_model>);
static_assert(std::is_nothrow_copy_assignable_v<rnnparams::invalid_model>);
static_assert(std::is_trivially_copyable_v<k::layer>);

TEST_CASE("error: what() is the message, joined from its parts, and survives the original") {
  const std::string dynamic = "rnnparams::keras::model";
  rnnparams::invalid_model copy{"placeholder"};
  {
    const rnnparams::invalid_model original({dynamic, ": ", "a layer name has at most 63 characters"});
    CHECK(std::string_view{original.what()} ==
          "rnnparams::keras::model: a layer name has at most 63 characters");
    const rnnparams::invalid_model second = original; // shares the text
    CHECK(second.what() == original.what());
    copy = second;
  }
  CHECK(std::string_view{copy.what()} == "rnnparams::keras::model: a layer name has at most 63 characters");
  const rnnparams::invalid_model& same = copy;
  copy = same; // self-assignment keeps the text
  CHECK(std::string_view{copy.what()} == "rnnparams::keras::model: a layer name has at most 63 characters");
  CHECK(std::string_view{rnnparams::overflow_error(std::string{"from a std::string"}).what()} ==
        "from a std::string");
  CHECK(std::string_view{rnnparams::error("").what()}.empty());
}

TEST_CASE("error: thrown and caught as std::exception, by reference and by value") {
  try {
    throw rnnparams::invalid_model("rnnparams::keras::Dense: units must be a positive integer");
  } catch (const std::exception& e) {
    CHECK(std::string_view{e.what()} == "rnnparams::keras::Dense: units must be a positive integer");
  }
  try {
    (void)k::Dense{.units = 0}.count_params({3});
  } catch (const rnnparams::error& e) {
    const rnnparams::error copy = e; // what std::exception_ptr and catch by value do
    CHECK(std::string_view{copy.what()} == "rnnparams::keras::Dense: units must be a positive integer");
  }
}

TEST_CASE("one_of: index, holds_alternative, get, get_if and visit, as for std::variant") {
  k::layer l = k::LSTM{.units = 64};
  CHECK(l.index() == 1);
  CHECK(rnnparams::holds_alternative<k::LSTM>(l));
  CHECK_FALSE(rnnparams::holds_alternative<k::GRU>(l));
  CHECK(rnnparams::get<k::LSTM>(l).units == 64);
  CHECK(rnnparams::get_if<k::GRU>(&l) == nullptr);
  REQUIRE(rnnparams::get_if<k::LSTM>(&l) != nullptr);
  rnnparams::get<k::LSTM>(l).units = 32; // a mutable one_of gives mutable access
  rnnparams::visit([](auto& x) { x.trainable = false; }, l);
  CHECK(rnnparams::get<k::LSTM>(std::as_const(l)).units == 32);
  CHECK_FALSE(rnnparams::get<k::LSTM>(l).trainable);
  CHECK(rnnparams::visit([](const auto& x) { return x.class_name; }, std::as_const(l)) == "LSTM");
  CHECK_THROWS_WITH((void)rnnparams::get<k::Dense>(l),
                    "rnnparams::get: the one_of holds another alternative");
  l = k::Dense{.units = 3};
  CHECK(rnnparams::holds_alternative<k::Dense>(l));
  CHECK(k::layer{}.index() == 0); // value-initialized first alternative, as std::variant
}

// In a constant expression, each alternative can be made the active one, and read back.
static_assert(rnnparams::get<k::GRU>(k::layer{k::GRU{.units = 5}}).units == 5);
static_assert(rnnparams::visit([](const auto& x) { return x.class_name; },
                               k::layer{k::TimeDistributed{.layer = k::Dense{.units = 2}}}) ==
              "TimeDistributed");
static_assert(rnnparams::get_if<k::Dense>(static_cast<const k::layer*>(nullptr)) == nullptr);
