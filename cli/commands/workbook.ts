/**
 * `workbook-create/update/list/get/get-definition/delete/validate`: workbooks in the store; their workflows and
 * actions are stored as `<workbook>.<name>`.
 */
import type { Command } from 'commander';
import type { WorkbookRecord } from '../../store/types';
import { registerDefinitionCommands } from '../mistral/definitions';
import type { Column } from '../mistral/format';

/** mistralclient's workbook columns. */
export const WORKBOOK_COLUMNS: Column<WorkbookRecord>[] = [
  ['Name', (r) => r.name],
  ['Namespace', (r) => r.namespace],
  ['Tags', (r) => r.tags],
  ['Scope', (r) => r.scope],
  ['Created at', (r) => r.created_at],
  ['Updated at', (r) => r.updated_at],
];

/** Registers the workbook commands. */
export function registerWorkbookCommands(program: Command): void {
  registerDefinitionCommands<WorkbookRecord>(program, {
    kind: 'workbook',
    noun: 'workbook',
    columns: WORKBOOK_COLUMNS,
    written: (res) => (res.workbook ? [res.workbook] : []),
    list: (t, ns) => t.store.list('workbook', ns),
    get: (t, id, ns) => t.store.get('workbook', id, ns),
    notFound: (id, ns) => `Workbook not found [name=${id}, namespace=${ns}]`,
  });
}
