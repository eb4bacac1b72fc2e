#!/usr/bin/env node
// Reference-data generator for rnnparams::keras.
//
// Builds random single layers and random Sequential models (2-6 layers) with
// TensorFlow.js layers (@tensorflow/tfjs, a port of Keras) and records, per
// layer, what Keras reports: class name, config (Keras 3 keyword names),
// output shape, parameter counts and the weights in `layer.weights` order.
//
// Deterministic: a seeded PRNG (mulberry32) drives every choice; no
// Math.random, no clock, no tfjs randomness (all initializers are 'zeros', so
// even huge weights cost only lazily mapped zero pages).
//
// Where tfjs differs from Keras 3 the generator either builds an equivalent
// layer and patches the record ("derived": true, with "derived_from"), or
// refuses the case (counted in the skip summary):
//   * GRU reset_after=True: tfjs rejects it. Built with reset_after=False;
//     bias (3U) becomes (2, 3U) (the only difference in Keras's GRUCell.build).
//   * Conv1D groups > 1: tfjs ignores `groups` (kernel stays (k, C, f)).
//     Built without groups; kernel becomes (k, C/groups, f).
//   * Conv1D padding="causal": tfjs computes the output length as for "valid"
//     (convOutputLength treats everything but 'same' as valid); Keras gives
//     floor((L-1)/s)+1, as for "same". Built with padding="same" (same weights,
//     Keras's output shape).
//   * Keras 3 rejects, tfjs accepts: Conv1D strides>1 together with
//     dilation_rate>1; pooling whose "valid" output length is <= 0 (tfjs
//     returns 0); pooling padding="causal" (never generated).
//   * Reshape: tfjs's static output shape leaves a -1 as None (its check
//     for unknown dimensions counts the batch axis), and never compares
//     sizes. On a fully known input the generator applies the tfjs layer to
//     a zero tensor of batch 1, where tfjs infers the -1 and rejects sizes
//     that differ (refused as tfjs rejects); a -1 is then built with the size
//     tfjs inferred (derived), so the layers after it see Keras's shape.
//   * Masking: tfjs rejects a layer without mask support after a Masking
//     (Keras 3 only warns); a candidate after a Masking is probed on the
//     whole model so far, and refused when tfjs rejects it.
//   * SpatialDropout1D: Keras 3's get_config has no "trainable" (its
//     constructor takes only rate, seed, name and dtype); the record has none.
//   * Wrapper trainable=False: tfjs does not push it into the wrapped layer;
//     Keras 3 treats every weight under a frozen layer as non-trainable. The
//     generator freezes the inner tfjs layer too (the recorded config keeps
//     the inner layer's own flag).
// Every record is cross-checked against an independent Keras 3 shape/count
// model below; a disagreement aborts the run (it would be a generator bug or
// an unhandled tfjs quirk).
//
// Usage: node generate.mjs [--seed N] [--cases N] [--out PATH]

import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { parseArgs, randomness, fixtureText } from './common.mjs';

const args = parseArgs(20240917, 2400, 'keras_cases.json');
const { rnd, int, chance, pick } = randomness(args.seed);
function weighted(table) { // [[item, weight], ...]
  let total = 0;
  for (const [, w] of table) total += w;
  let r = rnd() * total;
  for (const [item, w] of table) { if (r < w) return item; r -= w; }
  return table[table.length - 1][0];
}
// Log-uniform-ish integer in [lo, hi]: a power-of-two bucket chosen uniformly,
// then uniform inside it. Integer arithmetic only (no Math.log/exp), so the
// sequence cannot depend on a libm.
function logInt(lo, hi) {
  const buckets = [];
  for (let b = 1; b <= hi; b *= 2) {
    const a = Math.max(lo, b);
    const z = Math.min(hi, 2 * b - 1);
    if (a <= z) buckets.push([a, z]);
  }
  const [a, z] = pick(buckets);
  return int(a, z);
}
// Layer widths: mostly small, sometimes hundreds, rarely a few thousand.
function size() {
  const r = rnd();
  if (r < 0.65) return logInt(1, 64);
  if (r < 0.9) return int(65, 512);
  return int(513, 4096);
}
const steps = () => (chance(0.25) ? null : logInt(1, 120));

// ------------------------------------------------------------- skip summary
const skips = new Map();
function skip(reason) { skips.set(reason, (skips.get(reason) ?? 0) + 1); }
function tfjsReason(cls, err) {
  let m = String(err && err.message ? err.message : err).split('\n')[0];
  m = m.replace(/\[[^\]]*\]/g, '[shape]').replace(/\b[a-z0-9_]+_[A-Za-z0-9]+?\d+\b/g, '<layer>').replace(/\s+/g, ' ');
  return `tfjs rejects ${cls}: ${m.slice(0, 110)}`;
}

