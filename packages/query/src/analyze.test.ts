/**
 * `analyze` finds what `compile` finds without wording it; `describeIssues` words it. Checked against the
 * golden examples, so the two halves together say exactly what the goldens say.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyze } from './analyze.js';
import { describeIssues } from './compile.js';
import { catalog, examplesDir } from '../test/fixtures.js';

function goldens(kind: 'valid' | 'invalid'): { name: string; text: string; expected: unknown }[] {
  const dir = `${examplesDir}/${kind}`;
  const suffix = kind === 'valid' ? '.ir.json' : '.diagnostics.json';
  return readdirSync(dir)
    .filter((file) => file.endsWith('.query'))
    .map((file) => {
      const name = file.slice(0, -'.query'.length);
      const expected: unknown = JSON.parse(readFileSync(`${dir}/${name}${suffix}`, 'utf8'));
      return { name, text: readFileSync(`${dir}/${file}`, 'utf8'), expected };
    });
}

describe('analyze', () => {
  test.each(goldens('valid'))('finds nothing in valid $name and emits its IR', ({ text, expected }) => {
    const { ir, issues } = analyze(text, catalog);
    expect(issues).toEqual([]);
    expect(ir).toEqual(expected);
  });

  test.each(goldens('invalid'))('finds the golden issues of $name, unworded', ({ text, expected }) => {
    const { ir, issues } = analyze(text, catalog);
    const golden = expected as { code: string; severity: string }[];
    expect(ir === undefined).toBe(golden.some((d) => d.severity === 'error'));
    expect(issues.map((issue) => issue.code).sort()).toEqual(golden.map((d) => d.code).sort());
    for (const issue of issues) {
      expect(issue).not.toHaveProperty('message');
      expect(issue.loc).toBeDefined();
    }
    expect(describeIssues(issues, text, { locale: 'en' })).toEqual(golden);
  });

  test('leaves did-you-mean to wording time', () => {
    const text = 'from students | measure headcont | by xueyuan';
    const { issues } = analyze(text, catalog);
    expect(issues.map((issue) => [issue.code, issue.suggestions, issue.near?.input])).toEqual([
      ['unknown-member', undefined, 'headcont'],
      ['unknown-member', undefined, 'xueyuan'],
    ]);
    const worded = describeIssues(issues, text);
    expect(worded.map((d) => d.suggestions)).toEqual([['headcount'], ['college']]);
    expect(worded[1]?.hint).toContain('college（学院）');
  });
});
