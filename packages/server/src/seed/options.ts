import { addDays, formatIsoDate, parseIsoDate } from './calendar';

/** Version of the seed format; bump when tables, columns or the generated values change. */
export const SEED_FORMAT_VERSION = 1;

/** Arguments of the seed generator. */
export interface SeedOptions {
  /** Seed of the pseudo-random generator (integer ≥ 0); default 1. */
  readonly seed?: number;
  /** Size factor (0.01–10); 1 is a ~12,000-student university. Default 1. */
  readonly scale?: number;
  /** Last day of the generated history (`YYYY-MM-DD`, 2022-01-01 … 2027-12-31); default 2026-11-25. */
  readonly asOf?: string;
}

/** Validated options with the dates derived from the as-of date. */
export interface SeedParameters {
  readonly seed: number;
  readonly scale: number;
  readonly asOf: string;
  /** Academic year (its first calendar year; years run from 1 September) the as-of date falls in. */
  readonly academicYear: number;
  /** First day of the two-year history (library loans, service requests, claims). */
  readonly historyStart: string;
  /** First day of the one-year history (seat reservations). */
  readonly yearStart: string;
  /** First day of the 30-day history (network samples, gate entries). */
  readonly recentStart: string;
  /** The day after the as-of date: live rows start there. */
  readonly liveStart: string;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_SCALE = 1;
export const DEFAULT_AS_OF = '2026-11-25';
export const MIN_AS_OF = '2022-01-01';
export const MAX_AS_OF = '2027-12-31';
export const MIN_SCALE = 0.01;
export const MAX_SCALE = 10;

/** A seed argument is out of range or malformed; the message says which and how to fix it. */
export class SeedOptionError extends Error {
  override name = 'SeedOptionError';
}

/** Validates the options and derives the history windows. */
export function resolveSeedOptions(options: SeedOptions = {}): SeedParameters {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2_147_483_647) {
    throw new SeedOptionError(
      `seed ${String(seed)} is invalid: use a whole number from 0 to 2147483647, e.g. 1.`,
    );
  }
  const scale = options.scale ?? DEFAULT_SCALE;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new SeedOptionError(
      `scale ${String(scale)} is invalid: use a number from ${MIN_SCALE} to ${MAX_SCALE} (1 ≈ 12,000 students).`,
    );
  }
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  let asOfDate: Date;
  try {
    asOfDate = parseIsoDate(asOf);
  } catch {
    throw new SeedOptionError(
      `as-of date "${asOf}" is invalid: write it as YYYY-MM-DD, e.g. ${DEFAULT_AS_OF}.`,
    );
  }
  if (asOf < MIN_AS_OF || asOf > MAX_AS_OF) {
    throw new SeedOptionError(
      `as-of date ${asOf} is outside the calendar: use a date from ${MIN_AS_OF} to ${MAX_AS_OF} (two years of history must fit in 2020–2027).`,
    );
  }
  const month = asOfDate.getUTCMonth() + 1;
  const year = asOfDate.getUTCFullYear();
  return {
    seed,
    scale,
    asOf,
    academicYear: month >= 9 ? year : year - 1,
    historyStart: formatIsoDate(addDays(asOfDate, -729)),
    yearStart: formatIsoDate(addDays(asOfDate, -364)),
    recentStart: formatIsoDate(addDays(asOfDate, -29)),
    liveStart: formatIsoDate(addDays(asOfDate, 1)),
  };
}
