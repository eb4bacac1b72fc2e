// tools/reference/keras/common.mjs: what generate.mjs and functional.mjs share: their arguments, the
// installed tfjs version, the seeded PRNG and the fixture's layout.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/// --seed N, --cases N and --out PATH over the defaults; `fixture` names the default output in
/// tests/conformance.
export function parseArgs(seed, cases, fixture) {
  const args = { seed, cases, out: resolve(here, '../../../tests/conformance', fixture) };
  for (let i = 2; i < process.argv.length; i++) {
    const a = process.argv[i];
    const v = process.argv[i + 1];
    if (a === '--seed') { args.seed = Number.parseInt(v, 10); i++; }
    else if (a === '--cases') { args.cases = Number.parseInt(v, 10); i++; }
    else if (a === '--out') { args.out = resolve(v); i++; }
    else { console.error(`unknown argument ${a}`); process.exit(2); }
  }
  return args;
}

export const tfjsVersion = JSON.parse(readFileSync(resolve(here, 'node_modules/@tensorflow/tfjs/package.json'), 'utf8')).version;

/// A seeded PRNG (mulberry32) and the helpers every choice goes through.
export function randomness(seed) {
  let a = seed >>> 0;
  const rnd = function next() {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    rnd,
    int: (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)), // inclusive
    chance: (p) => rnd() < p,
    pick: (arr) => arr[Math.floor(rnd() * arr.length)],
  };
}

/// The fixture: a head naming the generator, tfjs's version and the seed, then one case per line.
export function fixtureText(generator, seed, cases) {
  return [
    `{"generator": "tools/reference/keras/${generator}", `,
    `"framework": ${JSON.stringify(`@tensorflow/tfjs ${tfjsVersion}`)}, `,
    `"seed": ${seed}, "cases": [\n`,
    cases.map((c) => JSON.stringify(c)).join(',\n'),
    '\n]}\n',
  ].join('');
}
