// tools/cli/python_syntax.cpp: a tokenizer and recursive-descent parser for model code.
// SPDX-License-Identifier: MIT
#include "python_syntax.hpp"

#include <cerrno>
#include <cstdlib>
#include <limits>

namespace rnnparams::cli {

std::string value::describe() const {
  switch (type) {
  case kind::none:
    return "None";
  case kind::boolean:
    return "a bool";
  case kind::integer:
    return "an int";
  case kind::floating:
    return "a float";
  case kind::string:
    return "a string";
  case kind::name:
    return "the name " + text;
  case kind::call:
    return text.empty() ? "a call" : "a call of " + text;
  case kind::subscript:
    return "an indexing";
  case kind::attribute:
    return "the attribute " + text;
  case kind::tuple:
    return "a tuple";
  case kind::list:
    return "a list";
  case kind::dict:
    return "a dict";
  case kind::placeholder:
    return "?";
  }
  return "a value";
}

namespace {

struct token {
  enum class kind { name, integer, floating, string, op, newline, end };
  kind type = kind::end;
  std::string text;
  location where;
  std::int64_t integer = 0;
  double floating = 0;
};

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class tokenizer {
public:
  explicit tokenizer(std::string_view source) : source_(source) {}

  std::vector<token> run() {
    std::vector<token> tokens;
    while (true) {
      skip_blanks();
      token t;
      t.where = here();
      if (at_end()) {
        t.type = token::kind::end;
        tokens.push_back(t);
        return tokens;
      }
      const char c = peek();
      if (c == '\n' || c == ';') {
        advance();
        if (depth_ == 0) {
          t.type = token::kind::newline;
          t.text = std::string(1, c);
          tokens.push_back(t);
        } else if (c == ';') {
          throw syntax_error(t.where, "';' inside brackets");
        }
        continue;
      }
      if (is_name_start(c)) {
        t.type = token::kind::name;
        while (!at_end() && (is_name_start(peek()) || is_digit(peek()))) {
          t.text += advance();
        }
        if ((t.text == "r" || t.text == "b" || t.text == "f" || t.text == "u" || t.text == "rb" ||
             t.text == "br") &&
            !at_end() && (peek() == '"' || peek() == '\'')) {
          tokens.push_back(string_token(t.where, t.text));
          continue;
        }
        tokens.push_back(t);
        continue;
      }
      if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
        tokens.push_back(number());
        continue;
      }
      if (c == '"' || c == '\'') {
        tokens.push_back(string_token(t.where, ""));
        continue;
      }
      t.type = token::kind::op;
      if (c == '*' && peek(1) == '*') {
        t.text = "**";
        advance();
        advance();
      } else if (c == '=' && peek(1) == '=') {
        throw syntax_error(t.where, "comparisons are not model code");
      } else if (std::string_view{"()[]{},.=:?-+*"}.find(c) != std::string_view::npos) {
        t.text = std::string(1, advance());
      } else {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7F) {
          throw syntax_error(t.where, "unexpected byte 0x" + hex(byte) + " (model code is ASCII Python)");
        }
        throw syntax_error(t.where, std::string("unexpected character '") + c + "'");
      }
      if (t.text == "(" || t.text == "[" || t.text == "{") {
        opened_.push_back(t.where);
        ++depth_;
      } else if (t.text == ")" || t.text == "]" || t.text == "}") {
        if (depth_ == 0) {
          throw syntax_error(t.where, "'" + t.text + "' closes nothing");
        }
        opened_.pop_back();
        --depth_;
      }
      tokens.push_back(t);
    }
  }

  [[nodiscard]] const std::vector<location>& unclosed() const { return opened_; }

private:
  static std::string hex(unsigned char byte) {
    const char* digits = "0123456789abcdef";
    return {digits[byte >> 4U], digits[byte & 0xFU]};
  }

