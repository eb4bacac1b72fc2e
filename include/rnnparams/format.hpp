// rnnparams/format.hpp: Keras- and torchinfo-identical summaries, and {fmt} formatters for shapes and layers.
// SPDX-License-Identifier: MIT
#pragma once

// The only rnnparams header that needs {fmt} (>= 9.1); link rnnparams::format to get it.
#include <rnnparams/rnnparams.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace rnnparams::keras {

/// Which generation of Keras's model.summary() to reproduce.
enum class summary_style {
  keras3,   ///< Keras 3: rich's box table, thousands separators, sizes in B/KB/MB.
  tf_keras, ///< tf.keras 2.13–2.15 and tf-keras: 65 wide, cells wrapped character by character.
  keras2    ///< tf.keras <= 2.6, the format of most answers online: 65 wide, cells cut.
};

/// How summary() prints.
struct summary_options {
  summary_style style = summary_style::keras3;
  /// The table's width; 0 means the style's default: keras3 88 (100 with show_trainable), else 65.
  std::size_t line_length = 0;
  /// Adds the Trainable column (keras3, tf_keras; tf.keras <= 2.6 had none).
  bool show_trainable = false;
  /// The weights' type, for the byte sizes of the totals.
  rnnparams::dtype dtype = rnnparams::dtype::float32;
  /// keras3 only: rich's ASCII box, as rich draws on a console that cannot show box characters.
  bool ascii = false;
  /// The name in the title line `Model: "sequential"`.
  std::string_view name = "sequential";
  /// rnnparams's extension, never printed by Keras: after the Keras text, a table of each layer's
  /// multiply-accumulates per sample and weight memory, and the total MACs.
  bool show_costs = false;
};

} // namespace rnnparams::keras

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

/// Python's repr of a shape tuple with its batch axis: "(None, 10)", "(None,)".
inline std::string tuple_batch_string(const shape& s) {
  std::string text = to_batch_string(s);
  if (s.rank() == 0) {
    text.insert(text.size() - 1, ",");
  }
  return text;
}

/// One row of a summary table, as every style needs it.
struct summary_row {
  std::string layer;  // "simple_rnn (SimpleRNN)"
  shape output_shape; // without the batch axis
  std::uint64_t params = 0;
  bool trainable = true;
  bool has_weights = false;
  std::string name;
  std::optional<std::uint64_t> macs;
};

/// What the totals lines need.
struct summary_totals {
  std::uint64_t params = 0;
  std::uint64_t trainable = 0;
  std::uint64_t non_trainable = 0;
  std::optional<std::uint64_t> macs;
};

inline std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
  }
  return n;
}

inline std::string rstrip(std::string s) {
  while (!s.empty() && s.back() == ' ') {
    s.pop_back();
  }
  return s;
}

// ---- keras3: rich's table ----------------------------------------------------------------------

/// The content width of each column: Keras's positions, then rich's ratio_reduce of the excess.
inline std::vector<std::size_t> keras3_widths(std::size_t line_length, bool show_trainable) {
  std::vector<double> positions{0.45, 0.80, 1.0};
  if (show_trainable) {
    positions = {0.45 * 0.90, 0.80 * 0.90, 1.0 * 0.90, 1.0};
  }
  std::vector<std::size_t> widths; // with the 1-space padding on each side
  std::size_t used = 0;
  for (double p : positions) {
    const auto end = static_cast<std::size_t>(p * static_cast<double>(line_length));
    if (end < used + 1) {
      throw invalid_model("rnnparams::keras::summary: line_length " + std::to_string(line_length) +
                          " is too small for the table");
    }
    widths.push_back(end - used + 2);
    used = end;
  }
  const std::size_t columns = widths.size();
  std::size_t table = 0;
  for (std::size_t w : widths) {
    table += w;
  }
  const std::size_t inside = line_length - (columns + 1);
  if (table > inside) {
    auto remaining = static_cast<double>(table - inside);
    auto ratio = static_cast<double>(columns);
    for (std::size_t& w : widths) {
      const auto share = static_cast<std::size_t>(std::nearbyint(remaining / ratio)); // ties to even
      const std::size_t cut = share < w ? share : w;
      w -= cut;
      remaining -= static_cast<double>(cut);
      ratio -= 1;
    }
  }
  std::vector<std::size_t> content;
  for (std::size_t w : widths) {
    if (w < 3) {
      throw invalid_model("rnnparams::keras::summary: line_length " + std::to_string(line_length) +
                          " is too small for the table");
    }
    content.push_back(w - 2);
  }
  return content;
}

