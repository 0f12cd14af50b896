/** How a number is written: in full, compact (万/亿 in Chinese), or compact only from one million up. */
export const numberNotations = ['auto', 'standard', 'compact'] as const;
export type NumberNotation = (typeof numberNotations)[number];

/** Options for {@link formatNumber}. */
export interface FormatNumberOptions {
  /** BCP 47 locale. Default `zh-CN`. */
  locale?: string;
  /**
   * `auto` (default) writes numbers below 1,000,000 in full with group separators and larger ones compact
   * (`123.5万`, `1.2亿`); `standard` always in full; `compact` always compact.
   */
  notation?: NumberNotation;
  /** Largest number of fraction digits. Default 2 in full notation, 1 in compact notation. */
  maximumFractionDigits?: number;
}

/** From this magnitude up, `auto` notation switches to compact. */
export const compactThreshold = 1_000_000;

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, compact: boolean, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${compact}|${maximumFractionDigits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      notation: compact ? 'compact' : 'standard',
      maximumFractionDigits,
      useGrouping: true,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Writes a number for people. Integers that arrive as strings (int64 beyond 2^53 travels as text) are written
 * in full without losing digits. Returns `''` for a value that is not a number.
 */
export function formatNumber(value: number | bigint | string, options: FormatNumberOptions = {}): string {
  const { locale = 'zh-CN', notation = 'auto' } = options;
  const numeric = typeof value === 'string' ? parseNumeric(value) : value;
  if (numeric === undefined || (typeof numeric === 'number' && Number.isNaN(numeric))) return '';
  const magnitude = typeof numeric === 'bigint' ? (numeric < 0n ? -numeric : numeric) : Math.abs(numeric);
  const compact = notation === 'compact' || (notation === 'auto' && magnitude >= compactThreshold);
  const maximumFractionDigits = options.maximumFractionDigits ?? (compact ? 1 : 2);
  return formatterFor(locale, compact, maximumFractionDigits).format(numeric);
}

function parseNumeric(text: string): number | bigint | undefined {
  const trimmed = text.trim();
  if (/^-?\d+$/.test(trimmed)) {
    const big = BigInt(trimmed);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(big)
      : big;
  }
  if (trimmed === '' || !Number.isFinite(Number(trimmed))) return undefined;
  return Number(trimmed);
}
