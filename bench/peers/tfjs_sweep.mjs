#!/usr/bin/env node
// bench/peers/tfjs_sweep.mjs: the sweep of bench/runtime/sweep.hpp with TensorFlow.js layers.
// SPDX-License-Identifier: MIT
//
// node tfjs_sweep.mjs [--configs N] [--budget-s S] [--mode layer|sequential] [--initializers zeros|default]
//
// Draws the same configurations as rnnparams_bench::sweep (mulberry32, seed 20240917): LSTM(U) or
// GRU(U) (tfjs builds only reset_after=False) on (T, F), or Dense(U) on (F). For each it builds the
// layer, asks countParams() and disposes it, until N configurations are done or S seconds have passed
// (then the time per configuration is extrapolated, and the output says so).
//   --mode layer       (default) layer.apply(tf.input(...)): the least work tfjs does to build a layer
//   --mode sequential  tf.sequential() with the layer and inputShape, as Keras users write it
//   --initializers zeros (default) every initializer 'zeros', so no random or orthogonal matrices are
//                      computed: the cheapest tfjs can be; 'default' keeps glorotUniform/orthogonal
// Prints one line of key=value pairs; the time excludes importing tfjs and a 100-configuration warm-up.
import * as tf from '@tensorflow/tfjs';

const args = { configs: 10000, budget: 120, mode: 'layer', initializers: 'zeros', seed: 20240917 };
for (let i = 2; i < process.argv.length; i += 2) {
  const [flag, value] = [process.argv[i], process.argv[i + 1]];
  if (flag === '--configs') args.configs = Number.parseInt(value, 10);
  else if (flag === '--budget-s') args.budget = Number.parseFloat(value);
  else if (flag === '--mode') args.mode = value;
  else if (flag === '--initializers') args.initializers = value;
  else if (flag === '--seed') args.seed = Number.parseInt(value, 10);
  else { console.error(`unknown argument ${flag}`); process.exit(2); }
}

// mulberry32 returning the unsigned 32-bit value, as bench/runtime/sweep.hpp.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
function nextConfig(random) {
  const kind = random() % 3; // 0 LSTM, 1 GRU, 2 Dense
  const features = 1 + (random() % 256);
  const units = 1 + (random() % 256);
  const timesteps = 1 + (random() % 64);
  return { kind, features, units, timesteps };
}

const zeros = args.initializers === 'zeros'
  ? { kernelInitializer: 'zeros', recurrentInitializer: 'zeros', biasInitializer: 'zeros' } : {};
function makeLayer(c, inputShape) {
  const options = { units: c.units, ...(inputShape ? { inputShape } : {}) };
  if (c.kind === 0) return tf.layers.lstm({ ...options, ...zeros });
  if (c.kind === 1) return tf.layers.gru({ ...options, ...zeros });
  const { recurrentInitializer, ...dense } = zeros; // Dense has no recurrent kernel
  return tf.layers.dense({ ...options, ...dense });
}
function count(c) {
  const shape = c.kind === 2 ? [c.features] : [c.timesteps, c.features];
  if (args.mode === 'sequential') {
    const model = tf.sequential();
    model.add(makeLayer(c, shape));
    const n = model.countParams();
    model.dispose();
    return n;
  }
  const layer = makeLayer(c);
  layer.apply(tf.input({ shape }));
  const n = layer.countParams();
  layer.dispose();
  return n;
}

// Warm-up on other configurations (another seed), untimed: 100 of them, or a tenth of the budget.
const warm = mulberry32(args.seed + 1);
const warmUntil = process.hrtime.bigint() + BigInt(Math.round(args.budget * 1e8));
for (let i = 0; i < 100 && process.hrtime.bigint() < warmUntil; i++) count(nextConfig(warm));

const random = mulberry32(args.seed);
let checksum = 0n;
let done = 0;
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const deadline = start + BigInt(Math.round(args.budget * 1e9));
while (done < args.configs) {
  checksum += BigInt(count(nextConfig(random)));
  done++;
  if (process.hrtime.bigint() > deadline) break;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const perConfig = seconds / done;
console.log(`impl=tfjs-${tf.version.tfjs}-${tf.getBackend()} mode=${args.mode} initializers=${args.initializers} ` +
  `configs=${done} of=${args.configs} checksum=${checksum} seconds=${seconds.toFixed(3)} ` +
  `cpu_s=${((cpu.user + cpu.system) / 1e6).toFixed(3)} ` +
  `per_config_us=${(perConfig * 1e6).toFixed(1)} extrapolated_s=${(perConfig * args.configs).toFixed(2)} ` +
  `extrapolated=${done < args.configs ? 'yes' : 'no'} tensors_left=${tf.memory().numTensors}`);
