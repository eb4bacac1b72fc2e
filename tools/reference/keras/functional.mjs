// tools/reference/keras/functional.mjs: records functional models built with TensorFlow.js (a port of
// Keras) for tests/conformance/keras_functional_cases.json.
//
// Each case is a random graph of Inputs and layer calls: SimpleRNN, LSTM and GRU (return_sequences,
// return_state, initial_state from an earlier call's states; GRU with reset_after=False, the only GRU
// tfjs has), Dense, Bidirectional(LSTM or GRU) with
// return_state, and shared layers called again on another tensor; one to three model outputs. tfjs
// builds the model (tf.model, of the Inputs the outputs need) and reports what the C++ side must reproduce: model.layers in order
// (class, count, trainable count), each layer's inbound nodes as [layer position, node, tensor], and the
// model's output shapes and totals. Names are not recorded: tfjs names layers its own way
// ("lstm_LSTM1"); positions compare the same structure. Every tenth case also holds model.toJSON().
//
// Deterministic: a seeded PRNG (mulberry32) drives every choice.
// Usage: node functional.mjs [--seed N] [--cases N] [--out PATH]
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { parseArgs, randomness, fixtureText } from './common.mjs';

const args = parseArgs(20261202, 300, 'keras_functional_cases.json');
const { int, chance, pick } = randomness(args.seed);

const STATES = { SimpleRNN: 1, GRU: 1, LSTM: 2 };

// A layer as Keras's JSON has it ({class_name, config}, snake_case), and the tfjs layer made from it.
function tfjsLayer(spec) {
  const c = spec.config;
  if (spec.class_name === 'Dense') return tf.layers.dense({ units: c.units, useBias: c.use_bias });
  if (spec.class_name === 'Bidirectional') {
    return tf.layers.bidirectional({ layer: tfjsLayer(c.layer), mergeMode: c.merge_mode });
  }
  const make = { SimpleRNN: tf.layers.simpleRNN, LSTM: tf.layers.lstm, GRU: tf.layers.gru }[spec.class_name];
  const options = { units: c.units, useBias: c.use_bias, returnSequences: c.return_sequences, returnState: c.return_state };
  return make(options);
}

