// tools/cli/text.cpp: text helpers shared by the readers of model code and of JSON configurations.
// SPDX-License-Identifier: MIT
#include "text.hpp"

#include <functional>
#include <mutex>
#include <set>

namespace rnnparams::cli {

std::string_view intern(std::string_view text) {
  static constexpr std::string_view known[] = {"valid",   "same",      "causal",  "concat", "sum",
                                               "mul",     "ave",       "tanh",    "relu",   "zeros",
                                               "reflect", "replicate", "circular"};
  for (const std::string_view literal : known) {
    if (literal == text) {
      return literal;
    }
  }
  static std::mutex mutex;
  static std::set<std::string, std::less<>> pool;
  const std::lock_guard lock{mutex};
  return *pool.emplace(text).first;
}

std::string shorten(std::string text) {
  if (text.size() > 40) {
    text = text.substr(0, 37) + "...";
  }
  return text;
}

} // namespace rnnparams::cli