/// rich's word wrap with overflow="ellipsis": words are \s*\S+\s*; a word wider than the column is
/// cut to width - 1 characters and "…" (or "." with an ASCII box).
inline std::vector<std::string> keras3_wrap(std::string_view text, std::size_t width, bool ascii) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    while (i < text.size() && text[i] == ' ') {
      ++i;
    }
    while (i < text.size() && text[i] != ' ') {
      ++i;
    }
    while (i < text.size() && text[i] == ' ') {
      ++i;
    }
    words.emplace_back(text.substr(start, i - start));
  }
  std::vector<std::string> lines;
  std::string current;
  std::size_t offset = 0;
  for (const std::string& word : words) {
    const std::size_t length = rstrip(word).size();
    if (offset + length <= width) {
      current += word;
      offset += word.size();
    } else {
      if (!current.empty()) {
        lines.push_back(current);
      }
      current = word;
      offset = word.size();
    }
  }
  lines.push_back(current);
  for (std::string& line : lines) {
    line = rstrip(line);
    if (line.size() > width) {
      line = line.substr(0, width - 1) + (ascii ? "." : "\u2026");
    }
  }
  return lines;
}

enum class align { left, right, center };

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

inline void keras3_table(std::string& out, const std::vector<summary_row>& rows,
                         const keras::summary_options& o) {
  const std::size_t line_length = o.line_length != 0 ? o.line_length : (o.show_trainable ? 100 : 88);
  const std::vector<std::size_t> widths = keras3_widths(line_length, o.show_trainable);
  const std::vector<align> aligns{align::left, align::left, align::right, align::center};
  struct box {
    std::string_view top[4], head, head_row[4], row[4], body, bottom[4];
  };
  static constexpr box heavy_head{
      {"\u250f", "\u2501", "\u2533", "\u2513"}, "\u2503", {"\u2521", "\u2501", "\u2547", "\u2529"},
      {"\u251c", "\u2500", "\u253c", "\u2524"}, "\u2502", {"\u2514", "\u2500", "\u2534", "\u2518"}};
  static constexpr box ascii_box{{"+", "-", "-", "+"}, "|", {"|", "-", "+", "|"},
                                 {"|", "-", "+", "|"}, "|", {"+", "-", "-", "+"}};
  const box& b = o.ascii ? ascii_box : heavy_head;

  const auto rule = [&](const std::string_view(&parts)[4]) {
    std::string line{parts[0]};
    for (std::size_t c = 0; c < widths.size(); ++c) {
      if (c != 0) {
        line += parts[2];
      }
      for (std::size_t k = 0; k < widths[c] + 2; ++k) {
        line += parts[1];
      }
    }
    line += parts[3];
    out += line;
    out += '\n';
  };
  const auto table_row = [&](const std::vector<std::string>& cells, std::string_view vertical) {
    std::vector<std::vector<std::string>> wrapped;
    std::size_t height = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      wrapped.push_back(keras3_wrap(cells[c], widths[c], o.ascii));
      height = wrapped.back().size() > height ? wrapped.back().size() : height;
    }
    for (std::size_t k = 0; k < height; ++k) {
      std::string line{vertical};
      for (std::size_t c = 0; c < cells.size(); ++c) {
        line += ' ';
        line += justify(k < wrapped[c].size() ? wrapped[c][k] : std::string{}, widths[c], aligns[c]);
        line += ' ';
        line += vertical;
      }
      out += line;
      out += '\n';
    }
  };

  std::vector<std::string> header{"Layer (type)", "Output Shape", "Param #"};
  if (o.show_trainable) {
    header.emplace_back("Trainable");
  }
  rule(b.top);
  table_row(header, b.head);
  rule(b.head_row);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i != 0) {
      rule(b.row);
    }
    std::vector<std::string> cells{rows[i].layer, to_batch_string(rows[i].output_shape),
                                   group_thousands(rows[i].params)};
    if (o.show_trainable) {
      cells.emplace_back(!rows[i].has_weights ? "-" : rows[i].trainable ? "Y" : "N");
    }
    table_row(cells, b.body);
  }
  rule(b.bottom);
}

// ---- tf_keras (2.13–2.15) and keras2 (<= 2.6): 65 columns ---------------------------------------

inline std::vector<std::size_t> keras2_positions(const keras::summary_options& o) {
  const std::size_t line_length = o.line_length != 0 ? o.line_length : 65;
  std::vector<std::size_t> positions;
  for (double p : {0.45, 0.85, 1.0}) {
    positions.push_back(static_cast<std::size_t>(static_cast<double>(line_length) * p));
  }
  if (positions[0] < 4 || positions[1] < positions[0] + 4 || positions[2] < positions[1] + 2) {
    throw invalid_model("rnnparams::keras::summary: line_length " + std::to_string(line_length) +
                        " is too small for the table");
  }
  if (o.show_trainable) {
    positions.push_back(line_length + 11);
  }
  return positions;
}

