// The `lmrec` command line: global options, the command table, and one-line errors (stack traces with --debug).

import { Command, CommanderError } from 'commander';
import { describeError, LmrecError } from '../core/errors.ts';
import { commandTable } from './commands/index.ts';

/** Global options that take a value, so the command name can be found after them. */
const optionsWithValue = new Set(['--db', '--config']);

/** The command named on the command line, or null (help, version, or an unknown name). */
export function commandName(argv: readonly string[]): string | null {
  for (let k = 2; k < argv.length; k++) {
    const token = argv[k];
    if (optionsWithValue.has(token)) k++;
    else if (!token.startsWith('-')) return Object.hasOwn(commandTable, token) ? token : null;
  }
  return null;
}

/** The program with the named command registered, or every command when none is named (for help). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name('lmrec')
    .description('lmrec: a recommendation engine with LLMs as first-class helpers')
    .version(process.env.npm_package_version ?? '0.1.0')
    .option('--db <path>', 'store: SQLite file or postgres:// URL (env LMREC_DB, default ./lmrec.db)')
    .option('--config <file>', 'config file (env LMREC_CONFIG, default ./lmrec.config.json)')
    .option('--quiet', 'no progress output')
    .option('--debug', 'print stack traces on errors')
    .showHelpAfterError()
    .exitOverride();
  const name = commandName(argv);
  const names = name ? [name] : Object.keys(commandTable);
  for (const register of await Promise.all(names.map((each) => commandTable[each]()))) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; usage errors were already printed by commander.
      return error.exitCode;
    }
    const debug = argv.includes('--debug');
    if (debug) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    else {
      const kind = LmrecError.isInstance(error) ? '' : 'unexpected error: ';
      process.stderr.write(`lmrec: ${kind}${describeError(error).split('\n')[0]}\n`);
    }
    return 1;
  }
}

if (import.meta.main) {
  const code = await main(process.argv);
  process.exitCode = code;
}
