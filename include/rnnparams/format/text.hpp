// rnnparams/format/text.hpp: the text helpers both summaries share: numbers, sizes, UTF-8 widths, padding.
// SPDX-License-Identifier: MIT
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rnnparams::detail {

/// 1280000 -> "1,280,000", Python's "{:,}".
inline std::string group_thousands(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  return out;
}

/// Keras's readable_memory_size: "{:.2f} {unit}", dividing by 1024 while the value stays >= 1024.
inline std::string readable_size(double bytes, const std::string_view (&units)[6]) {
  for (std::string_view unit : units) {
    if (bytes / 1024 < 1) {
      return fmt::format("{:.2f} {}", bytes, unit);
    }
    bytes /= 1024;
  }
  return fmt::format("{:.2f} {}", bytes, units[5]);
}

/// The characters of a UTF-8 text, as a terminal shows them: "\u2026" is one.
inline std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
  }
  return n;
}

/// The text without its trailing spaces.
inline std::string rstrip(std::string s) {
  while (!s.empty() && s.back() == ' ') {
    s.pop_back();
  }
  return s;
}

/// How justify() places a text in its column.
enum class align { left, right, center };

/// `text` padded with spaces to `width` characters (rich's and torchinfo's cells).
inline std::string justify(const std::string& text, std::size_t width, align how) {
  const std::size_t length = utf8_length(text);
  const std::size_t pad = width > length ? width - length : 0;
  switch (how) {
  case align::right:
    return std::string(pad, ' ') + text;
  case align::center:
    return std::string(pad / 2, ' ') + text + std::string(pad - pad / 2, ' ');
  case align::left:
    break;
  }
  return text + std::string(pad, ' ');
}

} // namespace rnnparams::detail
