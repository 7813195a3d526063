/**
 * The `tramontane` command line. Each command lives in `cli/commands/<name>.ts` and registers itself here.
 * Commands mirror python-mistralclient where Mistral had one.
 */
import { Command } from 'commander';
import { registerValidate } from './commands/validate';
import { registerEval } from './commands/eval';
import { registerRun } from './commands/run';

const program = new Command();
program
  .name('tramontane')
  .description('Mistral v2 workflows on Temporal')
  .showHelpAfterError('(run with --help for usage)')
  .configureOutput({ outputError: (str, write) => write(str) });

registerValidate(program);
registerEval(program);
registerRun(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`tramontane: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
