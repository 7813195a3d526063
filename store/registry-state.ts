/**
 * The definition store's logic, pure and synchronous: validates a write against the current state (located
 * definition errors, Mistral's duplicate / not-found messages) and applies it. The registry workflow calls
 * `checkX` in its Update validators (so a refused write leaves no trace in history) and `applyX` in the handlers.
 */
import { loadDefinition, SpecValidationError } from '../interpreter/spec';
import type { Definition } from '../interpreter/spec/model';
import { actionSignature } from '../activities/catalog';
import { cutTopLevel, cutWorkbookSection } from './cut';
import { md5Hex } from './md5';
import { actionInputSignature, workflowInputSignature } from './signature';
import type {
  ActionRecord,
  DeleteRequest,
  EnvironmentRecord,
  GetRequest,
  ListRequest,
  PutDefinitionRequest,
  PutEnvironmentRequest,
  PutResult,
  RegistryState,
  SourcesResult,
  WorkbookRecord,
  WorkflowRecord,
} from './types';

/** A refused store request; `message` is what the user sees. */
export class RegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Deterministic time and ids (the workflow's clock and seeded uuid4). */
export interface RegistryClock {
  /** Mistral-style `YYYY-MM-DD HH:MM:SS`. */
  now(): string;
  uuid(): string;
}

const PROJECT = '<default-project>';
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An empty store. */
export function emptyRegistry(): RegistryState {
  return { workflows: {}, actions: {}, workbooks: {}, environments: {} };
}

/** Formats a Date as Mistral does in its resources: `2024-05-01 12:00:00`. */
export function mistralTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

const key = (namespace: string, name: string): string => `${namespace}/${name}`;
const ns = (n?: string): string => n ?? '';

const EXPECTED: Record<PutDefinitionRequest['kind'], { kind: Definition['kind']; what: string; cmd: string }> = {
  workflow: { kind: 'workflows', what: 'a workflow file', cmd: 'workflow-create' },
  workbook: { kind: 'workbook', what: 'a workbook', cmd: 'workbook-create' },
  action: { kind: 'actions', what: 'an ad-hoc action file', cmd: 'action-create' },
};

/** Parses and validates a definition text for a write of `kind`; throws RegistryError with located errors. */
export function parseForKind(req: PutDefinitionRequest): Definition {
  const file = req.file ?? '<definition>';
  let def: Definition;
  try {
    def = loadDefinition(req.text, file);
  } catch (err) {
    if (err instanceof SpecValidationError) throw new RegistryError(err.message);
    throw new RegistryError(`${file}:1:1: ${(err as Error).message}`);
  }
  const want = EXPECTED[req.kind];
  if (def.kind !== want.kind) {
    const got = Object.values(EXPECTED).find((e) => e.kind === def.kind)!;
    throw new RegistryError(`${file}:1:1: Invalid DSL: ${want.what} was expected, got ${got.what} (use ${got.cmd})`);
  }
  for (const name of [...Object.keys(def.workflows), ...Object.keys(def.actions)]) {
    if (UUID_LIKE.test(name)) throw new RegistryError(`${file}:1:1: Workflow name cannot be in the format of UUID: ${name}`);
    if (/\s/.test(name)) throw new RegistryError(`${file}:1:1: Name must not contain spaces: '${name}'`);
  }
  return def;
}

function notFound(kind: DeleteRequest['kind'], identifier: string, namespace: string): RegistryError {
  switch (kind) {
    case 'workflow':
      return new RegistryError(`Workflow not found [workflow_identifier=${identifier}, namespace=${namespace}]`);
    case 'workbook':
      return new RegistryError(`Workbook not found [name=${identifier}, namespace=${namespace}]`);
    case 'action':
      return new RegistryError(`Action definition not found [action_name=${identifier}, namespace=${namespace}]`);
    case 'environment':
      return new RegistryError(`Environment not found [name=${identifier}]`);
  }
}

function table(state: RegistryState, kind: DeleteRequest['kind']): Record<string, { id: string; name: string; namespace?: string }> {
  return kind === 'workflow' ? state.workflows : kind === 'workbook' ? state.workbooks : kind === 'action' ? state.actions : state.environments;
}

/** Finds one record by name (in `namespace`) or id; undefined when absent. */
export function findRecord<K extends GetRequest['kind']>(state: RegistryState, req: GetRequest & { kind: K }): RegistryState[`${K}s`][string] | undefined {
  const t = table(state, req.kind);
  const byName = req.kind === 'environment' ? t[req.identifier] : t[key(ns(req.namespace), req.identifier)];
  const found = byName ?? Object.values(t).find((r) => r.id === req.identifier);
  return found as RegistryState[`${K}s`][string] | undefined;
}

/** Lists records of a kind, by name; one namespace or all. */
export function listRecords(state: RegistryState, req: ListRequest): unknown[] {
  const all = Object.values(table(state, req.kind));
  const picked = req.namespace === undefined || req.kind === 'environment' ? all : all.filter((r) => r.namespace === req.namespace);
  return picked.sort((a, b) => a.name.localeCompare(b.name) || (a.namespace ?? '').localeCompare(b.namespace ?? ''));
}

/** Records of `namespace` and of the default namespace: what name resolution for an execution needs. */
export function sourcesFor(state: RegistryState, namespace: string): SourcesResult {
  const inScope = (r: { namespace: string }) => r.namespace === namespace || r.namespace === '';
  return {
    workflows: Object.values(state.workflows).filter(inScope),
    actions: Object.values(state.actions).filter(inScope),
    workbooks: Object.values(state.workbooks).filter(inScope),
  };
}

/** Checks a definition write without applying it; returns the parsed definition. */
export function checkPut(state: RegistryState, req: PutDefinitionRequest): Definition {
  const def = parseForKind(req);
  const n = ns(req.namespace);
  if (req.kind === 'workbook') {
    const exists = state.workbooks[key(n, def.name!)];
    if (req.mode === 'create' && exists) {
      throw new RegistryError(`Duplicate entry for WorkbookDefinition ['name', 'namespace', 'project_id']: ${def.name}, ${n}, ${PROJECT}`);
    }
    if (req.mode === 'update' && !exists) throw notFound('workbook', def.name!, n);
    return def;
  }
  if (req.kind === 'workflow') {
    for (const name of Object.keys(def.workflows)) {
      const exists = state.workflows[key(n, name)];
      if (req.mode === 'create' && exists) {
        throw new RegistryError(`Duplicate entry for WorkflowDefinition ['name', 'namespace', 'project_id']: ${name}, ${n}, ${PROJECT}`);
      }
      if (req.mode === 'update' && !exists) throw notFound('workflow', name, n);
    }
    return def;
  }
  for (const name of Object.keys(def.actions)) {
    if (actionSignature(name)) {
      throw new RegistryError(
        req.mode === 'create'
          ? `Duplicate entry for Action ['name', 'namespace', 'project_id']: ${name}, ${n}, ${PROJECT}`
          : `Attempt to modify a system action: ${name}`,
      );
    }
    const exists = state.actions[key(n, name)];
    if (req.mode === 'create' && exists) {
      throw new RegistryError(`Duplicate entry for Action ['name', 'namespace', 'project_id']: ${name}, ${n}, ${PROJECT}`);
    }
    if (req.mode === 'update' && !exists) throw notFound('action', name, n);
  }
  return def;
}

function upsert<T extends { id: string; version: number; created_at: string; updated_at: string | null }>(
  previous: T | undefined,
  fresh: Omit<T, 'id' | 'version' | 'created_at' | 'updated_at'>,
  clock: RegistryClock,
): T {
  const now = clock.now();
  if (!previous) return { id: clock.uuid(), ...fresh, version: 1, created_at: now, updated_at: null } as T;
  return { id: previous.id, ...fresh, version: previous.version + 1, created_at: previous.created_at, updated_at: now } as T;
}

/** Applies a (checked) definition write and returns the records written. */
export function applyPut(state: RegistryState, req: PutDefinitionRequest, clock: RegistryClock): PutResult {
  const def = checkPut(state, req);
  const n = ns(req.namespace);
  const scope = req.scope ?? 'private';
  const out: PutResult = { workflows: [], actions: [] };
  const wbName = def.kind === 'workbook' ? def.name : undefined;
  const wfTexts = wbName ? cutWorkbookSection(req.text, 'workflows') : Object.keys(def.workflows).length > 1 ? cutTopLevel(req.text) : undefined;
  const acTexts = wbName ? cutWorkbookSection(req.text, 'actions') : undefined;
  const local = (full: string): string => (wbName && full.startsWith(`${wbName}.`) ? full.slice(wbName.length + 1) : full);
  for (const wf of Object.values(def.workflows)) {
    const k = key(n, wf.name);
    const text = wfTexts?.get(local(wf.name)) ?? req.text;
    const rec = upsert<WorkflowRecord>(state.workflows[k], {
      name: wf.name,
      namespace: n,
      definition: text,
      checksum: md5Hex(text),
      tags: wf.tags,
      scope,
      input: workflowInputSignature(wf.input),
      output: Object.keys(wf.output ?? {}),
      ...(wbName ? { workbook: wbName } : {}),
    }, clock);
    state.workflows[k] = rec;
    out.workflows.push(rec);
  }
  for (const a of Object.values(def.actions)) {
    const k = key(n, a.name);
    const text = acTexts?.get(local(a.name)) ?? req.text;
    const rec = upsert<ActionRecord>(state.actions[k], {
      name: a.name,
      namespace: n,
      definition: text,
      checksum: md5Hex(text),
      tags: a.tags,
      scope,
      input: actionInputSignature(a.input),
      description: a.description ?? null,
      base: a.base,
      ...(wbName ? { workbook: wbName } : {}),
    }, clock);
    state.actions[k] = rec;
    out.actions.push(rec);
  }
  if (wbName) {
    const k = key(n, wbName);
    const rec = upsert<WorkbookRecord>(state.workbooks[k], {
      name: wbName,
      namespace: n,
      definition: req.text,
      checksum: md5Hex(req.text),
      tags: def.tags,
      scope,
      workflows: Object.keys(def.workflows),
      actions: Object.keys(def.actions),
    }, clock);
    state.workbooks[k] = rec;
    out.workbook = rec;
  }
  return out;
}

/** Checks an environment write without applying it. */
export function checkEnvironment(state: RegistryState, req: PutEnvironmentRequest): void {
  if (typeof req.name !== 'string' || req.name === '') throw new RegistryError("Environment 'name' is required");
  if (/\s/.test(req.name)) throw new RegistryError(`Environment name must not contain spaces: '${req.name}'`);
  if (req.variables !== undefined && (req.variables === null || typeof req.variables !== 'object' || Array.isArray(req.variables))) {
    throw new RegistryError(`Environment 'variables' must be a dict [name=${req.name}]`);
  }
  if (req.scope !== undefined && req.scope !== 'private' && req.scope !== 'public') {
    throw new RegistryError(`Environment 'scope' must be 'private' or 'public', got '${String(req.scope)}'`);
  }
  const exists = state.environments[req.name];
  if (req.mode === 'create' && exists) throw new RegistryError(`Duplicate entry for Environment ['name', 'project_id']: ${req.name}, ${PROJECT}`);
  if (req.mode === 'update' && !exists) throw notFound('environment', req.name, '');
}

/** Applies a (checked) environment write; an update changes only the fields given. */
export function applyEnvironment(state: RegistryState, req: PutEnvironmentRequest, clock: RegistryClock): EnvironmentRecord {
  checkEnvironment(state, req);
  const prev = state.environments[req.name];
  const now = clock.now();
  const rec: EnvironmentRecord = prev
    ? {
        ...prev,
        description: req.description !== undefined ? req.description : prev.description,
        variables: req.variables ?? prev.variables,
        scope: req.scope ?? prev.scope,
        updated_at: now,
      }
    : {
        id: clock.uuid(),
        name: req.name,
        description: req.description ?? null,
        variables: req.variables ?? {},
        scope: req.scope ?? 'private',
        created_at: now,
        updated_at: null,
      };
  state.environments[req.name] = rec;
  return rec;
}

/** Checks a delete without applying it; returns the record that would go. */
export function checkDelete(state: RegistryState, req: DeleteRequest): { id: string; name: string; namespace?: string } {
  const n = ns(req.namespace);
  if (req.kind === 'action' && actionSignature(req.identifier)) {
    throw new RegistryError(`Attempt to delete a system action: ${req.identifier}`);
  }
  const found = findRecord(state, req);
  if (!found) throw notFound(req.kind, req.identifier, n);
  return found;
}

/** Applies a (checked) delete. Deleting a workbook deletes its workflows and actions too. */
export function applyDelete(state: RegistryState, req: DeleteRequest): void {
  const found = checkDelete(state, req);
  if (req.kind === 'environment') {
    delete state.environments[found.name];
    return;
  }
  const k = key(found.namespace ?? '', found.name);
  if (req.kind === 'workflow') delete state.workflows[k];
  else if (req.kind === 'action') delete state.actions[k];
  else {
    const wb = state.workbooks[k];
    delete state.workbooks[k];
    for (const name of wb.workflows) delete state.workflows[key(wb.namespace, name)];
    for (const name of wb.actions) delete state.actions[key(wb.namespace, name)];
  }
}
