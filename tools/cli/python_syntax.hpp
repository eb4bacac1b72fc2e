// tools/cli/python_syntax.hpp: the part of Python that model code is written in, parsed into values.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rnnparams::cli {

/// A place in the input, 1-based, for error messages.
struct location {
  std::size_t line = 1;
  std::size_t column = 1;
};

/// An error in the input: "<line>:<col>: <message>" once the source is prefixed.
class syntax_error : public std::runtime_error {
public:
  syntax_error(location where, const std::string& message) : std::runtime_error(message), where_(where) {}
  [[nodiscard]] location where() const noexcept { return where_; }

private:
  location where_;
};

/// A Python expression of the kinds model code uses: literals, names (dotted), calls (of a name, or of
/// another expression: `LSTM(8)(x)`), subscripts (`states[0]`), attributes of a call or a subscript
/// (`Model(x, y).summary`), tuples, lists, dicts, and `?` (the --budget placeholder).
struct value {
  enum class kind {
    none,
    boolean,
    integer,
    floating,
    string,
    name,
    call,
    subscript,
    attribute,
    tuple,
    list,
    dict,
    placeholder
  };

  kind type = kind::none;
  location where;
  bool boolean = false;
  std::int64_t integer = 0;
  double floating = 0;
  /// The text of a string, or a dotted name ("keras.layers.LSTM"), or a call's callee when that is a
  /// name (else empty, and `callee` holds it).
  std::string text;
  /// Tuple, list and dict items (a dict's keys and values alternate), a call's positional arguments, a
  /// subscript's object and index, or an attribute's object (its name is `text`).
  std::vector<value> items;
  /// A call's callee when it is not a name (`LSTM(8)` in `LSTM(8)(x)`): one value, else none.
  std::vector<value> callee;
  /// A call's keyword arguments: each one's `keyword` is its name, `keyword_where` where that is written.
  std::vector<value> keywords;
  std::string keyword;
  location keyword_where;

  /// "an int", "a string", ... for messages.
  [[nodiscard]] std::string describe() const;
};

/// One statement: an expression, optionally assigned to a name (`model = Sequential()`) or unpacked
/// into names (`out, h, c = LSTM(8, return_state=True)(x)`).
struct statement {
  location where;
  /// The assigned name, or empty.
  std::string target;
  /// The names a tuple assignment unpacks into, in order (`_` included), or none.
  std::vector<std::string> unpack;
  value expression;
  /// An `import` or `from ... import` statement (its expression is None), and the names it binds to
  /// modules other than Keras and TensorFlow (`np` of `import numpy as np`): values the model code
  /// cannot know.
  bool is_import = false;
  std::vector<std::string> foreign_names;
};

/// Parses Python source: statements separated by newlines or `;`, with brackets spanning lines,
/// comments, `import` and `from ... import` (kept as import statements, with the names they bind),
/// assignments to a name or to a tuple of names. Throws
/// syntax_error for anything else, including more than 64 levels of nesting and integers beyond 64 bits.
std::vector<statement> parse_python(std::string_view source);

} // namespace rnnparams::cli