// ------------------------------------------------------------ layer catalog
const RNN = ['SimpleRNN', 'LSTM', 'GRU'];
const POOL = ['MaxPooling1D', 'AveragePooling1D'];
const GPOOL = ['GlobalAveragePooling1D', 'GlobalMaxPooling1D'];
const TD_INNER = ['Dense', 'Conv1D', 'Flatten', 'Dropout', 'BatchNormalization', 'LayerNormalization',
  'SimpleRNN', 'LSTM', 'GRU', 'MaxPooling1D', 'AveragePooling1D', 'GlobalAveragePooling1D', 'GlobalMaxPooling1D',
  'Activation'];
// Keras 3 activation names that tfjs has, with tfjs's identifier.
const ACTIVATIONS = { relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid', softmax: 'softmax', linear: 'linear', elu: 'elu',
  selu: 'selu', softplus: 'softplus', softsign: 'softsign', relu6: 'relu6', swish: 'swish', mish: 'mish', gelu: 'gelu',
  hard_sigmoid: 'hardSigmoid' };
// A random permutation of 1..n.
function permutation(n) {
  const p = [];
  for (let i = 1; i <= n; i++) p.push(i);
  for (let i = n - 1; i > 0; i--) { const j = int(0, i); [p[i], p[j]] = [p[j], p[i]]; }
  return p;
}
// A target_shape for Reshape on `s`: a split of its size into 1-3 factors, one of them sometimes -1,
// and sometimes sizes that do not fit (to exercise the rejections).
function reshapeTarget(s) {
  const rank = weighted([[1, 2], [2, 5], [3, 3]]);
  if (s.some((d) => d == null)) {
    const t = [];
    for (let i = 0; i < rank; i++) t.push(logInt(1, 64));
    if (chance(0.6)) t[int(0, rank - 1)] = -1;
    return t;
  }
  let rest = s.reduce((a, b) => a * b, 1);
  const t = [];
  for (let i = 0; i < rank - 1; i++) {
    const divs = [];
    for (let d = 1; d <= Math.min(rest, 256); d++) if (rest % d === 0) divs.push(d);
    const d = pick(divs);
    t.push(d);
    rest /= d;
  }
  t.push(rest);
  for (let i = t.length - 1; i > 0; i--) { const j = int(0, i); [t[i], t[j]] = [t[j], t[i]]; }
  if (chance(0.5)) t[int(0, rank - 1)] = -1;
  if (chance(0.1)) { const i = int(0, rank - 1); if (t[i] !== -1) t[i] += 1; }
  if (chance(0.03)) t[int(0, rank - 1)] = -1, t[int(0, rank - 1)] = -1;
  return t;
}
const GATES = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

const trainableFlag = () => !chance(0.1);

// Random config for class `cls` on input shape `s` (no batch axis). Keys are
// Keras 3 constructor keywords, in a fixed order.
function genConfig(cls, s) {
  const last = s[s.length - 1];
  switch (cls) {
    case 'SimpleRNN': case 'LSTM':
      return { units: size(), use_bias: !chance(0.15), return_sequences: chance(0.45), trainable: trainableFlag() };
    case 'GRU':
      return { units: size(), use_bias: !chance(0.15), return_sequences: chance(0.45), reset_after: chance(0.6), trainable: trainableFlag() };
    case 'Dense':
      return { units: size(), use_bias: !chance(0.15), trainable: trainableFlag() };
    case 'Embedding': {
      const input_dim = logInt(1, 100000);
      const output_dim = input_dim > 20000 ? logInt(1, 512) : logInt(1, 2048);
      return { input_dim, output_dim, trainable: trainableFlag() };
    }
    case 'Conv1D': {
      const kernel_size = chance(0.85) ? int(1, 9) : int(10, 31);
      const strides = chance(0.6) ? 1 : int(2, 4);
      const dilation_rate = chance(0.65) ? 1 : int(2, 4);
      const padding = pick(['valid', 'valid', 'same', 'causal']);
      let groups = 1;
      const filters0 = size();
      let filters = filters0;
      if (last != null && chance(0.3)) {
        const divs = [];
        for (let g = 2; g <= Math.min(last, 64); g++) if (last % g === 0) divs.push(g);
        if (divs.length > 0) {
          groups = pick(divs);
          if (!chance(0.05)) filters = Math.max(1, Math.round(filters0 / groups)) * groups; // else maybe invalid
        }
      }
      return { filters, kernel_size, strides, padding, dilation_rate, groups, use_bias: !chance(0.15), trainable: trainableFlag() };
    }
    case 'BatchNormalization': case 'LayerNormalization':
      return { center: !chance(0.2), scale: !chance(0.2), trainable: trainableFlag() };
    case 'Dropout':
      return { rate: pick([0, 0.1, 0.2, 0.25, 0.5, 0.75, 0.9]), trainable: true };
    case 'Flatten': case 'GlobalAveragePooling1D': case 'GlobalMaxPooling1D':
      return { trainable: true };
    case 'RepeatVector':
      return { n: logInt(1, 64), trainable: true };
    case 'Masking':
      return { mask_value: pick([0, 0, 0, -1, 0.5, -999]), trainable: true };
    case 'Activation':
      return { activation: pick(Object.keys(ACTIVATIONS)), trainable: true };
    case 'SpatialDropout1D':
      return { rate: pick([0, 0.1, 0.2, 0.25, 0.5]) };
    case 'Reshape':
      return { target_shape: reshapeTarget(s), trainable: true };
    case 'Permute':
      return { dims: chance(0.05) ? [...permutation(s.length), s.length + 1] : permutation(s.length), trainable: true };
    case 'MaxPooling1D': case 'AveragePooling1D': {
      const pool_size = int(1, 6);
      return { pool_size, strides: chance(0.5) ? pool_size : int(1, 4), padding: pick(['valid', 'same']), trainable: true };
    }
    case 'Bidirectional': {
      const innerCls = pick(RNN);
      const inner = { class_name: innerCls, config: genConfig(innerCls, s) };
      if (!inner.config.trainable && chance(0.7)) inner.config.trainable = true;
      return { layer: inner, merge_mode: pick(['concat', 'concat', 'sum', 'mul', 'ave']), trainable: trainableFlag() };
    }
    case 'TimeDistributed': {
      const sub = s.slice(1);
      const options = TD_INNER.filter((c) => validFor(c, sub, false));
      const innerCls = options.length ? pick(options) : pick(TD_INNER);
      const inner = { class_name: innerCls, config: genConfig(innerCls, sub) };
      if (!inner.config.trainable && chance(0.7)) inner.config.trainable = true;
      return { layer: inner, trainable: trainableFlag() };
    }
    default: throw new Error(`no config for ${cls}`);
  }
}

