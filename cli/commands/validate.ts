import type { Command } from 'commander';

/** `tramontane validate FILE...` — owned by the spec layer work; placeholder until it lands. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Validate Mistral v2 workflow, workbook or action files')
    .argument('<files...>')
    .action(() => {
      throw new Error('validate: not implemented yet');
    });
}
