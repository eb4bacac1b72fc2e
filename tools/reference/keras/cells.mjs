// tools/reference/keras/cells.mjs: records Keras's generic RNN layer around its cells, built with
// TensorFlow.js (a port of Keras), for tests/conformance/keras_cell_cases.json.
//
// Each case is a model Input -> RNN(cell) [-> a second layer]: RNN(SimpleRNNCell), RNN(LSTMCell),
// RNN(GRUCell) and RNN(StackedRNNCells of 2 to 4 cells, each built on the previous one's output), taken in
// turn by id. (tfjs cannot wrap RNN(cell) in Bidirectional: its Bidirectional rebuilds the layer from a
// config, and its RNN's config holds the cell object; tests/conformance covers Bidirectional's doubling
// on the other recurrent layers.) Units, use_bias, return_sequences, a None timestep axis,
// trainable=False on the layer or on one cell, and a Dense or a second RNN after it vary. The records
// have keras_cases.json's layout: per layer its Keras 3 config, output shape, counts and weights in
// layer.weights order; a weight of a stack has the scope "cells[k]" of the cell that made it (tfjs names
// it RNNCell_k), and in Bidirectional "forward/..." or "backward/...".
//
// Where tfjs differs from Keras 3:
//   - GRUCell reset_after=True (Keras 3's default): tfjs refuses it. Built with reset_after=False; the
//     bias (3U) becomes (2, 3U), the only difference in Keras's GRUCell.build ("derived": true);
//   - a frozen cell in a stack: tfjs (as tf.keras 2) lists the trainable weights first; Keras 3 lists each
//     cell's weights together, in cell order. Recorded in Keras 3's order ("derived": true).
// A cell's trainable=False freezes its weights in both (tfjs's RNN lists them as non-trainable).
// Every count is cross-checked against an independent Keras 3 formula below; a disagreement aborts.
//
// Deterministic: a seeded PRNG (mulberry32) drives every choice.
// Usage: node cells.mjs [--seed N] [--cases N] [--out PATH]
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { parseArgs, randomness, fixtureText } from './common.mjs';

const args = parseArgs(20261204, 250, 'keras_cell_cases.json');
const { int, chance, pick } = randomness(args.seed);

const CELLS = ['SimpleRNNCell', 'LSTMCell', 'GRUCell'];
const GATES = { SimpleRNNCell: 1, LSTMCell: 4, GRUCell: 3 };
const KINDS = ['SimpleRNNCell', 'LSTMCell', 'GRUCell', 'StackedRNNCells'];
const units = () => (chance(0.7) ? int(1, 32) : int(33, 300));
const prod = (s) => s.reduce((a, b) => a * b, 1);

// A random cell spec in Keras 3's config keys.
function cellSpec(cls) {
  const config = { units: units(), use_bias: !chance(0.2) };
  if (cls === 'GRUCell') config.reset_after = !chance(0.3);
  config.trainable = !chance(0.1);
  return { class_name: cls, config };
}

function tfjsCell(spec) {
  const c = spec.config;
  const o = { units: c.units, useBias: c.use_bias, kernelInitializer: 'zeros', recurrentInitializer: 'zeros' };
  const cell = spec.class_name === 'SimpleRNNCell' ? tf.layers.simpleRNNCell(o)
    : spec.class_name === 'LSTMCell' ? tf.layers.lstmCell(o)
      : tf.layers.gruCell({ ...o, resetAfter: false });
  if (!spec.config.trainable) cell.trainable = false;
  return cell;
}

// The cell of an RNN: one cell, or a StackedRNNCells of 2 to 4.
function rnnCellSpec(kind) {
  if (kind !== 'StackedRNNCells') return cellSpec(kind);
  const cells = [];
  const n = int(2, 4);
  for (let i = 0; i < n; i++) cells.push(cellSpec(pick(CELLS)));
  return { class_name: 'StackedRNNCells', config: { cells } };
}