  [[nodiscard]] bool at_end() const { return pos_ >= source_.size(); }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < source_.size() ? source_[pos_ + ahead] : '\0';
  }
  char advance() {
    const char c = source_[pos_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    return c;
  }
  [[nodiscard]] location here() const { return {line_, column_}; }

  void skip_blanks() {
    while (!at_end()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        advance();
      } else if (c == '#') {
        while (!at_end() && peek() != '\n') {
          advance();
        }
      } else if (c == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
        advance();
        while (peek() != '\n') {
          advance();
        }
        advance();
      } else if (c == '\n' && depth_ > 0) {
        advance();
      } else {
        return;
      }
    }
  }

  token number() {
    token t;
    t.where = here();
    std::string digits;
    bool is_float = false;
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O' ||
                          peek(1) == 'b' || peek(1) == 'B')) {
      throw syntax_error(t.where, "write sizes in decimal");
    }
    while (!at_end()) {
      const char c = peek();
      if (is_digit(c)) {
        digits += advance();
      } else if (c == '_' && is_digit(peek(1)) && !digits.empty()) {
        advance();
      } else if (c == '.' && !is_float) {
        is_float = true;
        digits += advance();
      } else if ((c == 'e' || c == 'E') &&
                 (is_digit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && is_digit(peek(2))))) {
        is_float = true;
        digits += advance();
        digits += advance();
      } else {
        break;
      }
    }
    if (!at_end() && (is_name_start(peek()) || peek() == '.')) {
      throw syntax_error(here(), "unexpected character '" + std::string(1, peek()) + "' after a number");
    }
    if (is_float) {
      t.type = token::kind::floating;
      errno = 0;
      t.floating = std::strtod(digits.c_str(), nullptr);
      if (errno == ERANGE) {
        throw syntax_error(t.where, "the number " + digits + " is out of range");
      }
    } else {
      t.type = token::kind::integer;
      std::uint64_t n = 0;
      for (char d : digits) {
        const auto digit = static_cast<std::uint64_t>(d - '0');
        if (n > (static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) - digit) / 10) {
          throw syntax_error(t.where, "the integer " + digits + " does not fit in 64 bits");
        }
        n = n * 10 + digit;
      }
      t.integer = static_cast<std::int64_t>(n);
    }
    t.text = digits;
    return t;
  }

  token string_token(location where, const std::string& prefix) {
    token t;
    t.where = where;
    t.type = token::kind::string;
    const bool raw = prefix.find('r') != std::string::npos;
    const char quote = advance();
    const bool triple = peek() == quote && peek(1) == quote;
    if (triple) {
      advance();
      advance();
    }
    while (true) {
      if (at_end()) {
        throw syntax_error(where, "the string is not closed");
      }
      const char c = peek();
      if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
        advance();
        if (triple) {
          advance();
          advance();
        }
        return t;
      }
      if (c == '\n' && !triple) {
        throw syntax_error(where, "the string is not closed on its line");
      }
      if (c == '\\' && !raw) {
        advance();
        if (at_end()) {
          throw syntax_error(where, "the string is not closed");
        }
        const char e = advance();
        switch (e) {
        case 'n':
          t.text += '\n';
          break;
        case 't':
          t.text += '\t';
          break;
        case '\n':
          break;
        default:
          t.text += e;
        }
        continue;
      }
      t.text += advance();
    }
  }

  std::string_view source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
  std::size_t depth_ = 0;
  std::vector<location> opened_;
};

class parser {
public:
  explicit parser(std::vector<token> tokens) : tokens_(std::move(tokens)) {}

  std::vector<statement> run() {
    std::vector<statement> out;
    while (peek().type != token::kind::end) {
      if (peek().type == token::kind::newline) {
        next();
        continue;
      }
      if (peek().type == token::kind::name && (peek().text == "import" || peek().text == "from")) {
        out.push_back(import_statement());
        continue;
      }
      statement s;
      s.where = peek().where;
      s.unpack = unpack_targets();
      if (s.unpack.empty()) {
        s.target = assignment_target();
      }
      s.expression = expression(0);
      if (is_op(",")) { // a, b = 8, 2: a bare tuple
        value tuple;
        tuple.type = value::kind::tuple;
        tuple.where = s.expression.where;
        tuple.items.push_back(std::move(s.expression));
        while (is_op(",")) {
          next();
          if (peek().type == token::kind::newline || peek().type == token::kind::end) {
            break;
          }
          tuple.items.push_back(expression(0));
        }
        s.expression = std::move(tuple);
      }
      if (peek().type != token::kind::newline && peek().type != token::kind::end) {
        throw syntax_error(peek().where, "expected the end of the statement, got " + spell(peek()));
      }
      out.push_back(std::move(s));
    }
    return out;
  }

private:
  static constexpr std::size_t max_depth = 64;

