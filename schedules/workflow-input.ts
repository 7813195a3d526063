/**
 * Mistral validates a cron trigger's input against the workflow at creation ("Invalid input [...]"), not at the first
 * run hours later. Same check here, with the same messages as the engine's start.
 */
import { loadDefinition } from '../interpreter/spec';
import type { Definition } from '../interpreter/spec/model';
import { checkInput } from '../interpreter/engine/input-check';
import { CronTriggerError } from './errors';

/** Full name of `workflow` in `def` (short names of workbook workflows are qualified), or null when absent. */
export function findWorkflow(def: Definition, workflow: string): string | null {
  if (def.workflows[workflow]) return workflow;
  if (def.name && def.workflows[`${def.name}.${workflow}`]) return `${def.name}.${workflow}`;
  return null;
}

/**
 * Throws `CronTriggerError` when `workflow` is not in the definition (Mistral's "Workflow not found [...]") or when
 * `input` does not match its declared input ("Invalid input [name=..., missing=[...], unexpected=[...]]").
 */
export function checkTriggerInput(
  definition: string | Definition,
  workflow: string,
  namespace: string,
  input: Record<string, unknown>,
): void {
  let def: Definition;
  try {
    def = typeof definition === 'string' ? loadDefinition(definition) : definition;
  } catch (err) {
    throw new CronTriggerError((err as Error).message);
  }
  const full = findWorkflow(def, workflow);
  if (!full) throw new CronTriggerError(`Workflow not found [workflow_identifier=${workflow}, namespace=${namespace}]`);
  const wf = def.workflows[full];
  const cls = wf.type === 'reverse' ? 'ReverseWorkflowSpec' : 'DirectWorkflowSpec';
  const bad = checkInput(wf.name, cls, wf.input, input);
  if (bad) throw new CronTriggerError(bad);
}
