#!/usr/bin/python3
# bench/peers/torch_sweep.py: the sweep of bench/runtime/sweep.hpp with PyTorch modules on device="meta".
# SPDX-License-Identifier: MIT
"""/usr/bin/python3 torch_sweep.py [--configs N] [--budget-s S] [--reps R]

Draws the same configurations as rnnparams_bench::sweep (mulberry32, seed 20240917) and builds the
PyTorch module each one corresponds to, on the meta device (shapes only, no memory): nn.LSTM(F, U),
nn.GRU(F, U) or nn.Linear(F, U), and sums p.numel() over its parameters. PyTorch keeps two bias
vectors per gate where Keras keeps one (LSTM: +4U) and its GRU is Keras's reset_after=True (+3U over
the reset_after=False GRU the other sweeps count), so it also prints the Keras-equivalent checksum,
which must equal rnnparams's. Times exclude importing torch and a 100-configuration warm-up; the
median of R repetitions is printed, as one line of key=value pairs."""
import argparse
import statistics
import time

import torch
from torch import nn

MASK = 0xFFFFFFFF


def mulberry32(seed):
    state = seed & MASK

    def next_u32():
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & MASK
        return (t ^ (t >> 14)) & MASK

    return next_u32


def next_config(random):
    kind = random() % 3  # 0 LSTM, 1 GRU, 2 Dense
    features = 1 + random() % 256
    units = 1 + random() % 256
    timesteps = 1 + random() % 64
    return kind, features, units, timesteps


def count(config):
    """(PyTorch's count, Keras's count of the same layer)."""
    kind, features, units, _ = config
    if kind == 0:
        module = nn.LSTM(features, units, device="meta")
    elif kind == 1:
        module = nn.GRU(features, units, device="meta")
    else:
        module = nn.Linear(features, units, device="meta")
    n = sum(p.numel() for p in module.parameters())
    return n, n - (4 * units if kind == 0 else 3 * units if kind == 1 else 0)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--configs", type=int, default=10000)
    p.add_argument("--budget-s", type=float, default=120.0)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--seed", type=int, default=20240917)
    args = p.parse_args()

    warm = mulberry32(args.seed + 1)
    for _ in range(100):
        count(next_config(warm))

    times, cpu, done = [], [], 0
    for _ in range(max(args.reps, 1)):
        random = mulberry32(args.seed)
        torch_sum = keras_sum = done = 0
        cpu_start = time.process_time()
        start = time.perf_counter()
        deadline = start + args.budget_s
        while done < args.configs:
            t, k = count(next_config(random))
            torch_sum += t
            keras_sum += k
            done += 1
            if time.perf_counter() > deadline:
                break
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
        if done < args.configs:
            break  # over budget: one partial repetition, extrapolated
    seconds = statistics.median(times)
    per_config = seconds / done
    print(f"impl=torch-{torch.__version__}-meta configs={done} of={args.configs} reps={len(times)} "
          f"checksum={keras_sum} torch_checksum={torch_sum} seconds={seconds:.3f} "
          f"cpu_s={statistics.median(cpu):.3f} "
          f"per_config_us={per_config * 1e6:.1f} extrapolated_s={per_config * args.configs:.2f} "
          f"extrapolated={'yes' if done < args.configs else 'no'}")


if __name__ == "__main__":
    main()