  [[nodiscard]] const token& peek(std::size_t ahead = 0) const {
    return tokens_[pos_ + ahead < tokens_.size() ? pos_ + ahead : tokens_.size() - 1];
  }
  const token& next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  [[nodiscard]] bool is_op(std::string_view op) const {
    return peek().type == token::kind::op && peek().text == op;
  }
  static std::string spell(const token& t) {
    switch (t.type) {
    case token::kind::newline:
      return "the end of the line";
    case token::kind::end:
      return "the end of the input";
    case token::kind::string:
      return "a string";
    default:
      return "'" + t.text + "'";
    }
  }
  void expect(std::string_view op) {
    if (!is_op(op)) {
      throw syntax_error(peek().where, "expected '" + std::string(op) + "', got " + spell(peek()));
    }
    next();
  }

  // `name =` or `self.lstm =`: consumes and returns the target, or returns "" and consumes nothing.
  std::string assignment_target() {
    std::size_t ahead = 0;
    std::string target;
    while (peek(ahead).type == token::kind::name) {
      target += peek(ahead).text;
      const token& after = peek(ahead + 1);
      if (after.type == token::kind::op && after.text == "=") {
        pos_ += ahead + 2;
        return target;
      }
      if (after.type != token::kind::op || after.text != ".") {
        return "";
      }
      target += ".";
      ahead += 2;
    }
    return "";
  }

  // `a, b, c =`, `(a, b) =` or `[a, b] =`: consumes and returns the names, or returns none and
  // consumes nothing.
  std::vector<std::string> unpack_targets() {
    std::size_t ahead = 0;
    std::string close;
    if (peek().type == token::kind::op && (peek().text == "(" || peek().text == "[")) {
      close = peek().text == "(" ? ")" : "]";
      ++ahead;
    }
    std::vector<std::string> names;
    bool comma = false;
    while (peek(ahead).type == token::kind::name) {
      names.push_back(peek(ahead).text);
      const token& after = peek(ahead + 1);
      if (after.type != token::kind::op || after.text != ",") {
        ++ahead;
        break;
      }
      comma = true;
      ahead += 2;
    }
    if (!close.empty()) {
      if (peek(ahead).type != token::kind::op || peek(ahead).text != close) {
        return {};
      }
      ++ahead;
    }
    const token& equals = peek(ahead);
    if (names.empty() || (!comma && close.empty()) || equals.type != token::kind::op || equals.text != "=") {
      return {};
    }
    pos_ += ahead + 1;
    return names;
  }

