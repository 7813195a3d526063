/**
 * The definition store's records and requests, as Mistral's REST API names their fields. Pure data: the registry
 * workflow (`TramontaneRegistry`) keeps them in its state, clients read them through its queries.
 */

/** Mistral's `scope`: `private` (default) or `public`. Kept and shown; there are no projects to share with. */
export type Scope = 'private' | 'public';

/** Fields every stored definition has. Times are Mistral-style `YYYY-MM-DD HH:MM:SS` (UTC). */
interface Stored {
  /** Deterministic UUID (from the registry workflow's seeded randomness). */
  id: string;
  name: string;
  namespace: string;
  /** The text as stored: a workflow cut out of its file (with `version`), a workbook's or action file's whole text. */
  definition: string;
  /** md5 of `definition`, hex (as Mistral's `checksum`). */
  checksum: string;
  /** 1 on create, +1 on every update. */
  version: number;
  tags: string[];
  scope: Scope;
  created_at: string;
  updated_at: string | null;
}

/** A workflow definition (`workflow-create`, or expanded from a workbook as `<wb>.<name>`). */
export interface WorkflowRecord extends Stored {
  /** Input signature as Mistral 15 shows it: `a, b="5"` (defaults quoted with Python's `str()`). */
  input: string;
  /** Names of the output keys (Mistral's `interface.output`). */
  output: string[];
  /** The workbook it came from; its text is then the workbook's `definition`. */
  workbook?: string;
}

/** An ad-hoc action (`action-create`, or a workbook's `actions:` expanded as `<wb>.<name>`). */
export interface ActionRecord extends Stored {
  /** Input signature as Mistral shows it for ad-hoc actions: `a, b=5` (defaults as JSON). */
  input: string;
  description: string | null;
  base: string;
  workbook?: string;
}

/** A workbook: its whole text; its workflows and actions are stored as their own records too. */
export interface WorkbookRecord extends Stored {
  workflows: string[];
  actions: string[];
}

/** A named environment (`environment-create`), usable as `params.env: "<name>"`. Not namespaced, as in Mistral. */
export interface EnvironmentRecord {
  id: string;
  name: string;
  description: string | null;
  variables: Record<string, unknown>;
  scope: Scope;
  created_at: string;
  updated_at: string | null;
}

export type DefinitionKind = 'workflow' | 'workbook' | 'action';
export type RecordKind = DefinitionKind | 'environment';

/** Write of a definition text (`*-create` / `*-update`). */
export interface PutDefinitionRequest {
  kind: DefinitionKind;
  mode: 'create' | 'update';
  text: string;
  namespace?: string;
  scope?: Scope;
  /** File name used in located errors (`file:line:col: message`). */
  file?: string;
}

/** Write of an environment (`environment-create` / `environment-update`). */
export interface PutEnvironmentRequest {
  mode: 'create' | 'update';
  name: string;
  description?: string | null;
  variables?: Record<string, unknown>;
  scope?: Scope;
}

/** Delete one record by name or id. */
export interface DeleteRequest {
  kind: RecordKind;
  /** Name or id. */
  identifier: string;
  namespace?: string;
}

/** Read one record by name or id. */
export interface GetRequest {
  kind: RecordKind;
  identifier: string;
  namespace?: string;
}

/** List records; `namespace` undefined = every namespace (as `mistral workflow-list`). */
export interface ListRequest {
  kind: RecordKind;
  namespace?: string;
}

/** What a write returns: the records created or updated. */
export interface PutResult {
  workflows: WorkflowRecord[];
  actions: ActionRecord[];
  workbook?: WorkbookRecord;
}

/** The registry's whole state (carried over continue-as-new). Keys are `namespace + '/' + name` (env: name). */
export interface RegistryState {
  workflows: Record<string, WorkflowRecord>;
  actions: Record<string, ActionRecord>;
  workbooks: Record<string, WorkbookRecord>;
  environments: Record<string, EnvironmentRecord>;
}

/** Everything needed to resolve names in one namespace: its records and the default namespace's. */
export interface SourcesResult {
  workflows: WorkflowRecord[];
  actions: ActionRecord[];
  workbooks: WorkbookRecord[];
}

/** Identifies the stored definition an execution runs (recorded in its memo). */
export interface DefinitionVersion {
  id: string;
  name: string;
  namespace: string;
  version: number;
  checksum: string;
}
