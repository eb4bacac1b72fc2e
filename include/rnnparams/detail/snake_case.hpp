// rnnparams/detail/snake_case.hpp: Keras's to_snake_case, the stem of its automatic layer names.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/fixed_string.hpp>

#include <cstddef>
#include <string_view>

namespace rnnparams::detail {

constexpr bool ascii_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool ascii_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }

/// Keras's naming.to_snake_case(name), step by step as its three re.sub calls do it:
/// drop \W+; "(.)([A-Z][a-z]+)" -> "\1_\2"; "([a-z])([A-Z])" -> "\1_\2"; lower-case.
/// "SimpleRNN" -> "simple_rnn", "GlobalAveragePooling1D" -> "global_average_pooling1d".
constexpr fixed_string<63> keras_snake_case(std::string_view name) {
  fixed_string<63> word;
  for (char c : name) { // \W+ -> "": keep [A-Za-z0-9_]
    if (ascii_upper(c) || ascii_lower(c) || (c >= '0' && c <= '9') || c == '_') {
      word.push_back(c);
    }
  }
  fixed_string<63> first; // (.)([A-Z][a-z]+) -> \1_\2, matches taken left to right without overlap
  std::size_t i = 0;
  while (i < word.size()) {
    std::size_t end = i + 2;
    while (end < word.size() && ascii_lower(word.chars[end])) {
      ++end;
    }
    if (i + 1 < word.size() && ascii_upper(word.chars[i + 1]) && end > i + 2) {
      first.push_back(word.chars[i]).push_back('_').append(word.view().substr(i + 1, end - i - 1));
      i = end;
    } else {
      first.push_back(word.chars[i]);
      ++i;
    }
  }
  fixed_string<63> second; // ([a-z])([A-Z]) -> \1_\2, then lower()
  for (i = 0; i < first.size(); ++i) {
    const char c = first.chars[i];
    second.push_back(c);
    if (ascii_lower(c) && i + 1 < first.size() && ascii_upper(first.chars[i + 1])) {
      second.push_back('_').push_back(first.chars[++i]);
    }
  }
  for (std::size_t j = 0; j < second.size(); ++j) {
    if (ascii_upper(second.chars[j])) {
      second.chars[j] = static_cast<char>(second.chars[j] - 'A' + 'a');
    }
  }
  return second;
}

} // namespace rnnparams::detail
