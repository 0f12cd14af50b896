import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { UsageError, type Command } from './commands/command';

/** Sub-commands by name, loaded on use. Add a command by adding a line here and a module in commands/. */
const commands: Record<string, () => Promise<Command>> = {
  seed: async () => (await import('./commands/seed')).seedCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
  token: async () => (await import('./commands/token')).tokenCommand,
};

const overview = async () =>
  [
    'Usage: campus-cockpit <command> [options]',
    '',
    'Commands:',
    ...(await Promise.all(
      Object.entries(commands).map(async ([name, load]) => `  ${name.padEnd(8)} ${(await load()).summary}`),
    )),
    '',
    'Run `campus-cockpit <command> --help` for the options of a command.',
  ].join('\n');

/** Runs the `campus-cockpit` command line; resolves to the exit code (0 ok, 1 failure, 2 bad arguments). */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(await overview());
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) {
    console.error(
      `campus-cockpit: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}.`,
    );
    return 2;
  }
  const command = await load();
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`campus-cockpit ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    console.error(`campus-cockpit ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const invokedDirectly = (() => {
  try {
    return (
      process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href
    );
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