// Whether `cls` can plausibly take input shape `s` (a cheap pre-filter; the
// real verdict comes from tfjs and the Keras 3 checks).
function validFor(cls, s, first) {
  const r = s.length;
  const lastKnown = r > 0 && s[r - 1] != null;
  switch (cls) {
    case 'SimpleRNN': case 'LSTM': case 'GRU': case 'Bidirectional': case 'Conv1D':
      return r === 2 && lastKnown;
    case 'MaxPooling1D': case 'AveragePooling1D': case 'GlobalAveragePooling1D': case 'GlobalMaxPooling1D':
      // Known channels: rnnparams refuses a None channel axis here (Keras 3 accepts it; only a Reshape
      // with -1 on an input with a None makes one), a gap rnnparams's pooling layers have, not recorded.
      return r === 2 && lastKnown;
    case 'Dense': case 'BatchNormalization': case 'LayerNormalization':
      return r >= 1 && lastKnown;
    case 'Dropout': return r >= 1;
    case 'Flatten': return r >= 2 && s.every((d) => d != null);
    case 'RepeatVector': return r === 1;
    case 'Masking': case 'Activation': return r >= 1;
    case 'SpatialDropout1D': return r === 2;
    case 'Reshape': return r >= 1;
    case 'Permute': return r >= 1 && r <= 4;
    case 'Embedding': return first;
    case 'TimeDistributed': return r >= 2 && TD_INNER.some((c) => validFor(c, s.slice(1), false));
    default: return false;
  }
}

// Input shape (no batch axis) for a first layer of class `cls`.
function genInputShape(cls, inner) {
  switch (cls) {
    case 'SimpleRNN': case 'LSTM': case 'GRU': case 'Bidirectional':
      return [steps(), size()];
    case 'Conv1D': case 'MaxPooling1D': case 'AveragePooling1D': case 'GlobalAveragePooling1D': case 'GlobalMaxPooling1D':
      return [chance(0.15) ? null : logInt(1, 300), chance(0.7) ? logInt(1, 64) : size()];
    case 'Dense': case 'BatchNormalization': case 'LayerNormalization': case 'Dropout': case 'Masking': case 'Activation': {
      const rank = weighted([[1, 6], [2, 3], [3, 1]]);
      const s = [];
      for (let i = 1; i < rank; i++) s.push(steps());
      s.push(size());
      return s;
    }
    case 'Flatten':
      return chance(0.8) ? [logInt(1, 100), logInt(1, 100)] : [logInt(1, 30), logInt(1, 30), logInt(1, 30)];
    case 'RepeatVector': return [size()];
    case 'SpatialDropout1D': return [steps(), size()];
    case 'Reshape': case 'Permute': {
      const rank = weighted([[1, 2], [2, 5], [3, 3]]);
      const s = [];
      for (let i = 0; i < rank; i++) s.push(chance(0.1) ? null : logInt(1, 48));
      return s;
    }
    case 'Embedding': return chance(0.8) ? [steps()] : [steps(), logInt(1, 40)];
    case 'TimeDistributed': {
      const t = steps();
      const innerShape = inner === 'Dense' || inner === 'BatchNormalization' || inner === 'LayerNormalization' || inner === 'Dropout' || inner === 'Activation'
        ? genInputShape(inner).slice(-2)
        : genInputShape(inner === 'Flatten' ? 'Flatten' : 'Conv1D');
      if (inner === 'SimpleRNN' || inner === 'LSTM' || inner === 'GRU') innerShape[1] = size();
      return [t, ...innerShape];
    }
    default: throw new Error(`no input shape for ${cls}`);
  }
}

