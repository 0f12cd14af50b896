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

/** Discards everything (tests). */
export const silentLogger: Logger = () => {};