// The weights Keras 3 makes for a cell spec on `features` inputs, in order: [{name, scope?, shape, trainable}].
function kerasWeights(cell, features, trainable, scope) {
  const out = [];
  const one = (c, f, sc, tr) => {
    const g = GATES[c.class_name] * c.config.units;
    const t = tr && c.config.trainable;
    const w = (name, shape) => out.push(sc ? { name, scope: sc, shape, trainable: t } : { name, shape, trainable: t });
    w('kernel', [f, g]);
    w('recurrent_kernel', [c.config.units, g]);
    if (c.config.use_bias) w('bias', c.class_name === 'GRUCell' && c.config.reset_after ? [2, g] : [g]);
    return c.config.units;
  };
  if (cell.class_name === 'StackedRNNCells') {
    let f = features;
    cell.config.cells.forEach((c, k) => { f = one(c, f, scope ? `${scope}/cells[${k}]` : `cells[${k}]`, trainable); });
  } else {
    one(cell, features, scope, trainable);
  }
  return out;
}
const lastUnits = (cell) => (cell.class_name === 'StackedRNNCells' ? cell.config.cells.at(-1).config.units : cell.config.units);

// The RNN layer spec (Keras 3 config) and its tfjs layer.
function rnnSpec(kind, returnSequences) {
  const cell = rnnCellSpec(kind === 'Bidirectional' ? pick(['SimpleRNNCell', 'LSTMCell', 'GRUCell', 'StackedRNNCells']) : kind);
  return { class_name: 'RNN', config: { cell, return_sequences: returnSequences, return_state: false, trainable: !chance(0.1) } };
}
function tfjsRnn(spec, inputShape) {
  const c = spec.config.cell;
  const cell = c.class_name === 'StackedRNNCells' ? c.config.cells.map(tfjsCell) : tfjsCell(c);
  return tf.layers.rnn({ cell, returnSequences: spec.config.return_sequences, ...(inputShape ? { inputShape } : {}) });
}

// Record a built tfjs layer in Keras 3 terms, checked against kerasWeights.
function record(spec, tl, features, timesteps) {
  const isBi = spec.class_name === 'Bidirectional';
  const rnn = isBi ? spec.config.layer : spec;
  const trainableSet = new Set(tl.trainableWeights);
  const notes = [];
  const got = tl.weights.map((w, i) => {
    const parts = w.name.split('/');
    const rec = { name: parts.at(-1) };
    let scope = '';
    if (isBi) {
      scope = parts.some((p) => p.startsWith('forward_')) ? 'forward' : 'backward';
      if ((scope === 'forward') !== (i < tl.weights.length / 2)) throw new Error(`bad Bidirectional weight order ${w.name}`);
    }
    const cellPart = parts.find((p) => /^RNNCell_\d+$/.test(p));
    if (cellPart) scope = (scope ? `${scope}/` : '') + `cells[${cellPart.slice('RNNCell_'.length)}]`;
    if (scope) rec.scope = scope;
    rec.shape = [...w.shape];
    rec.trainable = trainableSet.has(w);
    return rec;
  });
  const trainable = spec.config.trainable && (!isBi || rnn.config.trainable);
  const want = kerasWeights(rnn.config.cell, features, trainable, isBi ? 'forward' : '');
  const all = isBi ? [...want, ...kerasWeights(rnn.config.cell, features, trainable, 'backward')] : want;
  // Derivations: GRUCell reset_after=True's bias, a frozen cell (see the header).
  // tfjs lists the trainable weights first, then the frozen ones (as tf.keras 2 does); Keras 3 lists each
  // cell's together, in cell order. Matched by scope and name, recorded in Keras 3's order.
  const byKey = new Map(got.map((w, i) => [`${w.scope ?? ''}/${w.name}`, { w, i }]));
  const weights = all.map((k, i) => {
    const found = byKey.get(`${k.scope ?? ''}/${k.name}`);
    if (!found) throw new Error(`Keras weight ${JSON.stringify(k)} not among tfjs's ${JSON.stringify(got)}`);
    const { w } = found;
    if (found.i !== i) notes.push("tfjs lists a frozen cell's weights after the trainable ones; Keras 3 keeps each cell's in order");
    if (JSON.stringify(k.shape) !== JSON.stringify(w.shape)) {
      if (w.name !== 'bias' || k.shape.length !== 2 || k.shape[0] !== 2 || k.shape[1] !== w.shape[0]) throw new Error(`shape ${JSON.stringify(w)} vs ${JSON.stringify(k)}`);
      notes.push('GRUCell reset_after=True: tfjs built reset_after=False, bias (3U) -> (2, 3U)');
    }
    if (k.trainable !== w.trainable) throw new Error(`trainable ${JSON.stringify(w)} vs ${JSON.stringify(k)}`);
    return k;
  });
  if (got.length !== all.length) throw new Error('weight count');
  if (weights.length !== all.length) throw new Error('weight count');
  const params = weights.reduce((a, w) => a + prod(w.shape), 0);
  const trainableParams = weights.reduce((a, w) => a + (w.trainable ? prod(w.shape) : 0), 0);
  if (notes.length === 0 && params !== tl.countParams()) throw new Error(`countParams ${params} vs ${tl.countParams()}`);
  const u = lastUnits(rnn.config.cell) * (isBi && (spec.config.merge_mode ?? 'concat') === 'concat' ? 2 : 1);
  const out = rnn.config.return_sequences ? [null, timesteps, u] : [null, u];
  if (JSON.stringify(tl.outputShape) !== JSON.stringify(out)) throw new Error(`output ${JSON.stringify(tl.outputShape)} vs ${JSON.stringify(out)}`);
  const rec = { class_name: spec.class_name, config: spec.config, derived: notes.length > 0 };
  if (notes.length) rec.derived_from = [...new Set(notes)].join(' + ');
  Object.assign(rec, { output_shape: out, params, trainable_params: trainableParams, non_trainable_params: params - trainableParams, weights });
  return rec;
}

