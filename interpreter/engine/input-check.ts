/**
 * Mistral's input check (`validate_input`): missing required parameters in declaration order, unexpected keys in
 * the caller's order, and the exact message users know:
 * `Invalid input [name=wf, class=DirectWorkflowSpec, missing=['a'], unexpected=['c']]`.
 */
import { pyRepr } from '../expressions/pyrepr';
import type { WorkflowSpec } from '../spec/model';

/** A declared parameter (workflow input, ad-hoc action input or system action signature). */
export interface DeclaredParam {
  name: string;
  required: boolean;
  default?: unknown;
}

/** Error thrown by `startExecution` for a refused start (bad input, invalid task name): the glue refuses the start. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Returns the "Invalid input [...]" message, or null when `given` matches `declared`. */
export function checkInput(
  name: string,
  className: string,
  declared: DeclaredParam[],
  given: Record<string, unknown>,
  acceptsKwargs = false,
): string | null {
  const names = new Set(declared.map((p) => p.name));
  const missing = declared.filter((p) => p.required && !(p.name in given)).map((p) => p.name);
  const unexpected = acceptsKwargs ? [] : Object.keys(given).filter((k) => !names.has(k));
  if (missing.length === 0 && unexpected.length === 0) return null;
  let msg = `Invalid input [name=${name}, class=${className}`;
  if (missing.length) msg += `, missing=${pyRepr(missing)}`;
  if (unexpected.length) msg += `, unexpected=${pyRepr(unexpected)}`;
  return msg + ']';
}

/** `given` plus the declared defaults (used as-is, never evaluated) for keys the caller left out. */
export function withDefaults(declared: DeclaredParam[], given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of declared) {
    if (p.name in given) out[p.name] = given[p.name];
    else if (!p.required) out[p.name] = p.default === undefined ? null : p.default;
  }
  for (const [k, v] of Object.entries(given)) if (!(k in out)) out[k] = v;
  return out;
}

/** A workflow's name as Mistral shows it in input errors: without the workbook prefix. */
export function shortName(wf: WorkflowSpec): string {
  return wf.workbook && wf.name.startsWith(`${wf.workbook}.`) ? wf.name.slice(wf.workbook.length + 1) : wf.name;
}

/** Mistral's spec class name of a workflow (the `class=` of input errors). */
export function specClass(wf: WorkflowSpec): string {
  return wf.type === 'reverse' ? 'ReverseWorkflowSpec' : 'DirectWorkflowSpec';
}
