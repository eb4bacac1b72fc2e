// tools/reference/keras/merging.mjs: records the layers called on a list of tensors, built with
// TensorFlow.js (a port of Keras), for tests/conformance/keras_merge_cases.json.
//
// Each case is one layer called on random input shapes: Concatenate(axis), Add, Average, Multiply,
// Maximum, Minimum (2 to 4 inputs of equal or broadcasting shapes, Nones included), Dot(axes,
// normalize), and MultiHeadAttention (num_heads, key_dim, value_dim, use_bias, output_shape; query,
// value and an optional key). tfjs reports the output shape, or that it refuses the inputs, and the
// layer's weights (shapes, in order) and count. The C++ side reads the layer's config with the Keras
// JSON reader and must agree.
//
// Where tfjs and Keras 3 differ, the cases keep to what both do:
//   - tfjs merges take at least 2 inputs (Keras 3: 1);
//   - tfjs's Concatenate compares the other axes exactly, where Keras 3 lets a None match any size:
//     the inputs of a case have their Nones at the same places;
//   - tfjs's Concatenate indexes past the last axis without an error (Keras 3: an IndexError): the
//     axis is within the inputs' rank;
//   - tfjs's Dot takes inputs of rank 3 at most (with the batch axis), and refuses negative axes in a
//     pair, which Keras 3 takes as Python indexes: an integer axes may be negative, a pair is not;
//   - tfjs's MultiHeadAttention (layers/nlp, not in the tfjs bundle; loaded through esm_resolve.mjs)
//     wants the query's and value's last axes equal, which Keras 3 no longer does, has no use_gate,
//     and builds its weights when it runs: it is run on zeros of the case's shapes (no None).
//
// Deterministic: a seeded PRNG (mulberry32) drives every choice.
// Usage: node merging.mjs [--seed N] [--cases N] [--out PATH]
import * as tf from '@tensorflow/tfjs';
import { register } from 'node:module';
import { writeFileSync } from 'node:fs';
import { parseArgs, randomness, fixtureText } from './common.mjs';

register('./esm_resolve.mjs', import.meta.url);
const { MultiHeadAttention } = await import('@tensorflow/tfjs-layers/dist/layers/nlp/multihead_attention.js');

const args = parseArgs(20261203, 600, 'keras_merge_cases.json');
const { int, chance, pick } = randomness(args.seed);

const ELEMENTWISE = { Add: tf.layers.add, Average: tf.layers.average, Multiply: tf.layers.multiply, Maximum: tf.layers.maximum, Minimum: tf.layers.minimum };

const size = () => (chance(0.15) ? 1 : int(1, 6));

// The shape of a further input of an elementwise merge: the first's, or one that broadcasts with it
// (fewer leading axes, 1s), or now and then one that does not.
function elementwiseShape(first) {
  if (chance(0.4)) return first.slice();
  const drop = int(0, first.length - 1);
  const s = first.slice(drop).map((d) => (chance(0.2) ? 1 : d));
  if (chance(0.12) && s.length > 0) s[int(0, s.length - 1)] = int(2, 7);
  return s;
}

function weightsOf(layers) {
  const weights = [];
  for (const l of layers) for (const w of l.weights) weights.push(w.shape);
  return weights;
}

function merge(id) {
  const cls = pick(['Concatenate', 'Add', 'Average', 'Multiply', 'Maximum', 'Minimum', 'Dot']);
  const count = cls === 'Dot' ? 2 : int(2, 4);
  const rank = cls === 'Dot' ? int(1, 2) : int(1, 3);
  const first = Array.from({ length: rank }, () => (chance(0.2) ? null : size()));
  const inputs = [first];
  let config = {};
  let layer;
  if (cls === 'Concatenate') {
    const axis = pick([-1, -1, 1, rank, -rank, 0]);
    config = { axis };
    const position = axis < 0 ? axis + rank + 1 : axis;
    for (let i = 1; i < count; i++) {
      const s = first.slice();
      if (position >= 1 && position <= rank) s[position - 1] = chance(0.15) ? null : size();
      if (chance(0.1)) s[int(0, rank - 1)] = int(1, 7); // may break the match
      if (chance(0.05)) s.push(2); // another rank
      inputs.push(s.map((d, k) => (first[k] === null && k !== position - 1 ? null : d)));
    }
    layer = tf.layers.concatenate({ axis });
  } else if (cls === 'Dot') {
    const second = rank === 1 ? [first[0]] : (chance(0.5) ? [first[1], size()] : [size(), first[chance(0.5) ? 0 : 1]]);
    if (chance(0.1)) second[int(0, second.length - 1)] = int(1, 7);
    inputs.push(chance(0.15) ? [size()] : second);
    const axis = () => pick([1, rank, -1, -rank].filter((a) => a !== 0));
    const axes = chance(0.5) ? axis() : [pick([1, rank]), pick([1, inputs[1].length])];
    const normalize = chance(0.3);
    config = { axes, normalize };
    layer = tf.layers.dot({ axes, normalize });
  } else {
    for (let i = 1; i < count; i++) inputs.push(elementwiseShape(first));
    layer = ELEMENTWISE[cls]();
  }
  const result = { id, class_name: cls, config, inputs };
  try {
    const out = layer.apply(inputs.map((s) => tf.input({ shape: s })));
    result.output_shape = out.shape.slice(1);
    result.weights = weightsOf([layer]);
    result.params = layer.countParams();
  } catch (error) {
    result.error = true;
  }
  return result;
}

function attention(id) {
  const numHeads = int(1, 4);
  const keyDim = int(1, 6);
  // In the order of Keras's signature, which the C++ fields follow (tools/reference/emit_static.py).
  const config = { num_heads: numHeads, key_dim: keyDim };
  if (chance(0.4)) config.value_dim = int(1, 6);
  config.use_bias = chance(0.8);
  if (chance(0.3)) config.output_shape = chance(0.5) ? [int(1, 6)] : [int(1, 4), int(1, 4)];
  const rank = chance(0.85) ? 2 : 3;
  const dim = int(1, 8);
  const steps = () => Array.from({ length: rank - 1 }, () => int(1, 5));
  const query = [...steps(), dim];
  const valueSteps = steps();
  const value = [...valueSteps, dim];
  const inputs = [query, value];
  if (chance(0.4)) inputs.push([...valueSteps, int(1, 8)]);
  const layer = new MultiHeadAttention({
    numHeads, keyDim, valueDim: config.value_dim, useBias: config.use_bias, outputShape: config.output_shape,
  });
  const zeros = inputs.map((s) => tf.zeros([1, ...s]));
  const out = layer.call(zeros[0], { value: zeros[1], key: zeros[2] });
  const sublayers = [layer.queryDense, layer.keyDense, layer.valueDense, layer.outputDense];
  const weights = weightsOf(sublayers);
  const result = {
    id, class_name: 'MultiHeadAttention', config, inputs, output_shape: out.shape.slice(1), weights,
    params: weights.reduce((s, w) => s + w.reduce((a, b) => a * b, 1), 0),
  };
  tf.dispose([...zeros, out]);
  for (const l of sublayers) l.dispose();
  return result;
}

async function main() {
  await tf.setBackend('cpu');
  const cases = [];
  for (let id = 0; id < args.cases; id++) cases.push(chance(0.2) ? attention(id) : merge(id));
  writeFileSync(args.out, fixtureText('merging.mjs', args.seed, cases));
  const refused = cases.filter((c) => c.error).length;
  console.error(`merging.mjs: ${cases.length} cases (${refused} refused) -> ${args.out}`);
}
main();
