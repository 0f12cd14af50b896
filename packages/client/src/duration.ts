const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * Reads a duration such as `30s`, `5m`, `1h`, `500ms` (or a bare number of seconds) into milliseconds.
 * Throws a `RangeError` saying what is accepted when the text is not a positive duration.
 */
export function parseDuration(text: string | number): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(String(text));
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? 's']! : NaN;
  if (!(ms > 0)) {
    throw new RangeError(
      `Invalid duration '${text}': write a positive number with a unit, e.g. '30s', '5m', '1h' or '500ms'.`,
    );
  }
  return ms;
}