// ------------------------------------------------ Keras 3 model (cross-check)
// Returns {reason} when Keras 3 would reject the layer, else {out, weights}
// with weights [{name, shape, trainable, scope?}] in layer.weights order.
function kerasModel(spec, s, frozen = false) {
  const c = spec.config;
  const tr = c.trainable && !frozen;
  const W = (name, shape, t = tr) => ({ name, shape, trainable: t });
  const F = s[s.length - 1];
  switch (spec.class_name) {
    case 'SimpleRNN': case 'LSTM': case 'GRU': {
      if (s.length !== 2 || F == null) return { reason: 'keras3 rejects RNN: needs known (T, F)' };
      const g = GATES[spec.class_name] * c.units;
      const w = [W('kernel', [F, g]), W('recurrent_kernel', [c.units, g])];
      if (c.use_bias) w.push(W('bias', spec.class_name === 'GRU' && c.reset_after ? [2, g] : [g]));
      return { out: c.return_sequences ? [s[0], c.units] : [c.units], weights: w };
    }
    case 'Dense':
      if (F == null) return { reason: 'keras3 rejects Dense: unknown last dim' };
      return { out: [...s.slice(0, -1), c.units], weights: c.use_bias ? [W('kernel', [F, c.units]), W('bias', [c.units])] : [W('kernel', [F, c.units])] };
    case 'Embedding':
      return { out: [...s, c.output_dim], weights: [W('embeddings', [c.input_dim, c.output_dim])] };
    case 'Conv1D': {
      if (s.length !== 2 || F == null) return { reason: 'keras3 rejects Conv1D: needs known (L, C)' };
      if (c.strides > 1 && c.dilation_rate > 1) return { reason: 'keras3 rejects Conv1D: strides>1 with dilation_rate>1' };
      if (c.filters % c.groups !== 0) return { reason: 'keras3 rejects Conv1D: filters not divisible by groups' };
      if (F % c.groups !== 0) return { reason: 'keras3 rejects Conv1D: channels not divisible by groups' };
      const L = s[0];
      let out = null;
      if (L != null) {
        out = c.padding === 'valid'
          ? Math.floor((L - c.dilation_rate * (c.kernel_size - 1) - 1) / c.strides) + 1
          : Math.floor((L - 1) / c.strides) + 1;
        if (out <= 0) return { reason: 'keras3 rejects Conv1D: output length <= 0' };
      }
      const w = [W('kernel', [c.kernel_size, F / c.groups, c.filters])];
      if (c.use_bias) w.push(W('bias', [c.filters]));
      return { out: [out, c.filters], weights: w };
    }
    case 'BatchNormalization': case 'LayerNormalization': {
      if (F == null) return { reason: `keras3 rejects ${spec.class_name}: unknown last dim` };
      const w = [];
      if (c.scale) w.push(W('gamma', [F]));
      if (c.center) w.push(W('beta', [F]));
      if (spec.class_name === 'BatchNormalization') w.push(W('moving_mean', [F], false), W('moving_variance', [F], false));
      return { out: [...s], weights: w };
    }
    case 'Dropout': return { out: [...s], weights: [] };
    case 'Flatten':
      return { out: [s.length === 0 ? 1 : (s.some((d) => d == null) ? null : s.reduce((a, b) => a * b, 1))], weights: [] };
    case 'RepeatVector':
      if (s.length !== 1) return { reason: 'keras3 rejects RepeatVector: needs rank-1 features' };
      return { out: [c.n, F], weights: [] };
    case 'Masking': case 'Activation': return { out: [...s], weights: [] };
    case 'SpatialDropout1D':
      if (s.length !== 2) return { reason: 'keras3 rejects SpatialDropout1D: needs ndim=3' };
      return { out: [...s], weights: [] };
    case 'Reshape': { // operation_utils.validate_reshape_shape and compute_reshape_output_shape
      const t = c.target_shape;
      if (t.some((d) => d < -1)) return { reason: 'keras3 rejects Reshape: a dimension < -1' };
      const unknown = t.filter((d) => d === -1).length;
      if (unknown > 1) return { reason: 'keras3 rejects Reshape: more than one -1' };
      if (s.some((d) => d == null)) return { out: t.map((d) => (d === -1 ? null : d)), weights: [] };
      const size = prod(s);
      const known = prod(t.filter((d) => d !== -1));
      if (unknown === 0) {
        if (known !== size) return { reason: 'keras3 rejects Reshape: total size changed' };
        return { out: [...t], weights: [] };
      }
      if (known === 0 || size % known !== 0) return { reason: 'keras3 rejects Reshape: size not divisible' };
      return { out: t.map((d) => (d === -1 ? size / known : d)), weights: [] };
    }
    case 'Permute': {
      const sorted = [...c.dims].sort((a, b) => a - b);
      if (!sorted.every((d, i) => d === i + 1)) return { reason: 'keras3 rejects Permute: dims not a permutation of 1..n' };
      if (s.length !== c.dims.length) return { reason: 'keras3 rejects Permute: ndim differs' };
      return { out: c.dims.map((d) => s[d - 1]), weights: [] };
    }
    case 'GlobalAveragePooling1D': case 'GlobalMaxPooling1D':
      if (s.length !== 2) return { reason: 'keras3 rejects global pooling: needs (L, C)' };
      return { out: [F], weights: [] };
    case 'MaxPooling1D': case 'AveragePooling1D': {
      if (s.length !== 2) return { reason: 'keras3 rejects pooling: needs (L, C)' };
      const L = s[0];
      let out = null;
      if (L != null) {
        out = c.padding === 'valid' ? Math.floor((L - c.pool_size) / c.strides) + 1 : Math.floor((L - 1) / c.strides) + 1;
        if (out <= 0) return { reason: 'keras3 rejects pooling: output length <= 0 (tfjs returns 0)' };
      }
      return { out: [out, F], weights: [] };
    }
    case 'Bidirectional': {
      const inner = kerasModel(c.layer, s, !tr);
      if (inner.reason) return inner;
      const out = [...inner.out];
      if (c.merge_mode === 'concat') out[out.length - 1] *= 2;
      const w = [...inner.weights.map((x) => ({ ...x, scope: 'forward' })), ...inner.weights.map((x) => ({ ...x, scope: 'backward' }))];
      return { out, weights: w };
    }
    case 'TimeDistributed': {
      if (s.length < 2) return { reason: 'keras3 rejects TimeDistributed: input rank < 3' };
      const inner = kerasModel(c.layer, s.slice(1), !tr);
      if (inner.reason) return inner;
      return { out: [s[0], ...inner.out], weights: inner.weights };
    }
    default: throw new Error(spec.class_name);
  }
}