  // `import a.b as c, d` or `from a.b import c as d, e` (or `*`): the names bound to modules that are not
  // Keras's or TensorFlow's.
  statement import_statement() {
    statement s;
    s.where = peek().where;
    s.is_import = true;
    const bool from = next().text == "from";
    const auto dotted = [&] { // name(.name)*, after the leading dots of a relative import
      std::string path;
      while (is_op(".")) {
        path += next().text;
      }
      while (peek().type == token::kind::name && peek().text != "import" && peek().text != "as") {
        path += next().text;
        if (!is_op(".")) {
          break;
        }
        path += next().text;
      }
      return path;
    };
    const auto ours = [](const std::string& module) {
      for (std::string_view root : {"keras", "tensorflow", "tf", "tf_keras"}) {
        if (module == root || module.starts_with(std::string{root} + ".")) {
          return true;
        }
      }
      return false;
    };
    std::string module;
    if (from) {
      module = dotted();
      if (module.empty() || peek().type != token::kind::name || peek().text != "import") {
        throw syntax_error(s.where, "this import statement is not Python");
      }
      next();
    }
    const bool parenthesized = from && is_op("(");
    if (parenthesized) {
      next();
    }
    std::size_t names = 0;
    while (peek().type != token::kind::newline && peek().type != token::kind::end && !is_op(")")) {
      ++names;
      if (from && is_op("*")) {
        next();
      } else {
        const std::string name = dotted();
        if (name.empty()) {
          throw syntax_error(s.where, "this import statement is not Python");
        }
        std::string bound = from ? name : name.substr(0, name.find('.'));
        if (peek().type == token::kind::name && peek().text == "as") {
          next();
          if (peek().type != token::kind::name) {
            throw syntax_error(s.where, "this import statement is not Python");
          }
          bound = next().text;
        }
        if (!ours(from ? module : name)) {
          s.foreign_names.push_back(bound);
        }
      }
      if (is_op(",")) {
        next();
      } else if (peek().type != token::kind::newline && peek().type != token::kind::end && !is_op(")")) {
        throw syntax_error(s.where, "this import statement is not Python");
      }
    }
    if (names == 0 || (!parenthesized && is_op(")"))) {
      throw syntax_error(s.where, "this import statement is not Python");
    }
    if (parenthesized) {
      expect(")");
    }
    return s;
  }

  value expression(std::size_t depth) {
    if (depth > max_depth) {
      throw syntax_error(peek().where, "expressions nested more than 64 deep");
    }
    value v = atom(depth);
    while (true) {
      if (is_op(".")) {
        next();
        if (peek().type != token::kind::name) {
          throw syntax_error(peek().where, "expected a name after '.', got " + spell(peek()));
        }
        if (v.type == value::kind::call || v.type == value::kind::subscript) { // Model(x, y).summary
          value attribute;
          attribute.type = value::kind::attribute;
          attribute.where = v.where;
          attribute.text = next().text;
          attribute.items.push_back(std::move(v));
          v = std::move(attribute);
          continue;
        }
        if (v.type != value::kind::name) {
          throw syntax_error(peek().where, "attribute access on " + v.describe() + " is not model code");
        }
        v.text += "." + next().text;
      } else if (is_op("(")) {
        v = call(std::move(v), depth);
      } else if (is_op("[")) {
        v = subscript(std::move(v), depth);
      } else {
        return v;
      }
    }
  }

  value call(value callee, std::size_t depth) {
    value v;
    v.type = value::kind::call;
    v.where = callee.where;
    if (callee.type == value::kind::call || callee.type == value::kind::subscript ||
        callee.type == value::kind::attribute) {
      v.callee.push_back(std::move(callee)); // LSTM(8)(x), layers[0](x)
    } else if (callee.type != value::kind::name) {
      throw syntax_error(callee.where, "calling " + callee.describe() + " is not model code");
    } else {
      v.text = callee.text;
    }
    next(); // (
    while (!is_op(")")) {
      if (is_op("*") || is_op("**")) {
        throw syntax_error(peek().where, "*args and **kwargs are not supported");
      }
      if (peek().type == token::kind::name && peek(1).type == token::kind::op && peek(1).text == "=") {
        const token key = next();
        next();
        for (const value& given : v.keywords) {
          if (given.keyword == key.text) {
            throw syntax_error(key.where, "keyword argument repeated: " + key.text);
          }
        }
        v.keywords.push_back(expression(depth + 1));
        v.keywords.back().keyword = key.text;
        v.keywords.back().keyword_where = key.where;
      } else {
        if (!v.keywords.empty()) {
          throw syntax_error(peek().where, "positional argument follows keyword argument");
        }
        v.items.push_back(expression(depth + 1));
      }
      if (!is_op(")")) {
        expect(",");
      }
    }
    next(); // )
    return v;
  }

