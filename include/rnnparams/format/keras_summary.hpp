// rnnparams/format/keras_summary.hpp: Keras's model.summary() text in its three generations (keras3,
// tf_keras, keras2). SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/dtype.hpp>
#include <rnnparams/errors.hpp>
#include <rnnparams/format/text.hpp>
#include <rnnparams/keras/sequential.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/to_string.hpp>

#include <fmt/format.h>

#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
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
  /// The name in the title line `Model: "sequential"`; empty: the default name of the model's class,
  /// "sequential", or for a keras::Functional "functional" (Keras 3) and "model" (tf.keras 2).
  std::string_view name = {};
  /// rnnparams's extension, never printed by Keras: after the Keras text, a table of each layer's
  /// multiply-accumulates per sample and weight memory, and the total MACs.
  bool show_costs = false;
};

} // namespace rnnparams::keras

namespace rnnparams::detail {

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
  /// A functional model's layer: the outputs of its last call (Keras 3 prints them), whether every call
  /// gave the same ones (else tf.keras 2 prints "multiple"), whether it is an InputLayer, and the tensors
  /// its calls in the model take, "lstm[0][1]".
  bool graph = false;
  std::vector<shape> outputs;
  bool same_outputs = true;
  bool is_input = false;
  std::vector<std::string> connections;
};

/// "[a, b, ...]" of the shapes, each as `spell` writes it: a graph layer's several outputs.
template <class Spell>
std::string shape_list_cell(const std::vector<shape>& shapes, Spell spell) {
  std::string text = "[";
  for (std::size_t k = 0; k < shapes.size(); ++k) {
    text += (k == 0 ? "" : ", ") + spell(shapes[k]);
  }
  return text + "]";
}

/// Keras 3's Output Shape cell: the shape, or a graph layer's outputs as a list.
inline std::string keras3_output_cell(const summary_row& row) {
  if (!row.graph || row.outputs.size() < 2) {
    return to_batch_string(row.output_shape);
  }
  return shape_list_cell(row.outputs, [](const shape& s) { return to_batch_string(s); });
}

/// tf.keras 2's layer.output_shape, printed: Python's tuple, a list of them for several outputs or an
/// InputLayer (its node's outputs are a list), "multiple" when its calls' outputs differ.
inline std::string keras2_output_cell(const summary_row& row) {
  if (!row.graph) {
    return tuple_batch_string(row.output_shape);
  }
  if (!row.same_outputs) {
    return "multiple";
  }
  if (row.outputs.size() == 1 && !row.is_input) {
    return tuple_batch_string(row.outputs[0]);
  }
  return shape_list_cell(row.outputs, [](const shape& s) { return tuple_batch_string(s); });
}

/// What the totals lines need.
struct summary_totals {
  std::uint64_t params = 0;
  std::uint64_t trainable = 0;
  std::uint64_t non_trainable = 0;
  std::optional<std::uint64_t> macs;
};

// ---- keras3: rich's table ----------------------------------------------------------------------

