/**
 * `environment-create/update/list/get/delete`: named environments (a JSON or YAML file with name, description,
 * variables, scope), usable as `params.env: "<name>"` when starting executions.
 */
import type { Command } from 'commander';
import type { EnvironmentRecord, Scope } from '../../store/types';
import { readObject } from '../mistral/args';
import { formatOf, printList, printOne, type Column, withFormat } from '../mistral/format';
import { withTramontane } from '../mistral/session';

const LIST_COLUMNS: Column<EnvironmentRecord>[] = [
  ['Name', (r) => r.name],
  ['Description', (r) => r.description],
  ['Scope', (r) => r.scope],
  ['Created at', (r) => r.created_at],
  ['Updated at', (r) => r.updated_at],
];

const GET_COLUMNS: Column<EnvironmentRecord>[] = [
  ['Name', (r) => r.name],
  ['Description', (r) => r.description],
  ['Variables', (r) => JSON.stringify(r.variables, null, 4)],
  ['Scope', (r) => r.scope],
  ['Created at', (r) => r.created_at],
  ['Updated at', (r) => r.updated_at],
];

/** Reads an environment file: an object with `name`, and optionally `description`, `variables`, `scope`. */
export function readEnvironmentFile(path: string): { name: string; description?: string | null; variables?: Record<string, unknown>; scope?: Scope } {
  const data = readObject(path.startsWith('@') ? path : `@${path}`, 'environment file')!;
  const unknown = Object.keys(data).filter((k) => !['name', 'description', 'variables', 'scope'].includes(k));
  if (unknown.length) throw new Error(`${path}: unexpected key(s) ${unknown.map((k) => `'${k}'`).join(', ')} (expected name, description, variables, scope)`);
  if (typeof data.name !== 'string' || data.name === '') throw new Error(`${path}: 'name' is required`);
  return data as { name: string; description?: string | null; variables?: Record<string, unknown>; scope?: Scope };
}

/** Registers the environment commands. */
export function registerEnvironmentCommands(program: Command): void {
  for (const mode of ['create', 'update'] as const) {
    withFormat(
      program
        .command(`environment-${mode}`)
        .description(`${mode === 'create' ? 'Create' : 'Update'} an environment from a JSON or YAML file (name, description, variables, scope)`)
        .argument('<file>', 'environment file'),
    ).action((file: string, o: { format?: string }) =>
      withTramontane(async (t) => {
        const format = formatOf(o);
        printOne(await t.store.putEnvironment({ mode, ...readEnvironmentFile(file) }), GET_COLUMNS, format);
      }),
    );
  }
  withFormat(program.command('environment-list').description('List environments')).action((o: { format?: string }) =>
    withTramontane(async (t) => printList(await t.store.list('environment'), LIST_COLUMNS, formatOf(o))),
  );
  withFormat(program.command('environment-get').description('Show an environment').argument('<name>', 'environment name or id')).action(
    (name: string, o: { format?: string }) =>
      withTramontane(async (t) => {
        const format = formatOf(o);
        const rec = await t.store.get('environment', name);
        if (!rec) throw new Error(`Environment not found [name=${name}]`);
        printOne(rec, GET_COLUMNS, format);
      }),
  );
  program
    .command('environment-delete')
    .description('Delete environments')
    .argument('<name...>', 'environment names')
    .action((names: string[]) =>
      withTramontane(async (t) => {
        let failed = 0;
        for (const name of names) {
          try {
            await t.store.delete({ kind: 'environment', identifier: name });
            console.log(`Request to delete environment ${name} has been accepted.`);
          } catch (err) {
            failed++;
            process.stderr.write(`${(err as Error).message}\n`);
          }
        }
        if (failed) throw new Error('Unable to delete the specified environment(s).');
      }),
    );
}
