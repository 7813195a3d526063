import { formatSpecError } from '../../interpreter/spec/errors';
import type { Definition } from '../../interpreter/spec/model';
import { parseDefinition, type ParseOptions } from '../../interpreter/spec/parse';

/** Errors of a definition as the user sees them (`wf.yaml:line:col: message`). */
export function errorsOf(yaml: string, opts: ParseOptions = {}): string[] {
  return parseDefinition(yaml, { file: 'wf.yaml', ...opts }).errors.map(formatSpecError);
}

/** The definition, failing the test with the errors when it is invalid. */
export function defOf(yaml: string, opts: ParseOptions = {}): Definition {
  const r = parseDefinition(yaml, { file: 'wf.yaml', ...opts });
  if (!r.definition) throw new Error(`expected a valid definition, got:\n${r.errors.map(formatSpecError).join('\n')}`);
  return r.definition;
}

/** A one-workflow file `wf` with the given task block (indented by the caller at 4 spaces). */
export function wfWithTasks(tasks: string, extra = ''): string {
  return `version: '2.0'\nwf:\n${extra}  tasks:\n${tasks}`;
}