/// The content width of each column: Keras's positions (with the "Connected to" column of a graph's
/// table: 0.3, 0.56, 0.74, 1.0), then rich's ratio_reduce of the excess.
inline std::vector<std::size_t> keras3_widths(std::size_t line_length, bool show_trainable,
                                              bool connections) {
  std::vector<double> positions =
      connections ? std::vector<double>{0.3, 0.56, 0.74, 1.0} : std::vector<double>{0.45, 0.80, 1.0};
  if (show_trainable) {
    for (double& p : positions) {
      p *= 0.90;
    }
    positions.push_back(1.0);
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

/// Keras 3's table; with `connections`, the "Connected to" column of a functional model that is not a
/// chain (Keras's default line length is then 108, with show_trainable 120).
inline void keras3_table(std::string& out, const std::vector<summary_row>& rows,
                         const keras::summary_options& o, bool connections) {
  const std::size_t default_length = (connections ? 108U : 88U) + (o.show_trainable ? 12U : 0U);
  const std::size_t line_length = o.line_length != 0 ? o.line_length : default_length;
  const std::vector<std::size_t> widths = keras3_widths(line_length, o.show_trainable, connections);
  std::vector<align> aligns{align::left, align::left, align::right};
  if (connections) {
    aligns.push_back(align::left);
  }
  aligns.push_back(align::center);
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
  if (connections) {
    header.emplace_back("Connected to");
  }
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
    std::vector<std::string> cells{rows[i].layer, keras3_output_cell(rows[i]),
                                   group_thousands(rows[i].params)};
    if (connections) {
      std::string cell;
      for (const std::string& c : rows[i].connections) {
        cell += (cell.empty() ? "" : ", ") + c;
      }
      cells.push_back(cell.empty() ? "-" : cell);
    }
    if (o.show_trainable) {
      cells.emplace_back(!rows[i].has_weights ? "-" : rows[i].trainable ? "Y" : "N");
    }
    table_row(cells, b.body);
  }
  rule(b.bottom);
}

// ---- tf_keras (2.13–2.15) and keras2 (<= 2.6): 65 columns ---------------------------------------

/// tf.keras 2's column ends: [0.45, 0.85, 1.0] of 65, or with a graph's "Connected to" column of 98,
/// [0.3, 0.6, 0.7, 1.0] (2.15) or [0.33, 0.55, 0.67, 1.0] (2.6); show_trainable adds 11 (2.15).
inline std::vector<std::size_t> keras2_positions(const keras::summary_options& o, bool connections = false) {
  const bool tf_keras = o.style == keras::summary_style::tf_keras;
  const std::size_t line_length = o.line_length != 0 ? o.line_length : (connections ? 98 : 65);
  std::vector<double> fractions{0.45, 0.85, 1.0};
  if (connections) {
    fractions =
        tf_keras ? std::vector<double>{0.3, 0.6, 0.70, 1.0} : std::vector<double>{0.33, 0.55, 0.67, 1.0};
  }
  std::vector<std::size_t> positions;
  for (double p : fractions) {
    positions.push_back(static_cast<std::size_t>(static_cast<double>(line_length) * p));
  }
  for (std::size_t c = 0; c < positions.size(); ++c) {
    const std::size_t start = c == 0 ? 0 : positions[c - 1];
    if (positions[c] < start + (c + 1 == positions.size() ? 2 : 4)) {
      throw invalid_model("rnnparams::keras::summary: line_length " + std::to_string(line_length) +
                          " is too small for the table");
    }
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
                         const keras::summary_options& o, bool connections) {
  const bool tf_keras = o.style == keras::summary_style::tf_keras;
  if (!tf_keras && o.show_trainable) {
    throw invalid_model(
        "rnnparams::keras::summary: the keras2 style (tf.keras <= 2.6) has no show_trainable");
  }
  const std::vector<std::size_t> pos = keras2_positions(o, connections);
  const std::size_t line_length = pos.back();
  std::vector<std::string> header{"Layer (type)", "Output Shape", "Param #"};
  if (connections) {
    header.emplace_back("Connected to");
  }
  if (o.show_trainable) {
    header.emplace_back("Trainable");
  }
  out += std::string(line_length, '_') + '\n';
  if (tf_keras) {
    tf_keras_row(out, header, pos);
  } else {
    keras2_row(out, header, pos);
  }
  out += std::string(line_length, '=') + '\n';
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::string> cells{rows[i].layer, keras2_output_cell(rows[i]),
                                   std::to_string(rows[i].params)};
    if (connections && tf_keras) { // 2.15: Python's str() of the list
      std::string list = "[";
      for (std::size_t k = 0; k < rows[i].connections.size(); ++k) {
        list += (k == 0 ? "'" : ", '") + rows[i].connections[k] + "'";
      }
      cells.push_back(list + "]");
    } else if (connections) { // 2.6: the first, then a row for each further one
      cells.push_back(rows[i].connections.empty() ? std::string{} : rows[i].connections[0]);
    }
    if (tf_keras) {
      if (o.show_trainable) {
        cells.emplace_back(rows[i].trainable ? "Y" : "N");
      }
      tf_keras_row(out, cells, pos);
      out += std::string(line_length, ' ') + '\n';
    } else {
      keras2_row(out, cells, pos);
      for (std::size_t k = 1; connections && k < rows[i].connections.size(); ++k) {
        keras2_row(out, {"", "", "", rows[i].connections[k]}, pos);
      }
      out += std::string(line_length, i + 1 == rows.size() ? '=' : '_') + '\n';
    }
  }
  if (tf_keras) {
    out += std::string(line_length, '=') + '\n';
  }
}

// ---- the whole summary ---------------------------------------------------------------------------

inline std::string render_summary(const std::vector<summary_row>& rows, const summary_totals& totals,
                                  const keras::summary_options& o, bool connections = false) {
  std::string out = fmt::format("Model: \"{}\"\n", o.name);
  const auto bytes = [&](std::uint64_t params) {
    return static_cast<double>(params) * static_cast<double>(size_of(o.dtype));
  };
  static constexpr std::string_view byte_units[6] = {"Byte", "KB", "MB", "GB", "TB", "PB"};
  static constexpr std::string_view b_units[6] = {"B", "KB", "MB", "GB", "TB", "PB"};
  switch (o.style) {
  case keras::summary_style::keras3:
    keras3_table(out, rows, o, connections);
    out += fmt::format(" Total params: {} ({})\n", group_thousands(totals.params),
                       readable_size(bytes(totals.params), b_units));
    out += fmt::format(" Trainable params: {} ({})\n", group_thousands(totals.trainable),
                       readable_size(bytes(totals.trainable), b_units));
    out += fmt::format(" Non-trainable params: {} ({})\n", group_thousands(totals.non_trainable),
                       readable_size(bytes(totals.non_trainable), b_units));
    break;
  case keras::summary_style::tf_keras:
    keras2_table(out, rows, o, connections);
    out += fmt::format("Total params: {} ({})\n", totals.params,
                       readable_size(bytes(totals.params), byte_units));
    out += fmt::format("Trainable params: {} ({})\n", totals.trainable,
                       readable_size(bytes(totals.trainable), byte_units));
    out += fmt::format("Non-trainable params: {} ({})\n", totals.non_trainable,
                       readable_size(bytes(totals.non_trainable), byte_units));
    out += std::string(keras2_positions(o, connections).back(), '_') + '\n';
    break;
  case keras::summary_style::keras2:
    keras2_table(out, rows, o, connections);
    out += fmt::format("Total params: {}\n", group_thousands(totals.params));
    out += fmt::format("Trainable params: {}\n", group_thousands(totals.trainable));
    out += fmt::format("Non-trainable params: {}\n", group_thousands(totals.non_trainable));
    out += std::string(keras2_positions(o, connections).back(), '_') + '\n';
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

/// Sequential<N>, keras::model and Functional<N>.
template <class T>
concept keras_model = requires(const T& m) {
  { m.info(std::size_t{}) } -> std::same_as<keras::layer_info>;
  { m.count_params() } -> std::same_as<std::uint64_t>;
};

/// Functional<N>: a graph, whose summary may have the "Connected to" column.
template <class T>
concept keras_graph_model = keras_model<T> && requires(const T& m) {
  { m.sequential_like() } -> std::same_as<bool>;
  m.inbound(std::size_t{}, std::size_t{});
  m.output_shapes(std::size_t{});
  m.tf_keras_name(std::size_t{});
};

/// A graph layer's facts for the tables: its outputs, whether its calls agree, and its inbound tensors
/// over the model's calls, named by `name_of` (Keras 3's names, or tf.keras 2's).
template <class Model, class NameOf>
void keras_graph_cells(const Model& model, std::size_t i, summary_row& row, const NameOf& name_of) {
  row.graph = true;
  const auto outputs = model.output_shapes(i);
  row.outputs.assign(outputs.begin(), outputs.end());
  row.same_outputs = model.same_output_shapes(i);
  row.is_input = model.call_count(i) == 0;
  for (std::size_t call = 0; call < model.call_count(i); ++call) {
    for (const auto& c : model.inbound(i, call)) {
      row.connections.push_back(fmt::format("{}[{}][{}]", name_of(c.layer.view()), c.node, c.tensor));
    }
  }
}

} // namespace rnnparams::detail

namespace rnnparams::keras {

/// The text Keras's model.summary() prints for `model`, byte for byte, in the chosen style.
template <rnnparams::detail::keras_model Model>
std::string summary(const Model& model, const summary_options& options = {}) {
  constexpr bool graph = rnnparams::detail::keras_graph_model<Model>;
  const bool keras3 = options.style == summary_style::keras3;
  // A graph's names as the chosen generation gives them: tf.keras 2 numbers its Inputs from 1 (input_1).
  std::map<std::string, std::string, std::less<>> names;
  if constexpr (graph) {
    for (std::size_t i = 0; i < model.size(); ++i) {
      names.emplace(std::string{model.name(i).view()},
                    keras3 ? std::string{model.name(i).view()} : std::string{model.tf_keras_name(i).view()});
    }
  }
  const auto name_of = [&](std::string_view keras3_name) -> std::string {
    const auto it = names.find(keras3_name);
    return it == names.end() ? std::string{keras3_name} : it->second;
  };
  std::vector<rnnparams::detail::summary_row> rows;
  for (std::size_t i = 0; i < model.size(); ++i) {
    const layer_info info = model.info(i);
    const std::string name = name_of(info.name.view());
    rows.push_back({fmt::format("{} ({})", name, info.class_name),
                    info.output_shape,
                    info.params,
                    info.trainable,
                    !info.weights.empty(),
                    name,
                    info.macs,
                    false,
                    {},
                    true,
                    false,
                    {}});
    if constexpr (graph) {
      rnnparams::detail::keras_graph_cells(model, i, rows.back(), name_of);
    }
  }
  const rnnparams::detail::summary_totals totals{model.count_params(), model.trainable_params(),
                                                 model.non_trainable_params(), model.macs()};
  bool connections = false;
  if constexpr (graph) {
    connections = !model.sequential_like();
  }
  summary_options o = options;
  if (o.name.empty()) {
    o.name = !graph ? "sequential" : keras3 ? "functional" : "model";
  }
  return rnnparams::detail::render_summary(rows, totals, o, connections);
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
