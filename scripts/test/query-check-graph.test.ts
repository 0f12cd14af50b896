/**
 * The query check a browser loads for text that is right (`analyze`) must not pull in the wording of
 * diagnostics: messages, hints and did-you-mean are fetched only for a query with errors.
 */
import nodeResolve from '@rollup/plugin-node-resolve';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { expect, test } from 'vitest';

async function inputsOf(exports: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: `export { ${exports} } from '@campus-cockpit/query';`, resolveDir: process.cwd() },
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    conditions: ['source'],
    logLevel: 'silent',
  });
  // The modules that put code in the bundle (a module only parsed, then shaken out, contributes 0 bytes).
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
}

const wording = /locales\/|suggest\.ts|diagnostic\.ts|locale-registry\.ts|messages\.ts/;

test('analyze imports no wording', async () => {
  const inputs = await inputsOf('analyze');
  expect(inputs.some((path) => path.endsWith('check.ts'))).toBe(true);
  expect(inputs.filter((path) => wording.test(path))).toEqual([]);
});

test('compile brings the zh-CN wording with it', async () => {
  const inputs = await inputsOf('compile');
  expect(inputs.filter((path) => wording.test(path)).sort()).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/locales\/zh-CN\.ts$/),
      expect.stringMatching(/suggest\.ts$/),
    ]),
  );
});

test("the client's checker chunk leaves the wording to a chunk of its own", async () => {
  // Rollup, as the real build: esbuild's code splitting groups whole modules and would blur the line.
  const bundle = await rollup({
    input: 'packages/client/src/text-query.ts',
    plugins: [
      nodeResolve({
        exportConditions: ['source', 'browser', 'import', 'default'],
        extensions: ['.ts', '.js'],
      }),
      esbuild({ target: 'chrome109', tsconfig: 'tsconfig.base.json' }),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const chunks = output.filter((item) => item.type === 'chunk');
  const modulesOf = (chunk: (typeof chunks)[number]) =>
    Object.entries(chunk.modules)
      .filter(([, module]) => module.renderedLength > 0)
      .map(([id]) => id);
  // The entry and every chunk it imports statically: what a page with correct query text downloads.
  const entry = chunks.find((chunk) => chunk.isEntry)!;
  const eagerNames = new Set([entry.fileName, ...entry.imports]);
  const eager = chunks.filter((chunk) => eagerNames.has(chunk.fileName)).flatMap(modulesOf);
  const lazy = chunks.filter((chunk) => !eagerNames.has(chunk.fileName)).flatMap(modulesOf);
  expect(eager.some((id) => id.endsWith('check.ts'))).toBe(true);
  expect(eager.filter((id) => wording.test(id))).toEqual([]);
  expect(lazy).toEqual(expect.arrayContaining([expect.stringMatching(/locales\/zh-CN\.ts$/)]));
});