/// tf.keras 2.15's print_row: each column's text is cut into chunks that fit, one per line,
/// character by character; every line starts with a space.
inline void tf_keras_row(std::string& out, std::vector<std::string> fields,
                         const std::vector<std::size_t>& pos) {
  const std::size_t last = pos.size() - 1;
  const auto any_left = [&] {
    for (const std::string& f : fields) {
      if (!f.empty()) {
        return true;
      }
    }
    return false;
  };
  do {
    std::string line;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const std::size_t start = c != 0 ? pos[c - 1] : 0;
      const std::size_t space = c == last ? 0 : 2;
      std::size_t cutoff = pos[c] - start - space - (c == last ? 0 : 1);
      std::string chunk = fields[c].substr(0, cutoff);
      std::size_t first_break = std::string::npos;
      for (std::string_view pair : {"),", "},", "],", "',"}) {
        const std::size_t at = chunk.find(pair);
        if (at != std::string::npos && at + 2 < first_break) {
          first_break = at + 2;
        }
      }
      if (first_break != std::string::npos) {
        cutoff = first_break;
        chunk = chunk.substr(0, cutoff);
      }
      if (c == 0) {
        line += ' ';
      }
      line += chunk + std::string(space, ' ');
      fields[c] = fields[c].size() > cutoff ? fields[c].substr(cutoff) : std::string{};
      if (line.size() < pos[c]) {
        line += std::string(pos[c] - line.size(), ' ');
      }
    }
    out += line;
    out += '\n';
  } while (any_left());
}

/// tf.keras 2.6's print_row: each column's text is cut at the column's end; no wrapping.
inline void keras2_row(std::string& out, const std::vector<std::string>& fields,
                       const std::vector<std::size_t>& pos) {
  std::string line;
  for (std::size_t c = 0; c < fields.size(); ++c) {
    if (c != 0) {
      line.back() = ' ';
    }
    line = (line + fields[c]).substr(0, pos[c]);
    line += std::string(pos[c] - line.size(), ' ');
  }
  out += line;
  out += '\n';
}

inline void keras2_table(std::string& out, const std::vector<summary_row>& rows,
                         const keras::summary_options& o) {
  const bool tf_keras = o.style == keras::summary_style::tf_keras;
  if (!tf_keras && o.show_trainable) {
    throw invalid_model(
        "rnnparams::keras::summary: the keras2 style (tf.keras <= 2.6) has no show_trainable");
  }
  const std::vector<std::size_t> pos = keras2_positions(o);
  const std::size_t width = pos.back();
  std::vector<std::string> header{"Layer (type)", "Output Shape", "Param #"};
  if (o.show_trainable) {
    header.emplace_back("Trainable");
  }
  out += std::string(width, '_') + '\n';
  if (tf_keras) {
    tf_keras_row(out, header, pos);
  } else {
    keras2_row(out, header, pos);
  }
  out += std::string(width, '=') + '\n';
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::string> cells{rows[i].layer, tuple_batch_string(rows[i].output_shape),
                                   std::to_string(rows[i].params)};
    if (tf_keras) {
      if (o.show_trainable) {
        cells.emplace_back(rows[i].trainable ? "Y" : "N");
      }
      tf_keras_row(out, cells, pos);
      out += std::string(width, ' ') + '\n';
    } else {
      keras2_row(out, cells, pos);
      out += std::string(width, i + 1 == rows.size() ? '=' : '_') + '\n';
    }
  }
  if (tf_keras) {
    out += std::string(width, '=') + '\n';
  }
}

// ---- the whole summary ---------------------------------------------------------------------------

