// tools/cli/main.cpp: the rnnparams command: Keras or PyTorch model code in, the exact summary out.
// SPDX-License-Identifier: MIT
#include "command.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef RNNPARAMS_VERSION
#define RNNPARAMS_VERSION "unknown"
#endif

namespace {

using namespace rnnparams;
using rnnparams::cli::options;
using rnnparams::cli::output_format;

constexpr std::size_t max_input_bytes = 64U << 20U;

const char* const usage = R"(usage: rnnparams [options] [FILE | -]
       rnnparams [options] -e CODE

Reads Keras or PyTorch model code (or a Keras model's JSON) and prints its summary with the exact
parameter counts, as Keras's model.summary() or torchinfo would.

  -e, --expression CODE   read the model code from CODE instead of a file
  --format FORMAT         keras3 (default for Keras code), tf_keras, keras2, torchinfo (default for
                          PyTorch code), json, explain
  --dtype TYPE            the weights' type for byte sizes: float32 (default), float16, bfloat16,
                          float64, int8
  --line-length N         the width of the Keras table (default: as Keras, min(88, columns - 4))
  --show-trainable        add Keras's Trainable column
  --costs                 add MACs per sample and weight memory per layer (not Keras's output)
  --input-size N,L,I      PyTorch: the input's size for torchinfo, e.g. 1,3,1
  --budget N              with one '?' in place of a size: the largest value for it whose model has
                          at most N parameters
  -h, --help              show this help
  --version               show the version

Errors print one line, "rnnparams: error: <source>:<line>:<col>: <message>", and exit with status 2.
)";

struct failure {
  std::string source;
  cli::location where;
  std::string message;
};

[[noreturn]] void fail(const failure& f) {
  std::fprintf(stderr, "rnnparams: error: %s:%zu:%zu: %s\n", f.source.c_str(), f.where.line, f.where.column,
               f.message.c_str());
  std::exit(2);
}

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "rnnparams: error: %s\n(see rnnparams --help)\n", message.c_str());
  std::exit(2);
}

std::uint64_t parse_count(const std::string& text, const std::string& option) {
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos) {
    usage_error(option + " takes a whole number, got '" + text + "'");
  }
  return std::stoull(text);
}

options parse_options(int argc, char** argv) {
  options o;
  const std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) {
        usage_error(a + " needs a value");
      }
      return args[++i];
    };
    if (a == "-h" || a == "--help") {
      std::fputs(usage, stdout);
      std::exit(0);
    } else if (a == "--version") {
      std::printf("rnnparams %s\n", RNNPARAMS_VERSION);
      std::exit(0);
    } else if (a == "-e" || a == "--expression") {
      o.expression = value();
    } else if (a == "--format") {
      const std::string& f = value();
      if (f == "keras3") {
        o.format = output_format::keras3;
      } else if (f == "tf_keras") {
        o.format = output_format::tf_keras;
      } else if (f == "keras2") {
        o.format = output_format::keras2;
      } else if (f == "torchinfo") {
        o.format = output_format::torchinfo;
      } else if (f == "json") {
        o.format = output_format::json;
      } else if (f == "explain") {
        o.format = output_format::explain;
      } else {
        usage_error("unknown format '" + f + "' (keras3, tf_keras, keras2, torchinfo, json, explain)");
      }
    } else if (a == "--dtype") {
      const std::string& t = value();
      bool found = false;
      for (dtype d : {dtype::float32, dtype::float16, dtype::bfloat16, dtype::float64, dtype::int8}) {
        if (t == name_of(d)) {
          o.weights = d;
          found = true;
        }
      }
      if (!found) {
        usage_error("unknown dtype '" + t + "' (float32, float16, bfloat16, float64, int8)");
      }
    } else if (a == "--line-length") {
      o.line_length = static_cast<std::size_t>(parse_count(value(), a));
      if (*o.line_length < 20 || *o.line_length > 1000) {
        usage_error("--line-length takes a width from 20 to 1000");
      }
    } else if (a == "--show-trainable") {
      o.show_trainable = true;
    } else if (a == "--costs") {
      o.costs = true;
    } else if (a == "--budget") {
      o.budget = parse_count(value(), a);
    } else if (a == "--input-size") {
      std::stringstream list(value());
      std::string item;
      shape s;
      while (std::getline(list, item, ',')) {
        if (s.rank() == shape::max_rank) {
          usage_error("--input-size has at most 8 dimensions");
        }
        s.push_back(parse_count(item, a));
      }
      o.input_size = s;
    } else if (a == "-") {
      o.file = "-";
    } else if (!a.empty() && a[0] == '-') {
      usage_error("unknown option '" + a + "'");
    } else if (o.file) {
      usage_error("one input at a time: got '" + *o.file + "' and '" + a + "'");
    } else {
      o.file = a;
    }
  }
  if (o.expression && o.file) {
    usage_error("give the code with -e or in a file, not both");
  }
  if (!o.expression && !o.file) {
    o.file = "-";
  }
  return o;
}

std::string read_all(std::istream& in, const std::string& source) {
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_input_bytes) {
      fail({source, {1, 1}, "the input is larger than 64 MiB"});
    }
  }
  return text;
}

} // namespace

int main(int argc, char** argv) {
  const options o = parse_options(argc, argv);
  std::string source;
  std::string text;
  if (o.expression) {
    source = "<command line>";
    text = *o.expression;
  } else if (*o.file == "-") {
    source = "<stdin>";
    text = read_all(std::cin, source);
  } else {
    source = *o.file;
    std::ifstream in(*o.file, std::ios::binary);
    if (!in) {
      fail({source, {1, 1}, "cannot read the file"});
    }
    text = read_all(in, source);
  }

  std::string out;
  try {
    out = cli::run_command(text, o);
  } catch (const cli::command_error& e) {
    fail({source, e.where(), e.what()});
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "rnnparams: error: cannot write the output\n");
    return 2;
  }
  return 0;
}
