/**
 * Golden examples: every `examples/valid/<name>.query` compiles without diagnostics to `<name>.ir.json`;
 * every `examples/invalid/<name>.query` yields exactly `<name>.diagnostics.json` (English messages).
 * Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run --project node packages/query`,
 * then review the diff.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compile } from './compile.js';
import { validateIR } from './validate.js';
import { catalog, examplesDir } from '../test/fixtures.js';

const update = process.env.UPDATE_GOLDEN === '1';

function goldens(kind: 'valid' | 'invalid'): { name: string; text: string; expectedPath: string }[] {
  const dir = `${examplesDir}/${kind}`;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.query'))
    .map((file) => {
      const name = file.slice(0, -'.query'.length);
      const suffix = kind === 'valid' ? '.ir.json' : '.diagnostics.json';
      return { name, text: readFileSync(`${dir}/${file}`, 'utf8'), expectedPath: `${dir}/${name}${suffix}` };
    });
}

function expectGolden(actual: unknown, path: string): void {
  if (update || !existsSync(path)) writeFileSync(path, JSON.stringify(actual, null, 2) + '\n');
  expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

describe('valid examples compile to their IR', () => {
  test.each(goldens('valid'))('$name', ({ text, expectedPath }) => {
    const { ir, diagnostics } = compile(text, catalog, { locale: 'en' });
    expect(diagnostics).toEqual([]);
    expectGolden(ir, expectedPath);
    expect(validateIR(ir, catalog, { locale: 'en' }).diagnostics).toEqual([]);
  });
});

describe('invalid examples yield their diagnostics', () => {
  test.each(goldens('invalid'))('$name', ({ text, expectedPath }) => {
    const { ir, diagnostics } = compile(text, catalog, { locale: 'en' });
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(ir === undefined).toBe(diagnostics.some((d) => d.severity === 'error'));
    for (const diagnostic of diagnostics) expect(diagnostic.span).toBeDefined();
    expectGolden(diagnostics, expectedPath);
  });
});
