/**
 * `action-create/update/list/get/get-definition/delete/validate`: ad-hoc actions in the store; `action-list` and
 * `action-get` also show the system actions (std.*, nova.*, ...) with their input signatures.
 */
import type { Command } from 'commander';
import { allActionSignatures, actionSignature } from '../../activities/catalog';
import type { ActionSignature } from '../../activities/types';
import { systemActionSignature } from '../../store/signature';
import type { ActionRecord } from '../../store/types';
import { registerDefinitionCommands } from '../mistral/definitions';
import type { Column } from '../mistral/format';

/** An action row: a stored ad-hoc action or a system action (no id, no definition). */
export interface ActionRow {
  id: string | null;
  name: string;
  namespace: string;
  is_system: boolean;
  input: string;
  description: string | null;
  tags: string[];
  definition?: string;
  created_at: string | null;
  updated_at: string | null;
}

/** mistralclient's action columns. */
export const ACTION_COLUMNS: Column<ActionRow>[] = [
  ['ID', (r) => r.id],
  ['Name', (r) => r.name],
  ['Namespace', (r) => r.namespace],
  ['Is system', (r) => r.is_system],
  ['Input', (r) => r.input],
  ['Description', (r) => r.description],
  ['Tags', (r) => r.tags],
  ['Created at', (r) => r.created_at],
  ['Updated at', (r) => r.updated_at],
];

function systemRow(sig: ActionSignature): ActionRow {
  return {
    id: null,
    name: sig.name,
    namespace: '',
    is_system: true,
    input: systemActionSignature(sig.params) + (sig.acceptsKwargs ? `${sig.params.length ? ', ' : ''}**kwargs` : ''),
    description: sig.description ?? null,
    tags: [],
    created_at: null,
    updated_at: null,
  };
}

function adhocRow(r: ActionRecord): ActionRow {
  const { id, name, namespace, input, description, tags, definition, created_at, updated_at } = r;
  return { id, name, namespace, is_system: false, input, description, tags, definition, created_at, updated_at };
}

/** Registers the action commands. */
export function registerActionCommands(program: Command): void {
  registerDefinitionCommands<ActionRow>(program, {
    kind: 'action',
    noun: 'action',
    columns: ACTION_COLUMNS,
    written: (res) => res.actions.map(adhocRow),
    list: async (t, ns) => {
      const adhoc = (await t.store.list('action', ns)).map(adhocRow);
      const system = ns === undefined || ns === '' ? allActionSignatures().map(systemRow) : [];
      return [...system, ...adhoc].sort((a, b) => a.name.localeCompare(b.name));
    },
    get: async (t, id, ns) => {
      const sig = actionSignature(id);
      if (sig) return systemRow(sig);
      const rec = await t.store.get('action', id, ns);
      return rec && adhocRow(rec);
    },
    notFound: (id, ns) => `Action definition not found [action_name=${id}, namespace=${ns}]`,
  });
}
