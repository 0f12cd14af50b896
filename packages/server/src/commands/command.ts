import { parseArgs, type ParseArgsConfig } from 'node:util';

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

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/** The values {@link parseOptions} returns for an options table. */
export type ParsedOptions<Options extends OptionsConfig> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: Options & typeof helpOption;
    allowPositionals: false;
    strict: true;
  }>
>['values'];

/**
 * Reads a command's options strictly (no positionals, no unknown flags) with `-h/--help` added; a mistake
 * becomes a {@link UsageError}.
 */
export function parseOptions<const Options extends OptionsConfig>(
  args: readonly string[],
  options: Options,
): ParsedOptions<Options> {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, ...helpOption },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
