/**
 * Theming contract (see docs/widgets.md): every private `--_token` a stylesheet reads is defined, either by
 * the global tokens or on the element's own `:host`, and every token defined is read somewhere.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const widgetsSource = resolve(import.meta.dirname, '../../packages/widgets/src');
const globalTokensFile = join(widgetsSource, 'theme/tokens.ts');

function styleFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return styleFiles(path);
    return entry.name.endsWith('.styles.ts') ? [path] : [];
  });
}

const defined = (css: string) => new Set([...css.matchAll(/(--_[a-z0-9-]+)\s*:/g)].map((m) => m[1]!));
const read = (css: string) => new Set([...css.matchAll(/var\(\s*(--_[a-z0-9-]+)/g)].map((m) => m[1]!));

const globalTokens = defined(readFileSync(globalTokensFile, 'utf8'));
const sheets = styleFiles(widgetsSource).map((file) => ({
  name: relative(widgetsSource, file),
  css: readFileSync(file, 'utf8'),
}));

describe('theme tokens', () => {
  it('finds the global tokens and at least one element stylesheet', () => {
    expect(globalTokens.size).toBeGreaterThan(5);
    expect(sheets.length).toBeGreaterThan(0);
  });

  for (const { name, css } of sheets) {
    it(`${name} reads only tokens that are defined and defines only tokens it reads`, () => {
      const own = defined(css);
      const used = read(css);
      const undefinedTokens = [...used].filter((token) => !own.has(token) && !globalTokens.has(token));
      const unusedTokens = [...own].filter((token) => !used.has(token));
      expect({ undefinedTokens, unusedTokens }).toEqual({ undefinedTokens: [], unusedTokens: [] });
    });
  }

  it('every global token is read by some element', () => {
    const usedAnywhere = new Set(sheets.flatMap(({ css }) => [...read(css)]));
    expect([...globalTokens].filter((token) => !usedAnywhere.has(token))).toEqual([]);
  });
});
