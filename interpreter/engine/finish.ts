/**
 * How a workflow execution ends: the completion check (CANCELLED if a task was cancelled, SUCCESS if every error
 * was handled, else ERROR with Mistral's "Failure caused by error in tasks: ..." text), the final context, `output`
 * and `output-on-error`, the `fail`/`succeed` engine commands, and cancelling whatever is still outstanding.
 */
import { dataContext } from './context';
import { EvalFailure, evalValue } from './evaluation';
import type { KeyRef, Runtime } from './state';
import { isPlainObject, isTaskDone, mergeDicts, touch } from './state';
import { isTruthy } from '../expressions/truthiness';
import { outbound } from './complete';

/** Emits cancel commands for outstanding keys matching `which` and forgets them. */
export function cancelKeys(rt: Runtime, which: (ref: KeyRef) => boolean): void {
  for (const [key, ref] of Object.entries(rt.s.keys)) {
    if (!which(ref)) continue;
    delete rt.s.keys[key];
    const kind = ref.kind === 'action' ? 'cancel_action' : ref.kind === 'workflow' ? 'cancel_workflow' : 'cancel_timer';
    rt.cmds.push({ kind, key });
  }
}

/**
 * The final context: direct workflows merge the outbound contexts of the end tasks (completed tasks that did not
 * transition to another task) in creation order; reverse workflows take the target task's outbound context.
 */
export function finalContext(rt: Runtime): Record<string, unknown> {
  const s = rt.s;
  if (rt.wf.type === 'reverse') {
    const i = s.latest[String(s.params.task_name)];
    return i === undefined ? {} : outbound(s.tasks[i]);
  }
  let ctx: Record<string, unknown> = {};
  for (const t of s.tasks) {
    if (!isTaskDone(t.state)) continue;
    if (t.processed && t.next && t.next.length > 0) continue;
    ctx = mergeDicts(ctx, outbound(t));
  }
  return ctx;
}

/** Mistral's `evaluate_workflow_output`: the spec evaluated over final context → workflow context → input; `output or ctx`. */
function evaluateOutput(rt: Runtime, spec: Record<string, unknown> | undefined, ctx: Record<string, unknown>): Record<string, unknown> {
  if (!spec) return ctx;
  const v = evalValue(rt, spec, dataContext(rt, { branch: ctx }));
  return isTruthy(v) && isPlainObject(v) ? v : ctx;
}

function finish(rt: Runtime, state: 'SUCCESS' | 'ERROR' | 'CANCELLED', output: unknown, info: string | null): void {
  const s = rt.s;
  s.state = state;
  s.info = info;
  s.output = output;
  s.done = true;
  touch(rt);
  // Work still running when the workflow ends is cancelled (Mistral lets it finish unobserved).
  for (const t of s.tasks) if (!['SUCCESS', 'ERROR', 'CANCELLED', 'SKIPPED'].includes(t.state)) t.state = 'CANCELLED';
  cancelKeys(rt, () => true);
  rt.cmds.push({ kind: 'workflow_finished', state, output, stateInfo: info });
}

/** Ends the workflow in ERROR: output = `{result: msg}` merged with `output-on-error` (or the final context). */
export function failWorkflow(rt: Runtime, msg: string | null): void {
  if (rt.s.done) return;
  let extra: Record<string, unknown> = {};
  try {
    extra = evaluateOutput(rt, rt.wf.outputOnError, finalContext(rt));
  } catch (err) {
    if (!(err instanceof EvalFailure)) throw err;
    msg = `Failed to evaluate expression in output-on-error! (output-on-error: '${JSON.stringify(rt.wf.outputOnError)}', exception: '${err.message}' Cause: '${msg}')`;
  }
  finish(rt, 'ERROR', mergeDicts({ result: msg }, extra), msg);
}

/** Ends the workflow in SUCCESS with the evaluated `output` (or the final context). */
export function succeedWorkflow(rt: Runtime, msg: string | null): void {
  if (rt.s.done) return;
  let output: Record<string, unknown>;
  try {
    output = evaluateOutput(rt, rt.wf.output, finalContext(rt));
  } catch (err) {
    if (!(err instanceof EvalFailure)) throw err;
    const info = `Failed to check and complete [wf_ex_id=${rt.s.id}, wf_name=${rt.s.workflow}]: ${err.message}`;
    return finish(rt, 'ERROR', { result: info }, info);
  }
  finish(rt, 'SUCCESS', output, msg);
}

/** Ends the workflow in CANCELLED; unfinished tasks become CANCELLED and their work is cancelled. */
export function cancelWorkflow(rt: Runtime, msg: string | null): void {
  if (rt.s.done) return;
  for (const t of rt.s.tasks) {
    if (!isTaskDone(t.state)) {
      t.state = 'CANCELLED';
      touch(rt, t);
    }
  }
  finish(rt, 'CANCELLED', { result: msg }, msg);
}

/** `Failure caused by error in tasks: ...` exactly as Mistral builds it (tasks sorted by name). */
export function failureMessage(rt: Runtime): string {
  const failed = rt.s.tasks
    .filter((t) => t.state === 'ERROR' && (rt.wf.type === 'reverse' || !t.handled))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let msg = `Failure caused by error in tasks: ${failed.map((t) => t.name).join(', ')}\n`;
  for (const t of failed) {
    msg += `\n  ${t.name} [task_ex_id=${t.id}] -> ${t.info}\n`;
    for (const f of t.failed.filter((x) => x.kind === 'action')) msg += `    [action_ex_id=${f.id}, idx=${f.idx}]: ${f.msg}\n`;
    for (const f of t.failed.filter((x) => x.kind === 'workflow')) msg += `    [wf_ex_id=${f.id}, idx=${f.idx}]: ${f.msg}\n`;
  }
  return msg;
}

/** After each step: when no task is incomplete, end the workflow (CANCELLED / SUCCESS / ERROR). */
export function checkAndComplete(rt: Runtime): void {
  const s = rt.s;
  if (s.done || s.state !== 'RUNNING') return;
  let k = s.scan ?? 0;
  while (k < s.tasks.length && isTaskDone(s.tasks[k].state) && s.tasks[k].processed) k++;
  s.scan = k;
  if (k < s.tasks.length) return;
  const cancelled = s.tasks.filter((t) => t.state === 'CANCELLED');
  if (cancelled.length) {
    const names = [...new Set(cancelled.map((t) => t.name))].sort();
    return cancelWorkflow(rt, `Cancelled tasks: ${names.join(', ')}`);
  }
  const unhandled = s.tasks.some((t) => t.state === 'ERROR' && (rt.wf.type === 'reverse' || !t.handled));
  if (unhandled) failWorkflow(rt, failureMessage(rt));
  else succeedWorkflow(rt, null);
}