inline std::string render_summary(const std::vector<summary_row>& rows, const summary_totals& totals,
                                  const keras::summary_options& o) {
  std::string out = fmt::format("Model: \"{}\"\n", o.name);
  const auto bytes = [&](std::uint64_t params) {
    return static_cast<double>(params) * static_cast<double>(size_of(o.dtype));
  };
  static constexpr std::string_view byte_units[6] = {"Byte", "KB", "MB", "GB", "TB", "PB"};
  static constexpr std::string_view b_units[6] = {"B", "KB", "MB", "GB", "TB", "PB"};
  switch (o.style) {
  case keras::summary_style::keras3:
    keras3_table(out, rows, o);
    out += fmt::format(" Total params: {} ({})\n", group_thousands(totals.params),
                       readable_size(bytes(totals.params), b_units));
    out += fmt::format(" Trainable params: {} ({})\n", group_thousands(totals.trainable),
                       readable_size(bytes(totals.trainable), b_units));
    out += fmt::format(" Non-trainable params: {} ({})\n", group_thousands(totals.non_trainable),
                       readable_size(bytes(totals.non_trainable), b_units));
    break;
  case keras::summary_style::tf_keras:
    keras2_table(out, rows, o);
    out += fmt::format("Total params: {} ({})\n", totals.params,
                       readable_size(bytes(totals.params), byte_units));
    out += fmt::format("Trainable params: {} ({})\n", totals.trainable,
                       readable_size(bytes(totals.trainable), byte_units));
    out += fmt::format("Non-trainable params: {} ({})\n", totals.non_trainable,
                       readable_size(bytes(totals.non_trainable), byte_units));
    out += std::string(keras2_positions(o).back(), '_') + '\n';
    break;
  case keras::summary_style::keras2:
    keras2_table(out, rows, o);
    out += fmt::format("Total params: {}\n", group_thousands(totals.params));
    out += fmt::format("Trainable params: {}\n", group_thousands(totals.trainable));
    out += fmt::format("Non-trainable params: {}\n", group_thousands(totals.non_trainable));
    out += std::string(keras2_positions(o).back(), '_') + '\n';
    break;
  }
  if (o.show_costs) {
    const auto macs = [](const std::optional<std::uint64_t>& m) {
      return m ? group_thousands(*m) : std::string{"unknown (None)"};
    };
    out +=
        fmt::format("\n Costs (rnnparams; Keras does not print these), weights as {}:\n", name_of(o.dtype));
    out += fmt::format(" {:<32}{:>20}{:>16}\n", "Layer", "MACs per sample", "Weight memory");
    for (const summary_row& row : rows) {
      out += fmt::format(" {:<32}{:>20}{:>16}\n", row.name, macs(row.macs),
                         readable_size(bytes(row.params), b_units));
    }
    out += fmt::format(" Total MACs per sample: {}\n", macs(totals.macs));
  }
  return out;
}

/// A layer as Keras code: its class, its required arguments by position, and every other described
/// argument whose value differs from its default, by keyword: "LSTM(64, return_sequences=True)",
/// "Bidirectional(GRU(8), merge_mode=\"sum\")". Walks the layer's describe(), as the readers do.
inline std::string keras_call(const keras::layer& l);

template <class Layer>
class keras_call_writer : public argument_probe { // the other words write nothing
public:
  explicit keras_call_writer(const Layer& layer) : layer_{layer} {}

  template <class T>
  void field(std::string_view key, T Layer::*member, arg options = {}) {
    const T& value = layer_.*member;
    if (options.required && !options.keyword_only) {
      write({}, value);
    } else if constexpr (!requires { value.index(); }) { // a wrapped layer is always required
      if (!(value == Layer{}.*member)) {
        write(key, value);
      }
    }
  }
  [[nodiscard]] std::string text() {
    if (!layer_.trainable) {
      write("trainable", false);
    }
    return fmt::format("{}({})", Layer::class_name, args_);
  }

private:
  template <class T>
  void write(std::string_view key, const T& value) {
    args_ += args_.empty() ? "" : ", ";
    if (!key.empty()) {
      args_ += fmt::format("{}=", key);
    }
    if constexpr (std::is_same_v<T, bool>) {
      args_ += value ? "True" : "False";
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      args_ += fmt::format("\"{}\"", value);
    } else if constexpr (std::is_same_v<T, std::optional<std::int64_t>>) {
      args_ += value ? fmt::format("{}", *value) : std::string{"None"};
    } else if constexpr (std::is_same_v<T, int_tuple>) { // Reshape's target_shape, Permute's dims
      args_ += to_string(value);
    } else if constexpr (requires { value.index(); }) { // a wrapped layer
      args_ += std::visit([](const auto& inner) { return keras_call(keras::layer{inner}); }, value);
    } else {
      args_ += fmt::format("{}", value);
    }
  }

  const Layer& layer_;
  std::string args_;
};

inline std::string keras_call(const keras::layer& l) {
  return std::visit(
      [](const auto& x) {
        keras_call_writer<std::remove_cvref_t<decltype(x)>> writer{x};
        std::remove_cvref_t<decltype(x)>::describe(writer);
        return writer.text();
      },
      l);
}

