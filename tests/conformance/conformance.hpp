// tests/conformance/conformance.hpp: what the conformance tests share: loading a fixture, counting and
// reporting cases. SPDX-License-Identifier: MIT
#pragma once

#include "catch.hpp"

#include <rnnparams/shape.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace conformance {

/// The first field where rnnparams differs from a fixture case, with both values.
struct difference {
  /// The layer's index in the case (Keras), or nothing for the model or module as a whole.
  std::optional<std::size_t> layer;
  /// What differs: "lstm_1 (LSTM): weights[1] shape", "named_parameters[3] name", ...
  std::string what;
  std::string fixture;
  std::string rnnparams;
};

/// A fixture's shape, without the batch axis ([6, null]), and back.
inline rnnparams::shape shape_of(const nlohmann::json& dims) {
  rnnparams::shape s;
  for (const nlohmann::json& d : dims) {
    s.push_back(d.is_null() ? rnnparams::dim{rnnparams::none} : rnnparams::dim{d.get<std::int64_t>()});
  }
  return s;
}
inline nlohmann::json dims_of(const rnnparams::shape& s) {
  nlohmann::json out = nlohmann::json::array();
  for (const rnnparams::dim d : s) {
    out.push_back(d.known() ? nlohmann::json(d.value()) : nlohmann::json(nullptr));
  }
  return out;
}

/// A fixture of tests/conformance (RNNPARAMS_CONFORMANCE_DIR, set by CMake), parsed.
inline nlohmann::json load(std::string_view file) {
  const std::string path = std::string{RNNPARAMS_CONFORMANCE_DIR} + "/" + std::string{file};
  std::ifstream in{path};
  if (!in) {
    throw std::runtime_error("cannot open " + path);
  }
  return nlohmann::json::parse(in);
}

/// Cases passed, failed and skipped (with the reasons).
struct tally {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;
  std::map<std::string, std::size_t> skip_reasons;

  void pass() { ++passed; }
  void fail() { ++failed; }
  void skip(const std::string& reason) {
    ++skipped;
    ++skip_reasons[reason];
  }
  [[nodiscard]] std::string summary() const {
    std::string text = std::to_string(passed) + " passed, " + std::to_string(failed) + " failed, " +
                       std::to_string(skipped) + " skipped";
    for (const auto& [reason, n] : skip_reasons) {
      text += " (" + reason + ": " + std::to_string(n) + ")";
    }
    return text;
  }
};

/// One failed case: its id, the layer index and both values, as a non-fatal failure, so the loop goes on.
/// The end of a fixture's loop: every one of its `cases` passed (the summary line says how many).
inline void check_all_passed(const tally& t, std::size_t cases) {
  INFO(t.summary());
  CHECK(t.failed == 0);
  CHECK(t.passed == cases);
}

inline void report(std::int64_t id, const difference& d) {
  INFO("case id " << id);
  INFO("layer index " << (d.layer ? std::to_string(*d.layer) : std::string{"-"}));
  INFO("fixture:   " << d.fixture);
  INFO("rnnparams: " << d.rnnparams);
  FAIL_CHECK(d.what);
}

} // namespace conformance
