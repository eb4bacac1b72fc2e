// tools/cli/command.hpp: the rnnparams command without its I/O: text and options in, output or an error out.
// SPDX-License-Identifier: MIT
#pragma once

#include "python_syntax.hpp"

#include <rnnparams/dtype.hpp>
#include <rnnparams/shape.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace rnnparams::cli {

/// What --format asks for.
enum class output_format { keras3, tf_keras, keras2, torchinfo, json, explain };

/// The command line, read.
struct options {
  std::optional<std::string> expression;
  std::optional<std::string> file;
  std::optional<output_format> format;
  dtype weights = dtype::float32;
  std::optional<std::size_t> line_length;
  bool show_trainable = false;
  bool costs = false;
  std::optional<shape> input_size;
  std::optional<std::uint64_t> budget;
};

/// A failure to report as "rnnparams: error: <source>:<line>:<col>: <message>".
class command_error : public std::runtime_error {
public:
  command_error(location where, const std::string& message) : std::runtime_error(message), where_(where) {}
  [[nodiscard]] location where() const noexcept { return where_; }

private:
  location where_;
};

/// Reads `text` (model code or a Keras model's JSON) and returns what the command prints; throws
/// command_error for anything wrong with the input, and nothing else.
std::string run_command(const std::string& text, const options& o);

/// Keras 3's width: min(88, columns - 4), or min(100, ...) with the Trainable column (with a functional
/// model's "Connected to" column, 108 and 120); the columns come
/// from COLUMNS, else the terminal on standard output, else 80 (Python's shutil.get_terminal_size()).
std::size_t keras_line_length(bool show_trainable, bool connections = false);

} // namespace rnnparams::cli