/// Sequential<N> and keras::model.
template <class T>
concept keras_model = requires(const T& m) {
  { m.info(std::size_t{}) } -> std::same_as<keras::layer_info>;
  { m.count_params() } -> std::same_as<std::uint64_t>;
};

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// The text Keras's model.summary() prints for `model`, byte for byte, in the chosen style.
template <rnnparams::detail::keras_model Model>
std::string summary(const Model& model, const summary_options& options = {}) {
  std::vector<rnnparams::detail::summary_row> rows;
  for (std::size_t i = 0; i < model.size(); ++i) {
    const layer_info info = model.info(i);
    rows.push_back({fmt::format("{} ({})", info.name.view(), info.class_name), info.output_shape, info.params,
                    info.trainable, !info.weights.empty(), std::string{info.name.view()}, info.macs});
  }
  const rnnparams::detail::summary_totals totals{model.count_params(), model.trainable_params(),
                                                 model.non_trainable_params(), model.macs()};
  return rnnparams::detail::render_summary(rows, totals, options);
}

/// Writes summary(model, options) to `file` (stdout by default).
template <rnnparams::detail::keras_model Model>
void print_summary(const Model& model, const summary_options& options = {}, std::FILE* file = stdout) {
  const std::string text = summary(model, options);
  if (std::fwrite(text.data(), 1, text.size(), file) != text.size()) {
    throw std::runtime_error("rnnparams::keras::print_summary: could not write the summary");
  }
}

} // namespace rnnparams::keras

/// "None" or the size.
template <>
struct fmt::formatter<rnnparams::dim> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(rnnparams::dim d, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rnnparams::to_string(d), ctx);
  }
};

/// "(3, 1)", Python's tuple as Keras prints input_shape; "{:b}" adds the batch axis: "(None, 3, 1)".
template <>
struct fmt::formatter<rnnparams::shape> {
  bool batch = false;

  constexpr auto parse(format_parse_context& ctx) -> decltype(ctx.begin()) {
    auto it = ctx.begin();
    if (it != ctx.end() && *it == 'b') {
      batch = true;
      ++it;
    }
    if (it != ctx.end() && *it != '}') {
      throw format_error("rnnparams::shape takes {} or {:b}");
    }
    return it;
  }
  template <class FormatContext>
  auto format(const rnnparams::shape& s, FormatContext& ctx) const -> decltype(ctx.out()) {
    const std::string text = batch ? rnnparams::to_batch_string(s) : rnnparams::to_string(s);
    return std::copy(text.begin(), text.end(), ctx.out());
  }
};

/// "kernel (1, 10)", "forward/kernel (1, 10)" for a Bidirectional copy's weight.
template <>
struct fmt::formatter<rnnparams::weight> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const rnnparams::weight& w, FormatContext& ctx) const -> decltype(ctx.out()) {
    const std::string scope = w.scope.empty() ? std::string{} : fmt::format("{}/", w.scope);
    return fmt::formatter<std::string_view>::format(
        fmt::format("{}{} {}", scope, w.name, rnnparams::to_string(w.shape)), ctx);
  }
};

/// A Keras layer as Keras code: "SimpleRNN(10)", "Bidirectional(LSTM(64, return_sequences=True))".
template <>
struct fmt::formatter<rnnparams::keras::layer> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const rnnparams::keras::layer& l, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rnnparams::detail::keras_call(l), ctx);
  }
};

/// Keras 3's summary() of a Sequential or keras::model, with the default options.
template <class Model>
struct fmt::formatter<Model, char, std::enable_if_t<rnnparams::detail::keras_model<Model>>>
    : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const Model& m, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rnnparams::keras::summary(m), ctx);
  }
};

// =================================================================================================
// torchinfo: rnnparams::torch::summary() prints what torchinfo.summary() prints, byte for byte.
// The port follows TylerYep/torchinfo (main after v1.8.0, commit 5c4164f): model_statistics.py
// (totals, format_output_num), formatting.py (rows, widths), layer_info.py (calculate_macs).
// tools/torchinfo_summary/README.md lists every rule; docs/torch.md says what is covered.
// =================================================================================================

namespace rnnparams::torch {

/// What summary() runs, after torchinfo.summary's arguments (its other arguments keep their defaults).
struct summary_options {
  /// torchinfo's input_size: the whole input tensor's shape, batch axis included ({100, 32, 300} for
  /// an LSTM's (L, N, H_in)). Without it nothing runs: only the Param # column and the totals print.
  std::optional<rnnparams::shape> input_size;
  /// torchinfo's dtypes=[...]: "float32" (its default), or "int64" / "int32" for the indices a first
  /// Embedding takes (dtypes=[torch.long]).
  std::string_view dtype = "float32";
};

} // namespace rnnparams::torch

