import { resolve } from 'node:path';
import { generateWarehouseFile, type SeedProgress } from '../seed/generate';
import {
  DEFAULT_AS_OF,
  DEFAULT_SCALE,
  DEFAULT_SEED,
  MAX_AS_OF,
  MAX_SCALE,
  MIN_AS_OF,
  MIN_SCALE,
  SeedOptionError,
} from '../seed/options';
import { UsageError, parseOptions, type Command } from './command';

const usage = `Usage: campus-cockpit seed [--out warehouse.duckdb] [--seed ${DEFAULT_SEED}] [--as-of ${DEFAULT_AS_OF}] [--scale ${DEFAULT_SCALE}] [--force]

Generates the synthetic campus warehouse (a DuckDB file). The same arguments always give the same data.

Options:
  --out <file>      DuckDB file to write (default warehouse.duckdb)
  --seed <n>        seed of the generator, a whole number ≥ 0 (default ${DEFAULT_SEED})
  --as-of <date>    last day of the history, YYYY-MM-DD from ${MIN_AS_OF} to ${MAX_AS_OF}, or \`today\` or
                    \`yesterday\` on the campus clock (UTC+8) (default ${DEFAULT_AS_OF})
  --scale <x>       size factor from ${MIN_SCALE} to ${MAX_SCALE}; 1 ≈ 12,000 students, 3.5M network samples (default ${DEFAULT_SCALE})
  --threads <n>     DuckDB worker threads (default: all cores; the data does not depend on it)
  --force           replace --out if it exists
  --quiet           print only errors
  -h, --help        show this help`;

function parseNumber(option: string, text: string | undefined, whole: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
    throw new UsageError(`--${option} must be ${whole ? 'a whole number' : 'a number'}, got "${text}".`);
  }
  return value;
}

/** `today` and `yesterday` are campus dates (China Standard Time, UTC+8), for demos with live data. */
export function resolveAsOf(text: string | undefined, now = new Date()): string | undefined {
  if (text !== 'today' && text !== 'yesterday') return text;
  const campus = new Date(now.getTime() + 8 * 3_600_000 - (text === 'yesterday' ? 86_400_000 : 0));
  return campus.toISOString().slice(0, 10);
}

const formatRows = (rows: number) => rows.toLocaleString('en-US').padStart(11);
const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;

export const seedCommand: Command = {
  summary: 'generate the synthetic campus warehouse (DuckDB file)',
  usage,
  async run(args) {
    const values = parseOptions(args, {
      out: { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      scale: { type: 'string' },
      threads: { type: 'string' },
      force: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const threads = parseNumber('threads', values.threads, true);
    if (threads !== undefined && threads < 1)
      throw new UsageError(`--threads must be at least 1, got ${threads}.`);
    const out = resolve(values.out ?? 'warehouse.duckdb');
    const options = {
      out,
      seed: parseNumber('seed', values.seed, true),
      scale: parseNumber('scale', values.scale, false),
      asOf: resolveAsOf(values['as-of']),
      overwrite: values.force ?? false,
      threads,
      onProgress: values.quiet
        ? undefined
        : (p: SeedProgress) =>
            console.log(
              `[${String(p.index).padStart(2)}/${p.total}] ${p.table.padEnd(22)} ${formatRows(p.rows)} rows ${formatSeconds(p.milliseconds)}`,
            ),
    };
    try {
      const result = await generateWarehouseFile(options);
      if (!values.quiet) {
        const { seed, scale, asOf } = result.params;
        const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
        console.log(
          `Wrote ${out}: ${result.tables.length} tables, ${rows.toLocaleString('en-US')} rows in ${(result.milliseconds / 1000).toFixed(1)} s (seed ${seed}, scale ${scale}, as of ${asOf}).`,
        );
      }
      return 0;
    } catch (error) {
      if (error instanceof SeedOptionError) throw new UsageError(error.message);
      throw error;
    }
  },
};
