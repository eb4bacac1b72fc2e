// tools/cli/fuzz/fuzz_command.cpp: libFuzzer target for everything the rnnparams command does with input:
// parsing model code or JSON, building the model, and every output format.
// SPDX-License-Identifier: MIT
#include "command.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  using rnnparams::cli::output_format;
  for (const output_format format : {output_format::keras3, output_format::tf_keras, output_format::keras2,
                                     output_format::json, output_format::explain, output_format::torchinfo}) {
    rnnparams::cli::options options;
    options.format = format;
    options.line_length = 76;
    options.show_trainable = format == output_format::tf_keras;
    options.costs = format == output_format::keras3;
    if (text.find('?') != std::string::npos) {
      options.budget = 100000;
    }
    try {
      (void)rnnparams::cli::run_command(text, options);
    } catch (const rnnparams::cli::command_error&) {
      // A clear error is the right answer to bad input; anything else (a crash, a sanitizer report,
      // another exception escaping) is a bug.
    }
  }
  return 0;
}
