// What every command-line entry point shares: a mistake the person made (bad options, an
// unreadable file) is a CliError, printed as one line with exit code 2; anything else is a
// bug and keeps its stack.
export class CliError extends Error {}

/** Runs a command's main with its arguments and sets the exit code it returns. */
export async function runCli(main: (args: string[]) => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  }
}
