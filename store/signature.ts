/**
 * Input signature strings as Mistral's REST API shows them in the `input` field of workflows and actions.
 */
import type { InputParam } from '../interpreter/spec/model';
import { pyRepr, pyStr } from '../interpreter/expressions/pyrepr';
import { pyJsonDumps } from '../interpreter/expressions/pyjson';

/**
 * A workflow's input signature as Mistral 15 renders it (`resources.Workflow._set_input`): required names as is,
 * defaults as `name="<Python str(default)>"`, joined with `, ` — e.g. `hosts, retries="3", opts="None"`.
 */
export function workflowInputSignature(input: InputParam[]): string {
  return input.map((p) => (p.required ? p.name : `${p.name}="${pyStr(p.default)}"`)).join(', ');
}

/**
 * An ad-hoc action's input signature as Mistral renders it (`adhoc_actions.get_input_list`): defaults as JSON,
 * e.g. `host, port=22, user="root"`.
 */
export function actionInputSignature(input: InputParam[]): string {
  return input.map((p) => (p.required ? p.name : `${p.name}=${pyJsonDumps(p.default)}`)).join(', ');
}

/** A system action's signature string from its parameters (defaults as Python `repr`), e.g. `output, delay=0`. */
export function systemActionSignature(params: { name: string; required: boolean; default?: unknown }[]): string {
  return params.map((p) => (p.required ? p.name : `${p.name}=${pyRepr(p.default ?? null)}`)).join(', ');
}
