// tests/static/shape.static.cpp: compile-time facts about rnnparams::shape and rnnparams::dim.
// SPDX-License-Identifier: MIT
#include <rnnparams/detail/static_vector.hpp>
#include <rnnparams/shape.hpp>

namespace {
using rnnparams::dim;
using rnnparams::none;
using rnnparams::shape;

static_assert(shape{3, 1}.rank() == 2);
static_assert(shape{}.rank() == 0);
static_assert(shape{none, 8}[0] == dim{none});
static_assert(!shape{none, 8}[0].known() && shape{none, 8}[1].value() == 8);
static_assert(shape{none, 8} != shape{1, 8});
static_assert(shape{2, 3, 4}.num_elements("test") == 24);
static_assert(shape{}.num_elements("test") == 1);
static_assert(shape{2, 3}.with_back(7) == shape{2, 7});
static_assert(shape{2, 3}.fully_known() && !shape{none, 3}.fully_known());
static_assert(shape{1, 2, 3, 4, 5, 6, 7, 8}.rank() == shape::max_rank);
static_assert(dim{3U} == dim{3LL});
} // namespace

// detail::static_vector's emplace_back and pop_back (which resets the element, so that emplace_back always
// hands out a default one): what Functional's layer and call records are made with.
static_assert([] {
  rnnparams::detail::static_vector<rnnparams::shape, 3> v{{rnnparams::shape{3, 1}}, "test"};
  if (v.size() != 1 || !(v[0] == rnnparams::shape{3, 1})) {
    return false;
  }
  v.emplace_back("test").push_back(7);
  v.pop_back();
  return v.size() == 1 && v.emplace_back("test").rank() == 0;
}());
