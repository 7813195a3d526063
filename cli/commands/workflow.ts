/**
 * `workflow-create/update/list/get/get-definition/delete/validate`: workflow definitions in the store, with
 * python-mistralclient's columns.
 */
import type { Command } from 'commander';
import type { WorkflowRecord } from '../../store/types';
import { registerDefinitionCommands } from '../mistral/definitions';
import type { Column } from '../mistral/format';

/** mistralclient's workflow columns. */
export const WORKFLOW_COLUMNS: Column<WorkflowRecord>[] = [
  ['ID', (r) => r.id],
  ['Name', (r) => r.name],
  ['Namespace', (r) => r.namespace],
  ['Project ID', () => '<default-project>'],
  ['Tags', (r) => r.tags],
  ['Input', (r) => r.input],
  ['Scope', (r) => r.scope],
  ['Created at', (r) => r.created_at],
  ['Updated at', (r) => r.updated_at],
];

/** Registers the workflow commands. */
export function registerWorkflowCommands(program: Command): void {
  registerDefinitionCommands<WorkflowRecord>(program, {
    kind: 'workflow',
    noun: 'workflow',
    columns: WORKFLOW_COLUMNS,
    written: (res) => res.workflows,
    list: (t, ns) => t.store.list('workflow', ns),
    get: (t, id, ns) => t.store.get('workflow', id, ns),
    notFound: (id, ns) => `Workflow not found [workflow_identifier=${id}, namespace=${ns}]`,
  });
}