// ------------------------------------------------------------- tfjs building
const Z = 'zeros';
// Returns {layer, notes}; notes lists the derivations applied.
function toTfjs(spec, frozen, extra, notes) {
  const c = spec.config;
  const trainable = c.trainable && !frozen;
  const base = { trainable, ...extra };
  switch (spec.class_name) {
    case 'SimpleRNN': case 'LSTM': case 'GRU': {
      const o = { ...base, units: c.units, useBias: c.use_bias, returnSequences: c.return_sequences, kernelInitializer: Z, recurrentInitializer: Z, biasInitializer: Z };
      if (spec.class_name === 'LSTM') return tf.layers.lstm({ ...o, unitForgetBias: false });
      if (spec.class_name === 'SimpleRNN') return tf.layers.simpleRNN(o);
      if (c.reset_after) notes.push('GRU reset_after=True: tfjs built reset_after=False, bias (3U) -> (2, 3U)');
      return tf.layers.gru({ ...o, resetAfter: false });
    }
    case 'Dense': return tf.layers.dense({ ...base, units: c.units, useBias: c.use_bias, kernelInitializer: Z, biasInitializer: Z });
    case 'Embedding': return tf.layers.embedding({ ...base, inputDim: c.input_dim, outputDim: c.output_dim, embeddingsInitializer: Z });
    case 'Conv1D': {
      let padding = c.padding;
      if (padding === 'causal') { padding = 'same'; notes.push('Conv1D padding=causal: tfjs built padding=same (tfjs gets the causal output length wrong)'); }
      if (c.groups > 1) notes.push('Conv1D groups>1: tfjs built groups=1, kernel (k, C, f) -> (k, C/groups, f)');
      return tf.layers.conv1d({ ...base, filters: c.filters, kernelSize: c.kernel_size, strides: c.strides, padding, dilationRate: c.dilation_rate, useBias: c.use_bias, kernelInitializer: Z, biasInitializer: Z });
    }
    case 'BatchNormalization':
      return tf.layers.batchNormalization({ ...base, center: c.center, scale: c.scale, gammaInitializer: Z, betaInitializer: Z, movingMeanInitializer: Z, movingVarianceInitializer: Z });
    case 'LayerNormalization':
      return tf.layers.layerNormalization({ ...base, center: c.center, scale: c.scale, gammaInitializer: Z, betaInitializer: Z });
    case 'Dropout': return tf.layers.dropout({ ...base, rate: c.rate });
    case 'Flatten': return tf.layers.flatten(base);
    case 'RepeatVector': return tf.layers.repeatVector({ ...base, n: c.n });
    case 'Masking': return tf.layers.masking({ ...base, maskValue: c.mask_value });
    case 'Activation': return tf.layers.activation({ ...base, activation: ACTIVATIONS[c.activation] });
    case 'SpatialDropout1D': return tf.layers.spatialDropout1d({ ...base, rate: c.rate });
    case 'Reshape':
      if (spec.tfjsTarget) notes.push('Reshape -1 on a known input: tfjs built with the size it infers on a zero tensor (its static shape leaves -1 as None)');
      return tf.layers.reshape({ ...base, targetShape: [...(spec.tfjsTarget ?? c.target_shape)] }); // tfjs edits it
    case 'Permute': return tf.layers.permute({ ...base, dims: [...c.dims] });
    case 'GlobalAveragePooling1D': return tf.layers.globalAveragePooling1d(base);
    case 'GlobalMaxPooling1D': return tf.layers.globalMaxPooling1d(base);
    case 'MaxPooling1D': return tf.layers.maxPooling1d({ ...base, poolSize: c.pool_size, strides: c.strides, padding: c.padding });
    case 'AveragePooling1D': return tf.layers.averagePooling1d({ ...base, poolSize: c.pool_size, strides: c.strides, padding: c.padding });
    case 'Bidirectional':
      return tf.layers.bidirectional({ ...base, layer: toTfjs(c.layer, !trainable, {}, notes), mergeMode: c.merge_mode });
    case 'TimeDistributed':
      return tf.layers.timeDistributed({ ...base, layer: toTfjs(c.layer, !trainable, {}, notes) });
    default: throw new Error(spec.class_name);
  }
}