namespace rnnparams::detail {

inline constexpr std::string_view torchinfo_who = "rnnparams::torch::summary";

/// sys.getsizeof() of a tensor's storage beyond its bytes: the Python object, 56 bytes with torch 1.13
/// on Python 3.11 and with torch 2.x on Python 3.12+. torchinfo's "Input size" is this + the data.
inline constexpr std::uint64_t torchinfo_storage_overhead = 56;

/// Inserts Python's "," separators in the integer part of a decimal number: "1234.50" -> "1,234.50".
inline std::string torchinfo_group(std::string digits) {
  std::size_t end = digits.find('.');
  end = end == std::string::npos ? digits.size() : end;
  for (std::size_t at = end; at > 3; at -= 3) {
    digits.insert(at - 3, 1, ',');
  }
  return digits;
}

/// ModelStatistics.format_output_num: ": 3,768,320", " (M): 376.83", " (kB): 8", " (GB): 1.54".
/// With automatic units (mult-adds, sizes) the value is divided by 1e12/1e9/1e6/1e3 (T, G, M, k) if it
/// is at least that, or printed as it is; without (params) it goes through float(num) / 1. A float
/// that is a whole number prints without decimals, others with "{:,.2f}" (round half to even).
inline std::string torchinfo_number(std::uint64_t num, bool automatic_units, bool is_bytes) {
  const auto value = static_cast<double>(num); // exact below 2^53; only the T range is ever rounded
  std::string_view unit;
  double divisor = 1;
  if (automatic_units) {
    static constexpr std::pair<double, std::string_view> units[] = {
        {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
    for (const auto& [factor, name] : units) {
      if (value >= factor) {
        divisor = factor;
        unit = name;
        break;
      }
    }
    if (unit.empty()) {
      return ": " + group_thousands(num); // Units.NONE: the int itself
    }
  }
  const double converted = value / divisor;
  const std::string text = std::trunc(converted) == converted ? fmt::format("{:.0f}", converted)
                                                              : fmt::format("{:.2f}", converted);
  const std::string units_display =
      unit.empty() ? std::string{} : fmt::format(" ({}{})", unit, is_bytes ? "B" : "");
  return units_display + ": " + torchinfo_group(text);
}

/// Python's str() of a shape list: "[100, 32, 512]"; "--" for an empty one (FormattingOptions.str_).
inline std::string torchinfo_shape(const shape& s) {
  if (s.rank() == 0) {
    return "--";
  }
  std::string text = "[";
  for (std::size_t axis = 0; axis < s.rank(); ++axis) {
    text += axis == 0 ? "" : ", ";
    text += std::to_string(s[axis].value());
  }
  return text + "]";
}

/// The product of dims [first, last) of a known shape (1 for none), checked.
inline std::uint64_t torchinfo_prod(const shape& s, std::size_t first, std::size_t last) {
  std::uint64_t n = 1;
  for (std::size_t axis = first; axis < last && axis < s.rank(); ++axis) {
    n = checked_mul(n, s[axis].value(), torchinfo_who);
  }
  return n;
}

/// LayerInfo.calculate_macs: each parameter's numel() times a factor its name and the class choose.
/// "weight"/"bias": output[0], except Conv* (prod(output[:1] + output[2:])) and Linear*
/// (prod(output[:-1])); other names with "weight" or "bias" in them (weight_ih_l0, ...):
/// prod(output[:2]). So an RNN's mult-adds are L·N × its parameter count.
template <class Module>
std::uint64_t torchinfo_macs(const Module& m, const shape& output) {
  const std::string_view class_name = Module::class_name;
  const auto factor = [&](std::string_view name) -> std::uint64_t {
    if (name == "weight" || name == "bias") {
      if (class_name.find("Conv") != std::string_view::npos) {
        return checked_mul(torchinfo_prod(output, 0, 1), torchinfo_prod(output, 2, output.rank()),
                           torchinfo_who);
      }
      if (class_name.find("Linear") != std::string_view::npos) {
        return torchinfo_prod(output, 0, output.rank() == 0 ? 0 : output.rank() - 1);
      }
      return torchinfo_prod(output, 0, 1);
    }
    if (name.find("weight") != std::string_view::npos || name.find("bias") != std::string_view::npos) {
      return torchinfo_prod(output, 0, 2);
    }
    return 0;
  };
  const auto parameters = m.named_parameters();
  if constexpr (std::is_same_v<std::remove_cvref_t<decltype(parameters)>, torch::recurrent_tensor_list>) {
    // weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}, weight_hr_l{k}: one factor for all of
    // them, so no need to walk num_layers·D entries.
    return parameters.empty() ? 0 : checked_mul(m.count_params(), factor(parameters[0].name), torchinfo_who);
  } else {
    std::uint64_t macs = 0;
    for (const torch::named_tensor& p : parameters) {
      macs = checked_add(macs, checked_mul(p.numel(), factor(p.name), torchinfo_who), torchinfo_who);
    }
    return macs;
  }
}

/// Bytes per element of the input dtypes summary() accepts.
inline std::uint64_t torchinfo_element_size(std::string_view dtype) {
  if (dtype == "float32" || dtype == "int32") {
    return 4;
  }
  if (dtype == "int64") {
    return 8;
  }
  // error here: PyTorch's CPU modules run float32 (or integer indices into an Embedding) only
  // clang-format off
  report_invalid(torchinfo_who, "dtype must be \"float32\", or \"int64\" / \"int32\" for an Embedding's indices");
  // clang-format on
}

/// Runs `m` on `input` as the forward pass would, or says why PyTorch would refuse.
inline shape torchinfo_forward(const torch::module& m, std::size_t index, std::size_t count,
                               const shape& input, std::string_view dtype) {
  const std::string_view name = torch::class_name(m);
  const std::string where = fmt::format("{}: module {} ({})", torchinfo_who, index + 1, name);
  const bool indices = dtype != "float32";
  if (std::holds_alternative<torch::Embedding>(m)) {
    if (!indices) {
      // error here: set summary_options::dtype = "int64" (torchinfo: dtypes=[torch.long]); an Embedding
      // after another module gets that module's float32 output, which PyTorch refuses
      throw invalid_model(where +
                          ": Embedding takes int64 or int32 indices, not float32: make it the first module "
                          "and set dtype = \"int64\"");
    }
    if (std::get<torch::Embedding>(m).num_embeddings == 0) {
      throw invalid_model(where + ": index out of range in self (the input's indices are 0)");
    }
  } else if (indices) {
    throw invalid_model(where + fmt::format(": {} takes a float32 input, not {}", name, dtype));
  }
  if (index + 1 < count && (std::holds_alternative<torch::RNN>(m) || std::holds_alternative<torch::LSTM>(m) ||
                            std::holds_alternative<torch::GRU>(m))) {
    // error here: nn.Sequential hands the (output, h_n) tuple to the next module, which cannot take it
    throw invalid_model(where +
                        ": returns a tuple that the next module cannot take: a recurrent module can only "
                        "be the last");
  }
  if (std::holds_alternative<torch::BatchNorm1d>(m) && input.rank() >= 2 &&
      checked_mul(torchinfo_prod(input, 0, 1), torchinfo_prod(input, 2, input.rank()), torchinfo_who) == 1) {
    // error here: a new module is in training mode, where a batch of one value per channel is refused
    throw invalid_model(where +
                        ": Expected more than 1 value per channel when training, got input size torch.Size(" +
                        torchinfo_shape(input) + ")");
  }
  try {
    return std::visit([&](const auto& x) { return x.output_shape(input); }, m);
  } catch (const invalid_model& e) {
    throw invalid_model(fmt::format("{} on input {}: {}", where, torchinfo_shape(input), e.what()));
  }
}

} // namespace rnnparams::detail

namespace rnnparams::torch {

/// What torchinfo.summary(module, input_size=..., dtypes=[...]) prints for one module, or for
/// nn.Sequential(*modules) for none or several (rows `├─LSTM: 1-2`), byte for byte with its final
/// newline. With an input size the modules must really run one after the other, as PyTorch would:
/// an invalid_model says why not.
inline std::string summary(const std::vector<module>& modules, const summary_options& options = {}) {
  using detail::checked_add;
  using detail::checked_mul;
  using detail::torchinfo_who;
  struct row {
    std::size_t depth = 0;
    std::string name;
    std::optional<shape> output;
    std::uint64_t params = 0;
    bool leaf = true;
  };
  const bool sequential = modules.size() != 1;
  std::vector<row> rows;
  if (sequential) {
    rows.push_back({0, "Sequential", std::nullopt, 0, modules.empty()});
  }
  for (std::size_t i = 0; i < modules.size(); ++i) {
    const std::string_view name = class_name(modules[i]);
    rows.push_back({sequential ? 1U : 0U,
                    sequential ? fmt::format("{}: 1-{}", name, i + 1) : std::string{name}, std::nullopt,
                    count_params(modules[i]), true});
  }
  std::uint64_t total_params = 0;
  for (const module& m : modules) {
    total_params = checked_add(total_params, count_params(m), torchinfo_who);
  }

  std::uint64_t mult_adds = 0;
  std::uint64_t output_bytes = 0;
  std::uint64_t input_bytes = 0;
  if (options.input_size) {
    const shape& input = *options.input_size;
    bool valid = input.rank() != 0;
    for (const dim d : input) {
      valid = valid && d.known() && d.value() > 0;
    }
    if (!valid) {
      // error here: every size of input_size must be known and > 0 (torchinfo's own message)
      detail::report_invalid(torchinfo_who, "Input_data is invalid, or negative size found in input_data.");
    }
    input_bytes = checked_add(detail::torchinfo_storage_overhead,
                              checked_mul(input.num_elements(torchinfo_who),
                                          detail::torchinfo_element_size(options.dtype), torchinfo_who),
                              torchinfo_who);
    shape x = input;
    std::string_view dtype = options.dtype;
    for (std::size_t i = 0; i < modules.size(); ++i) {
      x = detail::torchinfo_forward(modules[i], i, modules.size(), x, dtype);
      dtype = "float32";
      row& r = rows[sequential ? i + 1 : 0];
      r.output = x;
      mult_adds = checked_add(
          mult_adds, std::visit([&](const auto& m) { return detail::torchinfo_macs(m, x); }, modules[i]),
          torchinfo_who);
      if (r.params > 0) { // x2 for gradients; every output here is float32
        output_bytes = checked_add(output_bytes,
                                   checked_mul(2, weight_bytes(x.num_elements(torchinfo_who)), torchinfo_who),
                                   torchinfo_who);
      }
    }
    if (sequential) {
      rows[0].output = x;
    }
  }

  // FormattingOptions: a 40-wide name column (wider if a name needs it), 25-wide value columns.
  std::size_t name_width = 40;
  std::size_t longest = 0;
  for (const row& r : rows) {
    const std::size_t length = r.depth * 5 + 1 + r.name.size();
    longest = length > longest ? length : longest;
  }
  if (longest >= name_width) {
    name_width = (longest + 4) / 5 * 5;
  }
  const bool with_input = options.input_size.has_value();
  const std::string divider(name_width + (with_input ? 2U : 1U) * 25U, '=');
  const auto format_row = [&](std::string_view name, std::initializer_list<std::string_view> values) {
    const std::size_t length = detail::utf8_length(name);
    std::string line{name};
    line += std::string(length < name_width ? name_width - length : 0, ' ');
    line += ' ';
    for (std::string_view value : values) {
      line += value;
      line += std::string(value.size() < 25 ? 25 - value.size() : 0, ' ');
      line += ' ';
    }
    return detail::rstrip(line) + '\n';
  };

  std::string out = divider + '\n';
  out += with_input ? format_row("Layer (type:depth-idx)", {"Output Shape", "Param #"})
                    : format_row("Layer (type:depth-idx)", {"Param #"});
  out += divider + '\n';
  for (const row& r : rows) {
    const std::string name = (r.depth == 1 ? "\u251c\u2500" : "") + r.name;
    // a leaf shows its count; the Sequential shows what its children leave over, which is nothing
    const std::string params =
        r.leaf && r.params != 0 ? detail::group_thousands(r.params) : std::string{"--"};
    out += with_input ? format_row(name, {r.output ? detail::torchinfo_shape(*r.output) : "--", params})
                      : format_row(name, {params});
  }
  out += divider + '\n';
  out += "Total params" + detail::torchinfo_number(total_params, false, false) + '\n';
  out += "Trainable params" + detail::torchinfo_number(total_params, false, false) + '\n';
  out += "Non-trainable params" + detail::torchinfo_number(0, false, false) + '\n';
  if (with_input) {
    const std::uint64_t param_bytes = weight_bytes(total_params); // float32 parameters
    const std::uint64_t total_bytes =
        checked_add(checked_add(input_bytes, output_bytes, torchinfo_who), param_bytes, torchinfo_who);
    out += "Total mult-adds" + detail::torchinfo_number(mult_adds, true, false) + '\n';
    out += divider + '\n';
    out += "Input size" + detail::torchinfo_number(input_bytes, true, true) + '\n';
    out += "Forward/backward pass size" + detail::torchinfo_number(output_bytes, true, true) + '\n';
    out += "Params size" + detail::torchinfo_number(param_bytes, true, true) + '\n';
    out += "Estimated Total Size" + detail::torchinfo_number(total_bytes, true, true) + '\n';
  }
  out += divider + '\n';
  return out;
}

/// Writes summary(modules, options) to `file` (stdout by default), as torchinfo.summary prints it.
inline void print_summary(const std::vector<module>& modules, const summary_options& options = {},
                          std::FILE* file = stdout) {
  const std::string text = summary(modules, options);
  if (std::fwrite(text.data(), 1, text.size(), file) != text.size()) {
    throw std::runtime_error("rnnparams::torch::print_summary: could not write the summary");
  }
}

} // namespace rnnparams::torch
