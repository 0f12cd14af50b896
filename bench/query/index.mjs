// `npm run bench:query`: queries per second of the query language, over the golden examples.
//
//   compile (parse + resolve + check + emit against the campus catalog), with JSON.parse of the same queries'
//   IR text as the same-run baseline (the cheapest way a client could hold the IR); also parse alone and
//   validateIR (the server's check of untrusted IR). Goal: compile ≥ 50,000 queries/s.
//
// The package is bundled and minified with esbuild first, as browsers and the server run it. Each figure is
// the best of five interleaved rounds, so a busy machine lowers every figure alike rather than one of them.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const examples = new URL('../../packages/query/examples/', import.meta.url);
const outdir = mkdtempSync(join(tmpdir(), 'bench-query-'));
await build({
  entryPoints: [new URL('../../packages/query/src/index.ts', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  target: 'node20',
  conditions: ['source'],
  outfile: join(outdir, 'query.mjs'),
  logLevel: 'error',
});
const { compile, parse, validateIR } = await import(pathToFileURL(join(outdir, 'query.mjs')).href);
rmSync(outdir, { recursive: true, force: true });

const catalog = JSON.parse(readFileSync(new URL('catalog.json', examples), 'utf8'));
const names = readdirSync(new URL('valid/', examples))
  .filter((file) => file.endsWith('.query'))
  .map((file) => file.slice(0, -'.query'.length));
const texts = names.map((name) => readFileSync(new URL(`valid/${name}.query`, examples), 'utf8'));
const irTexts = names.map((name) => readFileSync(new URL(`valid/${name}.ir.json`, examples), 'utf8'));
const irs = irTexts.map((text) => JSON.parse(text));

for (const text of texts) {
  if (compile(text, catalog).diagnostics.length > 0)
    throw new Error(`A golden example no longer compiles cleanly: ${text}`);
}

let sink = 0;
/** Queries per second of `once(i)` over all examples for about `milliseconds`. */
function rate(once, milliseconds) {
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < milliseconds) {
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < texts.length; i++) sink += once(i) === undefined ? 0 : 1;
    }
    count += 50 * texts.length;
    elapsed = performance.now() - start;
  }
  return (count / elapsed) * 1000;
}

const subjects = {
  baseline: (i) => JSON.parse(irTexts[i]),
  compile: (i) => compile(texts[i], catalog).ir,
  parse: (i) => parse(texts[i]).ast,
  validate: (i) => validateIR(irs[i], catalog).value,
};
for (const once of Object.values(subjects)) rate(once, 300); // warm-up
const best = Object.fromEntries(Object.keys(subjects).map((name) => [name, 0]));
for (let round = 0; round < 5; round++) {
  for (const [name, once] of Object.entries(subjects)) best[name] = Math.max(best[name], rate(once, 400));
}
if (sink < 0) console.log(sink);

const round = (value) => Math.round(value);
console.log(`examples: ${names.length} queries`);
console.log(
  `compile (parse+check+compile, baseline JSON.parse of the same IR): ${round(best.compile)} queries/s, baseline ${round(best.baseline)} queries/s, ratio ${(best.compile / best.baseline).toFixed(3)}`,
);
console.log(`parse: ${round(best.parse)} queries/s`);
console.log(`validateIR: ${round(best.validate)} queries/s`);
console.log(`compile against the goal of 50000 queries/s: ${(best.compile / 50_000).toFixed(2)} ×`);
