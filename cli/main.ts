/**
 * The `tramontane` command line. Each command lives in `cli/commands/<name>.ts` and registers itself here.
 * Commands mirror python-mistralclient where Mistral had one.
 */
import { Command } from 'commander';
import { registerValidate } from './commands/validate';
import { registerEval } from './commands/eval';
import { registerRun } from './commands/run';
import { registerWorkflowCommands } from './commands/workflow';
import { registerWorkbookCommands } from './commands/workbook';
import { registerActionCommands } from './commands/action';
import { registerEnvironmentCommands } from './commands/environment';
import { registerExecutionCommands } from './commands/execution';
import { registerTaskCommands } from './commands/task';
import { registerActionExecutionCommands } from './commands/action-execution';
import { registerCronTrigger } from './commands/cron-trigger';

const program = new Command();
program
  .name('tramontane')
  .description('Mistral v2 workflows on Temporal')
  .showHelpAfterError('(run with --help for usage)')
  .configureOutput({ outputError: (str, write) => write(str) });

registerValidate(program);
registerEval(program);
registerRun(program);
registerWorkflowCommands(program);
registerWorkbookCommands(program);
registerActionCommands(program);
registerEnvironmentCommands(program);
registerExecutionCommands(program);
registerTaskCommands(program);
registerActionExecutionCommands(program);
registerCronTrigger(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`tramontane: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