  // object[index]: one index (a tuple of them as a tuple); slices are not model code.
  value subscript(value object, std::size_t depth) {
    value v;
    v.type = value::kind::subscript;
    v.where = object.where;
    next(); // [
    v.items.push_back(std::move(object));
    value index;
    index.type = value::kind::tuple;
    index.where = peek().where;
    while (!is_op("]")) {
      if (is_op(":")) {
        throw syntax_error(peek().where, "slicing is not model code");
      }
      index.items.push_back(expression(depth + 1));
      if (is_op(":")) {
        throw syntax_error(peek().where, "slicing is not model code");
      }
      if (!is_op("]")) {
        expect(",");
      }
    }
    if (index.items.empty()) {
      throw syntax_error(peek().where, "expected an index, got ']'");
    }
    next(); // ]
    v.items.push_back(index.items.size() == 1 ? std::move(index.items.front()) : std::move(index));
    return v;
  }

  value sequence(value::kind kind, std::string_view close, std::size_t depth) {
    value v;
    v.type = kind;
    v.where = next().where;
    bool trailing_comma = false;
    while (!is_op(close)) {
      v.items.push_back(expression(depth + 1));
      if (kind == value::kind::dict) {
        expect(":");
        v.items.push_back(expression(depth + 1));
      }
      trailing_comma = false;
      if (!is_op(close)) {
        expect(",");
        trailing_comma = true;
      }
    }
    next();
    if (kind == value::kind::tuple && v.items.size() == 1 && !trailing_comma) {
      value inner = std::move(v.items.front());
      return inner; // (x) is x, (x,) is a tuple
    }
    return v;
  }

  value atom(std::size_t depth) {
    const token& t = peek();
    value v;
    v.where = t.where;
    switch (t.type) {
    case token::kind::name:
      next();
      if (t.text == "None") {
        v.type = value::kind::none;
      } else if (t.text == "True" || t.text == "False") {
        v.type = value::kind::boolean;
        v.boolean = t.text == "True";
      } else if (t.text == "lambda" || t.text == "def" || t.text == "class" || t.text == "for" ||
                 t.text == "if" || t.text == "while" || t.text == "with" || t.text == "return") {
        throw syntax_error(t.where, "'" + t.text + "' is not model code");
      } else {
        v.type = value::kind::name;
        v.text = t.text;
      }
      return v;
    case token::kind::integer:
      next();
      v.type = value::kind::integer;
      v.integer = t.integer;
      return v;
    case token::kind::floating:
      next();
      v.type = value::kind::floating;
      v.floating = t.floating;
      return v;
    case token::kind::string:
      v.type = value::kind::string;
      while (peek().type == token::kind::string) { // "a" "b" is "ab"
        v.text += next().text;
      }
      return v;
    case token::kind::op:
      if (t.text == "(") {
        return sequence(value::kind::tuple, ")", depth);
      }
      if (t.text == "[") {
        return sequence(value::kind::list, "]", depth);
      }
      if (t.text == "{") {
        return sequence(value::kind::dict, "}", depth);
      }
      if (t.text == "?") {
        next();
        v.type = value::kind::placeholder;
        return v;
      }
      if (t.text == "-" || t.text == "+") {
        if (depth > max_depth) {
          throw syntax_error(t.where, "expressions nested more than 64 deep");
        }
        const bool negative = next().text == "-";
        value operand = atom(depth + 1);
        if (operand.type == value::kind::integer) {
          operand.integer = negative ? -operand.integer : operand.integer;
        } else if (operand.type == value::kind::floating) {
          operand.floating = negative ? -operand.floating : operand.floating;
        } else {
          throw syntax_error(t.where, "a sign before " + operand.describe());
        }
        operand.where = t.where;
        return operand;
      }
      break;
    default:
      break;
    }
    throw syntax_error(t.where, "expected a value, got " + spell(t));
  }

  std::vector<token> tokens_;
  std::size_t pos_ = 0;
};

} // namespace

std::vector<statement> parse_python(std::string_view source) {
  tokenizer lexer(source);
  std::vector<token> tokens = lexer.run();
  if (!lexer.unclosed().empty()) {
    throw syntax_error(lexer.unclosed().back(), "this bracket is never closed");
  }
  return parser(std::move(tokens)).run();
}

} // namespace rnnparams::cli
