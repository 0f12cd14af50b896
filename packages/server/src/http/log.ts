/**
 * Structured logs: one JSON object per line with a time, a level, a message and fields (request id, role, …).
 */

/** A log sink. */
export type Logger = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void;

/** Writes JSON lines to stdout (info) and stderr (warn, error). */
export const jsonLogger: Logger = (level, message, fields = {}) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }) + '\n';
  (level === 'info' ? process.stdout : process.stderr).write(line);
};

/** Writes JSON lines to stderr only (the CLI keeps stdout for the URL). */
export const stderrLogger: Logger = (level, message, fields = {}) => {
  process.stderr.write(
    JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }) + '\n',
  );
};

/** Discards everything (tests). */
export const silentLogger: Logger = () => {};
