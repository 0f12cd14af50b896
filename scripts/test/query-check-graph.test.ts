/**
 * The query check a browser loads for text that is right (`analyze`) must not pull in the wording of
 * diagnostics: messages, hints and did-you-mean are fetched only for a query with errors.
 */
import { build } from 'esbuild';
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