function makeCase(id) {
  // tensors: {ref: [source, index], shape (without batch), states: [units, count, class] | null}
  const tensors = [];
  const inputs = [];
  const tfInputs = [];
  const inputCount = int(1, 3);
  for (let i = 0; i < inputCount; i++) {
    const shape = [chance(0.5) ? null : int(1, 6), int(1, 6)];
    inputs.push(shape);
    const t = tf.input({ shape });
    tfInputs.push(t);
    tensors.push({ ref: [`i${i}`, 0], shape, tf: t });
  }
  const ops = [];
  const made = []; // {op, spec, layer, rank}: layers that can be called again
  const opCount = int(1, 6);
  for (let k = 0; k < opCount; k++) {
    const sequences = tensors.filter((t) => t.shape.length === 2);
    const reusable = made.filter((m) => tensors.some((t) => t.shape.length === m.rank && t.shape[t.shape.length - 1] === m.features && t.ref[0] !== m.firstInput));
    let op;
    if (reusable.length > 0 && chance(0.25)) {
      const m = pick(reusable);
      const on = pick(tensors.filter((t) => t.shape.length === m.rank && t.shape[t.shape.length - 1] === m.features));
      op = { reuse: m.op, on: [on.ref] };
      const out = m.layer.apply(on.tf);
      addOutputs(k, out, m.spec);
      ops.push(op);
      continue;
    }
    const x = sequences.length > 0 && chance(0.75) ? pick(sequences) : pick(tensors);
    let spec;
    if (x.shape.length === 2 && chance(0.75)) {
      const cls = pick(['SimpleRNN', 'LSTM', 'GRU', 'Bidirectional']);
      const inner = cls === 'Bidirectional' ? pick(['LSTM', 'GRU']) : cls;
      const starts = cls === 'Bidirectional' ? [] : tensors.filter((t) => t.states && t.states.cls === inner);
      const start = starts.length > 0 && chance(0.6) ? pick(starts) : null;
      const units = start ? start.states.units : int(1, 8);
      const config = { units, use_bias: chance(0.85), return_sequences: chance(0.5), return_state: chance(0.6) };
      if (inner === 'GRU') config.reset_after = false; // tfjs has only reset_after=False
      spec = cls === 'Bidirectional'
        ? { class_name: 'Bidirectional', config: { layer: { class_name: inner, config }, merge_mode: pick(['concat', 'sum']) } }
        : { class_name: cls, config };
      const layer = tfjsLayer(spec);
      op = { layer: spec, on: [x.ref] };
      let out;
      if (start) {
        op.initial_state = start.states.refs;
        out = layer.apply(x.tf, { initialState: start.states.refs.map((r) => find(r).tf) });
      } else {
        out = layer.apply(x.tf);
      }
      made.push({ op: k, spec, layer, rank: 2, features: x.shape[1], firstInput: x.ref[0] });
      addOutputs(k, out, spec);
    } else {
      spec = { class_name: 'Dense', config: { units: int(1, 8), use_bias: chance(0.85) } };
      const layer = tfjsLayer(spec);
      op = { layer: spec, on: [x.ref] };
      made.push({ op: k, spec, layer, rank: x.shape.length, features: x.shape[x.shape.length - 1], firstInput: x.ref[0] });
      addOutputs(k, layer.apply(x.tf), spec);
    }
    ops.push(op);
  }

  function find(ref) { return tensors.find((t) => t.ref[0] === ref[0] && t.ref[1] === ref[1]); }
  // Adds a call's output tensors; the output of a recurrent call with return_state remembers its states,
  // which a later call of the same class and units may take as initial_state.
  function addOutputs(k, out, spec) {
    const outs = Array.isArray(out) ? out : [out];
    outs.forEach((t, i) => tensors.push({ ref: [k, i], shape: t.shape.slice(1), tf: t }));
    if (spec.class_name in STATES && spec.config.return_state) { // not Bidirectional's: none start from them
      const refs = [];
      for (let i = 1; i <= STATES[spec.class_name]; i++) refs.push([k, i]);
      tensors[tensors.length - outs.length].states = { cls: spec.class_name, units: spec.config.units, refs };
    }
  }

  // Outputs: one to three tensors made by layer calls (not Inputs), the last one always among them.
  const produced = tensors.filter((t) => typeof t.ref[0] === 'number');
  const outputs = [produced[produced.length - 1]];
  const extra = int(0, 2);
  for (let i = 0; i < extra; i++) {
    const t = pick(produced);
    if (!outputs.includes(t)) outputs.push(t);
  }
  // The model's inputs: the Inputs the outputs need (Keras 2 and tfjs drop the others from model.layers,
  // Keras 3 keeps them; a case gives only the needed ones, so that both agree).
  const needed = new Set();
  const walk = (ref) => {
    if (typeof ref[0] === 'string') { needed.add(Number(ref[0].slice(1))); return; }
    const op = ops[ref[0]]; // a new layer's call or a reuse: either way, what it was called on
    for (const r of op.on) walk(r);
    for (const r of op.initial_state || []) walk(r);
  };
  outputs.forEach((t) => walk(t.ref));
  const modelInputs = [...needed].sort((a, b) => a - b);
  const model = tf.model({ inputs: modelInputs.map((i) => tfInputs[i]), outputs: outputs.map((t) => t.tf) });
  try {
    const position = new Map(model.layers.map((l, i) => [l, i]));
    const layers = model.layers.map((l) => ({
      class_name: l.getClassName(),
      params: l.countParams(),
      trainable_params: l.trainableWeights.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0),
      // the layer's calls that are the model's (a shared layer may have others): tfjs's containerNodes
      inbound: l.inboundNodes
        .filter((n, index) => n.inboundLayers.length > 0 && model.containerNodes.has(`${l.name}_ib-${index}`))
        .map((n) => n.inboundLayers.map((il, j) => [position.get(il), n.nodeIndices[j], n.tensorIndices[j]])),
    }));
    const recorded = {
      id, inputs, ops, model_inputs: modelInputs, outputs: outputs.map((t) => t.ref),
      layers, output_shapes: model.outputs.map((t) => t.shape.slice(1)),
      total_params: model.countParams(),
    };
    // Every tenth case also as the model's own JSON (model.toJSON(): tf.keras 2's format, nested
    // inbound_nodes), which the C++ side reads with its functional JSON reader.
    if (id % 10 === 0) recorded.model_json = model.toJSON(null, false);
    return recorded;
  } finally {
    model.dispose();
  }
}

async function main() {
  await tf.setBackend('cpu');
  const cases = [];
  for (let id = 0; id < args.cases; id++) cases.push(makeCase(id));
  const doc = fixtureText('functional.mjs', args.seed, cases);
  writeFileSync(args.out, doc);
  console.error(`functional.mjs: ${cases.length} cases, ${cases.reduce((s, c) => s + c.layers.length, 0)} layers -> ${args.out}`);
}
main();
