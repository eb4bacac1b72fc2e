// bench/runtime/sweep.hpp: the random LSTM/GRU/Dense configurations every sweep counts.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/rnnparams.hpp>

#include <cstdint>

namespace rnnparams_bench {

/// mulberry32, as in bench/peers/tfjs_sweep.mjs and torch_sweep.py: the same seed gives the same configs.
struct mulberry32 {
  std::uint32_t state;

  constexpr std::uint32_t operator()() noexcept {
    state += 0x6D2B79F5U;
    std::uint32_t t = state;
    t = (t ^ (t >> 15)) * (t | 1U);
    t ^= t + (t ^ (t >> 7)) * (t | 61U);
    return t ^ (t >> 14);
  }
};

inline constexpr std::uint32_t sweep_seed = 20240917;
inline constexpr int sweep_size = 10'000;

enum class layer_kind { lstm, gru, dense };

/// One configuration: LSTM(units) or GRU(units, reset_after=False) on (timesteps, features), or
/// Dense(units) on (features).
struct config {
  layer_kind kind;
  std::int64_t features;
  std::int64_t units;
  std::int64_t timesteps;
};

/// The next configuration: kind, features in [1, 256], units in [1, 256], timesteps in [1, 64].
constexpr config next_config(mulberry32& random) noexcept {
  const auto kind = static_cast<layer_kind>(random() % 3);
  const auto features = static_cast<std::int64_t>(1 + random() % 256);
  const auto units = static_cast<std::int64_t>(1 + random() % 256);
  const auto timesteps = static_cast<std::int64_t>(1 + random() % 64);
  return {kind, features, units, timesteps};
}

/// Keras's count_params() of the configuration's layer. GRU uses reset_after=False, the only GRU
/// TensorFlow.js builds, so that the three sweeps count the same layers.
inline std::uint64_t count(const config& c) {
  namespace k = rnnparams::keras;
  switch (c.kind) {
  case layer_kind::lstm:
    return k::LSTM{.units = c.units}.count_params({c.timesteps, c.features});
  case layer_kind::gru:
    return k::GRU{.units = c.units, .reset_after = false}.count_params({c.timesteps, c.features});
  case layer_kind::dense:
    break;
  }
  return k::Dense{.units = c.units}.count_params({c.features});
}

/// The sum of count() over the first n configurations of the seed: generated, built and counted.
inline std::uint64_t sweep(std::uint32_t seed, int n) {
  mulberry32 random{seed};
  std::uint64_t total = 0;
  for (int i = 0; i < n; ++i) {
    total += count(next_config(random));
  }
  return total;
}

} // namespace rnnparams_bench
