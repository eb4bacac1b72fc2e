// bench/runtime/sweep.cpp: the 10,000-configuration sweep timed end to end, for bench/peers/run.
// SPDX-License-Identifier: MIT
//
// rnnparams_sweep [--reps N] [--prefix N] [--seed S]
// Prints one line of key=value pairs: the checksum (the sum of every count), the median, minimum and
// maximum wall time and the median CPU time (user + sys) of N runs of the whole sweep (generating,
// building and counting each layer).
// --prefix N prints the checksum of the first N configurations only (untimed), to check a peer
// that timed a subset.
#include "sweep.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

namespace {

/// This process's user + sys CPU time, in seconds.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

} // namespace

int main(int argc, char** argv) {
  int reps = 21;
  int prefix = 0;
  // A run-time seed, so that the optimizer cannot compute the sweep while compiling.
  auto seed = static_cast<std::uint32_t>(rnnparams_bench::sweep_seed);
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--reps") == 0) {
      reps = std::atoi(argv[i + 1]);
    } else if (std::strcmp(argv[i], "--prefix") == 0) {
      prefix = std::atoi(argv[i + 1]);
    } else if (std::strcmp(argv[i], "--seed") == 0) {
      seed = static_cast<std::uint32_t>(std::strtoul(argv[i + 1], nullptr, 10));
    } else {
      std::fprintf(stderr, "usage: %s [--reps N] [--prefix N] [--seed S]\n", argv[0]);
      return 2;
    }
  }
  if (prefix > 0) {
    std::printf("configs=%d checksum=%llu\n", prefix,
                static_cast<unsigned long long>(rnnparams_bench::sweep(seed, prefix)));
    return 0;
  }
  std::vector<double> seconds;
  std::vector<double> cpu;
  std::uint64_t checksum = 0;
  for (int r = 0; r < std::max(reps, 1); ++r) {
    const double cpu_start = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    checksum = rnnparams_bench::sweep(seed, rnnparams_bench::sweep_size);
    const auto stop = std::chrono::steady_clock::now();
    cpu.push_back(cpu_seconds() - cpu_start);
    seconds.push_back(std::chrono::duration<double>(stop - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  std::sort(cpu.begin(), cpu.end());
  const double median = seconds[seconds.size() / 2];
  std::printf(
      "configs=%d checksum=%llu reps=%zu median_s=%.9f min_s=%.9f max_s=%.9f cpu_s=%.9f per_config_ns=%.2f\n",
      rnnparams_bench::sweep_size, static_cast<unsigned long long>(checksum), seconds.size(), median,
      seconds.front(), seconds.back(), cpu[cpu.size() / 2], median / rnnparams_bench::sweep_size * 1e9);
}