const KERAS_WEIGHT_NAMES = new Set(['kernel', 'recurrent_kernel', 'bias', 'embeddings', 'gamma', 'beta', 'moving_mean', 'moving_variance']);
const prod = (shape) => shape.reduce((a, b) => a * b, 1);
const MAX_WEIGHT = 2.5e8; // elements in one weight (lazily zero-mapped, but keep V8 buffers sane)

// Reshape on a fully known input: the shape of the tfjs layer applied to a zero tensor of batch 1, where
// tfjs infers the -1 and checks the sizes (see header); null on an input with a None.
function tfjsReshapeOut(c, s) {
  if (s.some((d) => d == null)) return null;
  if (prod(s) > 4e6) throw new Error('generator size cap (a Reshape input > 4e6 elements)');
  const layer = tf.layers.reshape({ targetShape: [...c.target_shape] });
  const x = tf.zeros([1, ...s]);
  try {
    const y = layer.apply(x);
    const shape = y.shape.slice(1);
    y.dispose();
    return shape;
  } finally {
    x.dispose();
  }
}

// Record one built tfjs layer in Keras terms, applying derivations.
function recordLayer(spec, tl, notes, inShape) {
  const trainableSet = new Set(tl.trainableWeights);
  const weights = tl.weights.map((w, i) => {
    const parts = w.name.split('/');
    const name = parts[parts.length - 1];
    if (!KERAS_WEIGHT_NAMES.has(name)) throw new Error(`unexpected tfjs weight name ${w.name}`);
    const rec = { name };
    if (spec.class_name === 'Bidirectional') {
      const scope = parts.some((p) => p.startsWith('forward_')) ? 'forward' : parts.some((p) => p.startsWith('backward_')) ? 'backward' : null;
      if (scope == null || (scope === 'forward') !== (i < tl.weights.length / 2)) throw new Error(`bad Bidirectional weight order ${w.name}`);
      rec.scope = scope;
    }
    rec.shape = [...w.shape];
    rec.trainable = trainableSet.has(w);
    return rec;
  });
  // Derivations (see header).
  const innerSpec = spec.class_name === 'Bidirectional' || spec.class_name === 'TimeDistributed' ? spec.config.layer : spec;
  const ic = innerSpec.config;
  if (innerSpec.class_name === 'GRU' && ic.reset_after) {
    for (const w of weights) if (w.name === 'bias') { if (w.shape.length !== 1 || w.shape[0] !== 3 * ic.units) throw new Error('GRU bias'); w.shape = [2, 3 * ic.units]; }
  }
  if (innerSpec.class_name === 'Conv1D' && ic.groups > 1) {
    for (const w of weights) if (w.name === 'kernel') { if (w.shape[1] % ic.groups !== 0) throw new Error('groups'); w.shape = [w.shape[0], w.shape[1] / ic.groups, w.shape[2]]; }
  }
  const derived = notes.length > 0;
  const params = weights.reduce((a, w) => a + prod(w.shape), 0);
  const trainable = weights.reduce((a, w) => a + (w.trainable ? prod(w.shape) : 0), 0);
  const out = tl.outputShape;
  if (!Array.isArray(out) || out[0] !== null || Array.isArray(out[0])) throw new Error(`odd output shape ${JSON.stringify(out)}`);
  const rec = { class_name: spec.class_name, config: spec.config, derived };
  if (derived) rec.derived_from = [...new Set(notes)].join(' + ');
  Object.assign(rec, { output_shape: [...out], params, trainable_params: trainable, non_trainable_params: params - trainable, weights });

  // Cross-checks: tfjs itself (when not derived) and the Keras 3 model.
  if (tl.getClassName() !== spec.class_name) throw new Error(`class ${tl.getClassName()} vs ${spec.class_name}`);
  if (!derived && params !== tl.countParams()) throw new Error(`countParams mismatch ${params} vs ${tl.countParams()}`);
  const km = kerasModel(spec, inShape);
  if (km.reason) throw new Error(`keras model rejects a layer tfjs built: ${km.reason}`);
  const got = JSON.stringify({ out: rec.output_shape.slice(1), w: weights });
  const want = JSON.stringify({ out: km.out, w: km.weights.map((w) => (w.scope ? { name: w.name, scope: w.scope, shape: w.shape, trainable: w.trainable } : w)) });
  if (got !== want) throw new Error(`Keras 3 model disagrees with tfjs record:\n got  ${got}\n want ${want}\n spec ${JSON.stringify(spec)} on ${JSON.stringify(inShape)}`);
  return rec;
}