function freeze(tl, spec) {
  const rnnSpecOf = spec.class_name === 'Bidirectional' ? spec.config.layer : spec;
  if (!spec.config.trainable) tl.trainable = false;
  if (spec.class_name === 'Bidirectional' && !rnnSpecOf.config.trainable) {
    tl.forwardLayer.trainable = false;
    tl.backwardLayer.trainable = false;
  }
}

function makeCase(id) {
  const kind = KINDS[id % KINDS.length];
  const timesteps = chance(0.15) ? null : int(1, 40);
  const features = units();
  const returnSequences = chance(0.4);
  const spec = rnnSpec(kind, returnSequences);
  const model = tf.sequential();
  const tl = tfjsRnn(spec, [timesteps, features]);
  model.add(tl);
  freeze(tl, spec);
  const layers = [record(spec, tl, features, timesteps)];
  const next = chance(0.4);
  if (next) {
    const out = layers[0].output_shape;
    if (out.length === 3 && chance(0.5)) {
      const second = rnnSpec(pick(['SimpleRNNCell', 'LSTMCell', 'GRUCell', 'StackedRNNCells']), false);
      const t2 = tfjsRnn(second, null);
      model.add(t2);
      freeze(t2, second);
      layers.push(record(second, t2, out[2], out[1]));
    } else {
      const unitsOut = int(1, 16);
      const d = tf.layers.dense({ units: unitsOut, kernelInitializer: 'zeros' });
      model.add(d);
      const f = out.at(-1);
      const w = [{ name: 'kernel', shape: [f, unitsOut], trainable: true }, { name: 'bias', shape: [unitsOut], trainable: true }];
      if (d.countParams() !== f * unitsOut + unitsOut) throw new Error('Dense');
      layers.push({ class_name: 'Dense', config: { units: unitsOut, use_bias: true, trainable: true }, derived: false,
        output_shape: [...out.slice(0, -1), unitsOut], params: d.countParams(), trainable_params: d.countParams(), non_trainable_params: 0, weights: w });
    }
  }
  const total = layers.reduce((a, l) => a + l.params, 0);
  const trainable = layers.reduce((a, l) => a + l.trainable_params, 0);
  const c = { id, input_shape: [null, timesteps, features], input_dtype: 'float32', layers, total_params: total,
    trainable_params: trainable, non_trainable_params: total - trainable };
  model.dispose();
  return c;
}

const cases = [];
for (let id = 0; id < args.cases; id++) cases.push(makeCase(id));
writeFileSync(args.out, fixtureText('cells.mjs', args.seed, cases));
const per = {};
for (const c of cases) {
  const l = c.layers[0];
  const key = l.class_name === 'Bidirectional' ? `Bidirectional(RNN(${l.config.layer.config.cell.class_name}))` : `RNN(${l.config.cell.class_name})`;
  per[key] = (per[key] ?? 0) + 1;
}
const derived = cases.filter((c) => c.layers.some((l) => l.derived)).length;
console.error(`wrote ${args.out}: ${cases.length} cases (${derived} with a derived layer)`);
for (const k of Object.keys(per).sort()) console.error(`  ${k}: ${per[k]}`);
