/**
 * Name resolution for starting a stored workflow: the requested workflow (in its namespace only, as a top-level
 * Mistral start), plus every stored workflow and ad-hoc action it may reach — looked up as `<workbook>.<name>` then
 * `<name>`, in the execution's namespace and then the default one — merged into one `Definition` that the execution
 * carries for its whole life (so later edits of the store never change it).
 */
import { loadDefinition } from '../interpreter/spec';
import type { AdhocActionSpec, Definition, WorkflowSpec } from '../interpreter/spec/model';
import { actionSignature } from '../activities/catalog';
import { RegistryError } from './registry-state';
import type { ActionRecord, DefinitionVersion, SourcesResult, WorkflowRecord } from './types';

/** What starting a stored workflow needs: the merged definition, the full workflow name and its version. */
export interface ResolvedDefinition {
  definition: Definition;
  workflow: string;
  version: DefinitionVersion;
}

const cache = new Map<string, Definition>();

function parseCached(text: string, checksum: string, label: string): Definition {
  const hit = cache.get(checksum);
  if (hit) return hit;
  const def = loadDefinition(text, label);
  if (cache.size > 500) cache.clear();
  cache.set(checksum, def);
  return def;
}

const isDynamic = (name: string): boolean => name.includes('<%') || name.includes('{{');

/** Resolves workflow `identifier` (name or id) of `namespace` against the store's `sources`. */
export function resolveDefinition(sources: SourcesResult, identifier: string, namespace: string): ResolvedDefinition {
  const root =
    sources.workflows.find((w) => w.namespace === namespace && w.name === identifier) ??
    sources.workflows.find((w) => w.id === identifier);
  if (!root) throw new RegistryError(`Workflow not found [workflow_identifier=${identifier}, namespace=${namespace}]`);

  const specOf = (rec: WorkflowRecord | ActionRecord, section: 'workflows' | 'actions'): WorkflowSpec | AdhocActionSpec => {
    let def: Definition;
    if (rec.workbook) {
      const wb = sources.workbooks.find((b) => b.name === rec.workbook && b.namespace === rec.namespace);
      if (!wb) throw new RegistryError(`Workbook not found [name=${rec.workbook}, namespace=${rec.namespace}]`);
      def = parseCached(wb.definition, wb.checksum, `<workbook ${wb.name}>`);
    } else {
      def = parseCached(rec.definition, rec.checksum, `<${section === 'workflows' ? 'workflow' : 'action'} ${rec.name}>`);
    }
    const spec = section === 'workflows' ? def.workflows[rec.name] : def.actions[rec.name];
    if (!spec) throw new RegistryError(`Stored definition of ${rec.name} does not define it (namespace=${rec.namespace})`);
    return spec;
  };

  // Namespace first, then the default namespace.
  const find = <T extends { name: string; namespace: string }>(list: T[], name: string): T | undefined =>
    list.find((r) => r.name === name && r.namespace === root.namespace) ?? list.find((r) => r.name === name && r.namespace === '');

  const out: Definition = { kind: 'workflows', tags: [], workflows: {}, actions: {} };
  let everything = false;
  const addWorkflow = (rec: WorkflowRecord): void => {
    if (out.workflows[rec.name]) return;
    const wf = specOf(rec, 'workflows') as WorkflowSpec;
    out.workflows[rec.name] = wf;
    for (const task of Object.values(wf.tasks)) {
      if (task.workflow !== undefined) {
        if (isDynamic(task.workflow)) everything = true;
        else {
          const hit = (wf.workbook && find(sources.workflows, `${wf.workbook}.${task.workflow}`)) || find(sources.workflows, task.workflow);
          if (hit) addWorkflow(hit);
        }
      }
      if (task.action !== undefined) {
        if (isDynamic(task.action)) everything = true;
        else addAction(task.action, wf.workbook);
      }
    }
  };
  const addAction = (name: string, workbook: string | undefined): void => {
    const hit = (workbook && find(sources.actions, `${workbook}.${name}`)) || find(sources.actions, name);
    if (!hit) return; // a system action, or unknown: the engine reports it when the task runs
    if (out.actions[hit.name]) return;
    const spec = specOf(hit, 'actions') as AdhocActionSpec;
    out.actions[hit.name] = spec;
    if (!actionSignature(spec.base)) addAction(spec.base, spec.workbook);
  };
  addWorkflow(root);
  if (everything) {
    // A dynamic `workflow:`/`action:` name may reach anything of the namespace: take it all (namespace wins).
    for (const rec of sources.workflows) {
      const winner = find(sources.workflows, rec.name);
      if (winner === rec && !out.workflows[rec.name]) out.workflows[rec.name] = specOf(rec, 'workflows') as WorkflowSpec;
    }
    for (const rec of sources.actions) {
      const winner = find(sources.actions, rec.name);
      if (winner === rec && !out.actions[rec.name]) out.actions[rec.name] = specOf(rec, 'actions') as AdhocActionSpec;
    }
  }
  return {
    definition: out,
    workflow: root.name,
    version: { id: root.id, name: root.name, namespace: root.namespace, version: root.version, checksum: root.checksum },
  };
}
