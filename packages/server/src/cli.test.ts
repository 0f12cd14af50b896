import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from './cli';
import { resolveAsOf } from './commands/seed';

let directory: string;
const printed = { log: [] as string[], error: [] as string[] };

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'campus-cockpit-cli-'));
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.log.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation(
    (...args: unknown[]) => void printed.error.push(args.join(' ')),
  );
});

afterEach(() => {
  printed.log.length = 0;
  printed.error.length = 0;
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(directory, { recursive: true, force: true });
});

describe('campus-cockpit', () => {
  it('lists the commands and exits with 2 when no command is given', async () => {
    expect(await main([])).toBe(2);
    expect(printed.log.join('\n')).toMatch(/seed\s+generate the synthetic campus warehouse/);
  });

  it('names an unknown command and the known ones', async () => {
    expect(await main(['sed'])).toBe(2);
    expect(printed.error.join('\n')).toMatch(
      /^campus-cockpit: unknown command "sed"\. Commands: (\w+, )*seed(, \w+)*\.$/,
    );
  });
});

describe('campus-cockpit seed', () => {
  it('writes a warehouse file, printing progress per table', async () => {
    const out = join(directory, 'small.duckdb');
    expect(
      await main(['seed', '--out', out, '--scale', '0.01', '--seed', '7', '--as-of', '2026-03-15']),
    ).toBe(0);
    expect(printed.log.some((line) => /\[ ?\d+\/\d+\] students\s+[\d,]+ rows/.test(line))).toBe(true);
    expect(printed.log.at(-1)).toMatch(
      /^Wrote .*small\.duckdb: \d+ tables, .* \(seed 7, scale 0\.01, as of 2026-03-15\)\.$/,
    );
    const instance = await DuckDBInstance.create(out, { access_mode: 'READ_ONLY' });
    try {
      const rows = (
        await (
          await instance.connect()
        ).runAndReadAll('SELECT seed, scale, as_of::VARCHAR FROM seed_metadata')
      ).getRows();
      expect(rows).toEqual([[7, 0.01, '2026-03-15']]);
    } finally {
      instance.closeSync();
    }
  });

  it('refuses to overwrite an existing file unless --force is given', async () => {
    const out = join(directory, 'existing.duckdb');
    writeFileSync(out, 'not a database');
    expect(await main(['seed', '--out', out, '--scale', '0.01', '--quiet'])).toBe(1);
    expect(printed.error.join('\n')).toMatch(
      /existing\.duckdb already exists; delete it, choose another --out, or pass --force/,
    );
    expect(await main(['seed', '--out', out, '--scale', '0.01', '--quiet', '--force'])).toBe(0);
    expect(printed.log).toEqual([]);
  });

  it('says when the folder of --out does not exist', async () => {
    const out = join(directory, 'missing', 'x.duckdb');
    expect(await main(['seed', '--out', out, '--scale', '0.01', '--quiet'])).toBe(1);
    expect(printed.error.join('\n')).toContain(
      `the folder ${join(directory, 'missing')} for ${out} does not exist`,
    );
  });

  it.each([
    [['--scale', 'big'], '--scale must be a number, got "big".'],
    [['--scale', '0'], 'scale 0 is invalid: use a number from 0.01 to 10'],
    [['--seed', '1.5'], '--seed must be a whole number, got "1.5".'],
    [['--seed=-1'], 'seed -1 is invalid: use a whole number from 0 to 2147483647'],
    [['--as-of', '2026-02-30'], 'as-of date "2026-02-30" is invalid: write it as YYYY-MM-DD'],
    [
      ['--as-of', '2019-12-31'],
      'as-of date 2019-12-31 is outside the calendar: use a date from 2022-01-01 to 2027-12-31',
    ],
    [['--threads', '0'], '--threads must be at least 1, got 0.'],
    [['--colour'], "Unknown option '--colour'"],
    [['extra'], "Unexpected argument 'extra'"],
  ])('rejects %j with a clear message and the usage', async (args, message) => {
    const out = join(directory, 'never.duckdb');
    expect(await main(['seed', '--out', out, ...args])).toBe(2);
    const error = printed.error.join('\n');
    expect(error).toContain(`campus-cockpit seed: ${message}`);
    expect(error).toContain('Usage: campus-cockpit seed');
    expect(existsSync(out)).toBe(false);
  });

  it('prints its help', async () => {
    expect(await main(['seed', '--help'])).toBe(0);
    expect(printed.log.join('\n')).toContain('--as-of <date>');
  });
});

describe('--as-of today and yesterday', () => {
  it('are dates on the campus clock (UTC+8)', () => {
    const lateEvening = new Date('2026-11-25T17:30:00Z'); // 01:30 on 26 November in 丽水
    expect(resolveAsOf('today', lateEvening)).toBe('2026-11-26');
    expect(resolveAsOf('yesterday', lateEvening)).toBe('2026-11-25');
    expect(resolveAsOf('2026-01-02', lateEvening)).toBe('2026-01-02');
    expect(resolveAsOf(undefined, lateEvening)).toBeUndefined();
  });
});