// Try one layer on input shape s (no batch). Returns {spec, out} or null.
// tfjs decides first; a layer tfjs builds but Keras 3 rejects is refused too.
// `prefix` ({specs, shape}): the layers before, built in front of the candidate (after a Masking, whose
// mask tfjs passes on to layers that may reject it).
function probe(spec, s, prefix = null) {
  const km = kerasModel(spec, s);
  if (!km.reason && km.weights.some((w) => prod(w.shape) > MAX_WEIGHT)) { skip('generator size cap (a weight > 2.5e8 elements)'); return null; }
  const what = spec.class_name === 'Bidirectional' || spec.class_name === 'TimeDistributed' ? `${spec.class_name}(${spec.config.layer.class_name})` : spec.class_name;
  let model = null;
  try {
    model = tf.sequential();
    if (prefix) {
      prefix.specs.forEach((p, i) => model.add(toTfjs(p, false, i === 0 ? { inputShape: prefix.shape } : {}, [])));
      model.add(toTfjs(spec, false, {}, []));
    } else {
      model.add(toTfjs(spec, false, { inputShape: s }, []));
    }
    const evaluated = spec.class_name === 'Reshape' ? tfjsReshapeOut(spec.config, s) : null;
    if (km.reason) { skip(`${km.reason} [tfjs accepts]`); return null; }
    if (evaluated && spec.config.target_shape.includes(-1)) {
      Object.defineProperty(spec, 'tfjsTarget', { value: evaluated, enumerable: false }); // not recorded
    }
    return { spec, out: evaluated ?? model.layers[model.layers.length - 1].outputShape.slice(1) };
  } catch (e) {
    skip(tfjsReason(what, e) + (km.reason ? '' : ' [keras3 accepts]'));
    return null;
  } finally {
    if (model) model.dispose();
  }
}

// -------------------------------------------------------------- case making
const FIRST = [
  ['SimpleRNN', 6], ['LSTM', 7], ['GRU', 8], ['Bidirectional', 6], ['Dense', 5], ['Embedding', 5], ['Conv1D', 6],
  ['BatchNormalization', 2], ['LayerNormalization', 2], ['Dropout', 1], ['Flatten', 1], ['RepeatVector', 1],
  ['GlobalAveragePooling1D', 1], ['GlobalMaxPooling1D', 1], ['MaxPooling1D', 2], ['AveragePooling1D', 2], ['TimeDistributed', 4],
  ['Masking', 2], ['Activation', 2], ['SpatialDropout1D', 2], ['Reshape', 3], ['Permute', 2],
];
const NEXT = [
  ['SimpleRNN', 5], ['LSTM', 6], ['GRU', 7], ['Bidirectional', 5], ['Dense', 7], ['Conv1D', 4],
  ['BatchNormalization', 2], ['LayerNormalization', 2], ['Dropout', 3], ['Flatten', 2], ['RepeatVector', 2],
  ['GlobalAveragePooling1D', 1], ['GlobalMaxPooling1D', 1], ['MaxPooling1D', 2], ['AveragePooling1D', 2], ['TimeDistributed', 3],
  ['Masking', 2], ['Activation', 3], ['SpatialDropout1D', 2], ['Reshape', 3], ['Permute', 2],
];

