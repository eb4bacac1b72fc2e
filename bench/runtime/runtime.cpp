// bench/runtime/runtime.cpp: counting at run time, with values the optimizer cannot see (Google Benchmark).
// SPDX-License-Identifier: MIT
#include "sweep.hpp"

#include <rnnparams/keras/model.hpp>
#include <rnnparams/rnnparams.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace {

namespace k = rnnparams::keras;
using rnnparams_bench::config;

/// 1,024 configurations drawn at run time; every benchmark walks through them in turn.
std::array<config, 1024> run_time_configs() {
  // Read through a volatile: the seed, and so every value, is unknown to the optimizer.
  volatile std::uint32_t seed = rnnparams_bench::sweep_seed;
  rnnparams_bench::mulberry32 random{seed};
  std::array<config, 1024> configs{};
  for (config& c : configs) {
    c = rnnparams_bench::next_config(random);
  }
  return configs;
}

/// One layer's count_params() per iteration.
template <class Count>
void count_one_layer(benchmark::State& state, Count count) {
  const auto configs = run_time_configs();
  std::size_t i = 0;
  for (auto _ : state) {
    const config& c = configs[i++ % configs.size()];
    benchmark::DoNotOptimize(count(c));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("items = layers counted");
}

void lstm_count_params(benchmark::State& state) {
  count_one_layer(state, [](const config& c) {
    return k::LSTM{.units = c.units}.count_params({c.timesteps, c.features});
  });
}
BENCHMARK(lstm_count_params);

void gru_count_params(benchmark::State& state) {
  count_one_layer(state, [](const config& c) {
    return k::GRU{.units = c.units}.count_params({c.timesteps, c.features});
  });
}
BENCHMARK(gru_count_params);

void dense_count_params(benchmark::State& state) {
  count_one_layer(state,
                  [](const config& c) { return k::Dense{.units = c.units}.count_params({c.features}); });
}
BENCHMARK(dense_count_params);

/// The seed model, SimpleRNN(units) then Dense(1), built with add() and counted.
void model_seed_add_and_count(benchmark::State& state) {
  const auto configs = run_time_configs();
  std::size_t i = 0;
  for (auto _ : state) {
    const config& c = configs[i++ % configs.size()];
    k::model m{k::Input{c.timesteps, c.features}};
    m.add(k::SimpleRNN{.units = c.units});
    m.add(k::Dense{.units = 1});
    benchmark::DoNotOptimize(m.count_params());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("items = models built and counted");
}
BENCHMARK(model_seed_add_and_count);

/// A 10-layer model of the ten kinds bench/compile_time cycles through, built with add() and counted.
void model_10_layers_add_and_count(benchmark::State& state) {
  const auto configs = run_time_configs();
  std::size_t i = 0;
  for (auto _ : state) {
    const config& c = configs[i++ % configs.size()];
    const std::int64_t u = c.units;
    k::model m{k::Input{c.timesteps, c.features}};
    m.add(k::SimpleRNN{.units = u, .return_sequences = true});
    m.add(k::GRU{.units = u, .return_sequences = true});
    m.add(k::LSTM{.units = u, .return_sequences = true});
    m.add(k::Dense{.units = u});
    m.add(k::Dropout{.rate = 0.25});
    m.add(k::LayerNormalization{});
    m.add(k::Conv1D{.filters = u, .kernel_size = 3, .padding = "same"});
    m.add(k::BatchNormalization{});
    m.add(k::Bidirectional{.layer = k::LSTM{.units = u, .return_sequences = true}});
    m.add(k::TimeDistributed{.layer = k::Dense{.units = u}});
    benchmark::DoNotOptimize(m.count_params());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("items = models built and counted");
}
BENCHMARK(model_10_layers_add_and_count);

/// The 10,000-configuration sweep of bench/peers, end to end: drawing each configuration, building
/// its layer and counting it.
void sweep_10000_configs(benchmark::State& state) {
  volatile std::uint32_t seed = rnnparams_bench::sweep_seed; // unknown to the optimizer
  for (auto _ : state) {
    benchmark::DoNotOptimize(rnnparams_bench::sweep(seed, rnnparams_bench::sweep_size));
  }
  state.SetItemsProcessed(state.iterations() * rnnparams_bench::sweep_size);
  state.SetLabel("items = configurations");
}
BENCHMARK(sweep_10000_configs)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
