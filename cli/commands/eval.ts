import type { Command } from 'commander';

/** `tramontane eval EXPR` — owned by the expression work; placeholder until it lands. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('Evaluate a YAQL or Jinja expression against a JSON context')
    .argument('[expression]')
    .action(() => {
      throw new Error('eval: not implemented yet');
    });
}