function makeFirst() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const cls = weighted(FIRST);
    let shape;
    let spec;
    if (cls === 'TimeDistributed') {
      const innerCls = pick(TD_INNER);
      shape = genInputShape('TimeDistributed', innerCls);
      const inner = { class_name: innerCls, config: genConfig(innerCls, shape.slice(1)) };
      if (!inner.config.trainable && chance(0.7)) inner.config.trainable = true;
      spec = { class_name: cls, config: { layer: inner, trainable: trainableFlag() } };
    } else {
      shape = genInputShape(cls);
      spec = { class_name: cls, config: genConfig(cls, shape) };
    }
    const dtype = cls === 'Embedding' ? 'int32' : 'float32';
    const p = probe(spec, shape);
    if (p) return { shape, dtype, spec, out: p.out };
  }
  throw new Error('could not make a first layer');
}

function makeCase(id) {
  const nLayers = chance(0.4) ? 1 : int(2, 6);
  const first = makeFirst();
  const specs = [first.spec];
  let s = first.out;
  while (specs.length < nLayers) {
    let added = false;
    for (let attempt = 0; attempt < 12 && !added; attempt++) {
      // Mostly shape-aware picks; sometimes a blind one, to exercise rejections.
      const blind = chance(0.08);
      const table = blind ? NEXT : NEXT.filter(([c]) => validFor(c, s, false));
      if (table.length === 0) break;
      const cls = weighted(table);
      const spec = { class_name: cls, config: genConfig(cls, s) };
      const masked = specs.some((x) => x.class_name === 'Masking');
      const p = probe(spec, s, masked ? { specs, shape: first.shape } : null);
      if (p) { specs.push(spec); s = p.out; added = true; }
    }
    if (!added) break;
  }

  // Build the whole model and record it.
  const model = tf.sequential();
  try {
    const notesPerLayer = specs.map(() => []);
    specs.forEach((spec, i) => {
      const extra = i === 0 ? { inputShape: first.shape } : {};
      model.add(toTfjs(spec, false, extra, notesPerLayer[i]));
    });
    let inShape = first.shape;
    const layers = model.layers.map((tl, i) => {
      const rec = recordLayer(specs[i], tl, notesPerLayer[i], inShape);
      inShape = rec.output_shape.slice(1);
      return rec;
    });
    const total = layers.reduce((a, l) => a + l.params, 0);
    const trainable = layers.reduce((a, l) => a + l.trainable_params, 0);
    if (!layers.some((l) => l.derived)) {
      if (total !== model.countParams()) throw new Error('model countParams mismatch');
      const tfTrainable = model.trainableWeights.reduce((a, w) => a + prod(w.shape), 0);
      if (tfTrainable !== trainable) throw new Error(`model trainable mismatch ${tfTrainable} vs ${trainable}`);
    }
    return {
      id, input_shape: [null, ...first.shape], input_dtype: first.dtype, layers,
      total_params: total, trainable_params: trainable, non_trainable_params: total - trainable,
    };
  } finally {
    model.dispose();
  }
}

// ------------------------------------------------------------------- main
async function main() {
  await tf.setBackend('cpu');
  const t0 = process.hrtime.bigint();
  const cases = [];
  for (let id = 0; id < args.cases; id++) cases.push(makeCase(id));
  const doc = fixtureText('generate.mjs', args.seed, cases);
  writeFileSync(args.out, doc);

  // Summary (stderr only; nothing here goes into the fixture).
  const perClass = new Map();
  let derived = 0;
  const bump = (k) => perClass.set(k, (perClass.get(k) ?? 0) + 1);
  for (const c of cases) {
    for (const l of c.layers) {
      bump(l.class_name);
      if (l.config.layer) bump(`  ${l.class_name}(${l.config.layer.class_name})`);
      if (l.class_name === 'GRU' || l.config.layer?.class_name === 'GRU') bump(`  GRU reset_after=${(l.config.layer ?? l).config?.reset_after ?? l.config.reset_after}`);
      if (l.derived) derived++;
    }
  }
  const single = cases.filter((c) => c.layers.length === 1).length;
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.error(`wrote ${args.out}: ${cases.length} cases (${single} single-layer, ${cases.length - single} Sequential), ${doc.length} bytes, ${secs.toFixed(1)} s`);
  console.error(`layers per class (derived layers: ${derived}):`);
  for (const [k, v] of [...perClass.entries()].sort()) console.error(`  ${k}: ${v}`);
  let nskip = 0;
  for (const v of skips.values()) nskip += v;
  console.error(`skipped layer candidates: ${nskip}`);
  for (const [k, v] of [...skips.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) console.error(`  ${v}\t${k}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
