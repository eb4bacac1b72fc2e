// bench/runtime/parse.cpp: the seed's Keras code parsed and counted, as the rnnparams command does.
// SPDX-License-Identifier: MIT
#include "model_code.hpp"
#include "python_syntax.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <rnnparams/keras/model.hpp>
#include <string>

namespace {

namespace cli = rnnparams::cli;

/// The code of the seed question (tests/cli/inputs/seed.py): Keras says 131 parameters.
const std::string seed_code = "model.add(SimpleRNN(10, input_shape=(3, 1)))\n"
                              "model.add(Dense(1, activation=\"linear\"))\n";

/// Python source to statements.
void seed_parse(benchmark::State& state) {
  std::string source = seed_code;
  for (auto _ : state) {
    benchmark::DoNotOptimize(source.data());
    auto code = cli::parse_python(source);
    benchmark::DoNotOptimize(code.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("items = seed programs parsed");
}
BENCHMARK(seed_parse);

/// Python source to statements, to a checked keras::model, to its count.
std::uint64_t parse_and_count(const std::string& source) {
  const auto code = cli::parse_python(source);
  return cli::build_model(code, cli::detect_convention(code)).keras->count_params();
}

void seed_parse_and_count(benchmark::State& state) {
  const std::string source = seed_code;
  if (const std::uint64_t params = parse_and_count(source); params != 131) {
    state.SkipWithError(("the seed model counts 131 parameters, not " + std::to_string(params)).c_str());
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(source.data());
    benchmark::DoNotOptimize(parse_and_count(source));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("items = seed programs parsed and counted");
}
BENCHMARK(seed_parse_and_count);

} // namespace

BENCHMARK_MAIN();
