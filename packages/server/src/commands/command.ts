/** A `campus-cockpit` sub-command. */
export interface Command {
  /** One line for the command list. */
  readonly summary: string;
  /** Full usage text, printed by `--help` and after argument errors. */
  readonly usage: string;
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(args: readonly string[]): Promise<number>;
}

/** A bad command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
