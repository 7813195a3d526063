/**
 * A discrete-event driver for rehearsals: feeds the pure engine with outcomes of its commands on a virtual clock.
 * std.echo/noop/fail/sleep/test_dict behave like Mistral's; other actions take mocked results per task (and per
 * item/attempt). Subworkflows run recursively through the same engine. Operator steps (resume, cancel, rerun, pause)
 * are applied in order whenever the execution goes quiet (paused, finished, or nothing pending).
 */
import { describeExecution, handleEvent, startExecution } from '../../../interpreter/engine';
import type { EngineCommand, EngineEvent, ExecutionState, ExecutionView } from '../../../interpreter/engine';
import type { Definition } from '../../../interpreter/spec/model';
import { fakeHost } from './fake-host';

/** A mocked outcome: `result` (success) or `error`; `seconds` of virtual run time. */
export interface MockOutcome {
  result?: unknown;
  error?: unknown;
  seconds?: number;
  /** Never answers (the action hangs until cancelled or timed out). */
  hang?: boolean;
}

/** Mocks per task name: one outcome for every run, or a list consumed run by run (items and attempts in order). */
export type Mocks = Record<string, MockOutcome | MockOutcome[]>;

export type OperatorStep =
  | { resume: Record<string, unknown> | null }
  | { cancel: string | null }
  | { pause: true; at?: number }
  | { rerun: string; reset?: boolean; env?: Record<string, unknown> };

export interface DriveResult {
  view: ExecutionView;
  commands: EngineCommand[];
  children: DriveResult[];
  error?: string;
}

interface Pending {
  at: number;
  seq: number;
  event: EngineEvent;
}

/** Runs `workflow` of `definition` to a quiet end and returns the final view and every command issued. */
export function drive(opts: {
  definition: Definition;
  workflow: string;
  input?: Record<string, unknown>;
  params?: Record<string, unknown>;
  mocks?: Mocks;
  operator?: OperatorStep[];
  executionId?: string;
  rootEnv?: Record<string, unknown>;
}): DriveResult {
  const clock = { now: 0 };
  const host = fakeHost(clock);
  const commands: EngineCommand[] = [];
  const children: DriveResult[] = [];
  const pending: Pending[] = [];
  const mockUse: Record<string, number> = {};
  let seq = 0;
  const id = opts.executionId ?? 'wfex';
  let state: ExecutionState;
  let finished = false;

  const schedule = (delay: number, event: EngineEvent) => pending.push({ at: clock.now + delay, seq: seq++, event });

  const outcome = (cmd: Extract<EngineCommand, { kind: 'run_action' }>): MockOutcome => {
    const mock = opts.mocks?.[cmd.taskName];
    if (mock) {
      if (!Array.isArray(mock)) return mock;
      const k = (mockUse[cmd.taskName] = (mockUse[cmd.taskName] ?? -1) + 1);
      return mock[Math.min(k, mock.length - 1)];
    }
    const i = cmd.input;
    switch (cmd.action) {
      case 'std.echo':
        return { result: i.output, seconds: Number(i.delay ?? 0) || 0 };
      case 'std.noop':
        return { result: null };
      case 'std.fail':
        return i.error_data !== undefined && i.error_data !== null
          ? { error: i.error_data }
          : { error: "The action raised an exception [action=Fail action, action_ex_id=<uuid>, msg='Fail action expected exception.']" };
      case 'std.sleep':
        return { result: null, seconds: Math.max(0, Math.trunc(Number(i.seconds ?? 1)) || 0) };
      case 'std.test_dict': {
        const out: Record<string, unknown> = {};
        for (let k = 0; k < Number(i.size ?? 0); k++) out[`${i.key_prefix ?? ''}${k}`] = i.val ?? '';
        return { result: out };
      }
      default:
        return { result: null };
    }
  };

  const dispatch = (cmds: EngineCommand[]) => {
    for (const cmd of cmds) {
      commands.push(cmd);
      switch (cmd.kind) {
        case 'run_action': {
          const o = outcome(cmd);
          if (o.hang) break;
          schedule(o.seconds ?? 0, o.error !== undefined ? { kind: 'action_result', key: cmd.key, ok: false, error: o.error } : { kind: 'action_result', key: cmd.key, ok: true, result: o.result ?? null });
          break;
        }
        case 'start_workflow': {
          const child = drive({
            definition: opts.definition,
            workflow: cmd.workflow,
            input: cmd.input,
            params: cmd.params,
            mocks: opts.mocks,
            executionId: `${cmd.key}#child`,
            rootEnv: (state as unknown as { env: Record<string, unknown> }).env,
          });
          children.push(child);
          const v = child.view;
          if (child.error) schedule(0, { kind: 'workflow_result', key: cmd.key, state: 'ERROR', output: { result: child.error }, stateInfo: child.error });
          else schedule(0, { kind: 'workflow_result', key: cmd.key, state: v.state as 'SUCCESS', output: v.output, stateInfo: v.state_info });
          break;
        }
        case 'start_timer':
          schedule(cmd.seconds, { kind: 'timer_fired', key: cmd.key });
          break;
        case 'cancel_action':
        case 'cancel_timer':
        case 'cancel_workflow': {
          const k = pending.findIndex((p) => 'key' in p.event && p.event.key === cmd.key);
          if (k >= 0) pending.splice(k, 1);
          break;
        }
        case 'workflow_finished':
          finished = true;
          break;
        case 'workflow_paused':
          break;
      }
    }
  };

  try {
    const step = startExecution(
      { definition: opts.definition, workflow: opts.workflow, input: opts.input ?? {}, params: opts.params ?? {}, executionId: id, rootEnv: opts.rootEnv },
      host,
    );
    state = step.state;
    dispatch(step.commands);
  } catch (err) {
    return { view: undefined as unknown as ExecutionView, commands, children, error: (err as Error).message };
  }
  const operator = [...(opts.operator ?? [])];
  for (let guard = 0; guard < 1_000_000; guard++) {
    const paused = describeExecution(state).state === 'PAUSED';
    const timedPause = operator[0] && 'pause' in operator[0] && operator[0].at !== undefined ? operator[0].at : undefined;
    if (timedPause !== undefined && (pending.length === 0 || pending.reduce((m, p) => Math.min(m, p.at), Infinity) > timedPause) && !finished) {
      operator.shift();
      clock.now = Math.max(clock.now, timedPause);
      const s = handleEvent(state, { kind: 'pause' }, host);
      state = s.state;
      dispatch(s.commands);
      continue;
    }
    if ((paused || finished || pending.length === 0) && operator.length && !(timedPause !== undefined)) {
      const op = operator.shift()!;
      let ev: EngineEvent;
      if ('resume' in op) ev = { kind: 'resume', env: op.resume ?? undefined };
      else if ('cancel' in op) ev = { kind: 'cancel', stateInfo: op.cancel ?? undefined };
      else if ('pause' in op) ev = { kind: 'pause' };
      else {
        const t = describeExecution(state).tasks.filter((x) => x.name === op.rerun).pop()!;
        ev = { kind: 'rerun_task', taskExecutionId: t.id, reset: op.reset ?? true, env: op.env };
      }
      if (ev.kind === 'rerun_task') finished = false;
      const s = handleEvent(state, ev, host);
      state = s.state;
      dispatch(s.commands);
      continue;
    }
    if (finished || pending.length === 0) break;
    let best = 0;
    for (let k = 1; k < pending.length; k++) {
      const a = pending[k];
      const b = pending[best];
      if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) best = k;
    }
    const [next] = pending.splice(best, 1);
    clock.now = Math.max(clock.now, next.at);
    const s = handleEvent(state, next.event, host);
    state = s.state;
    dispatch(s.commands);
  }
  return { view: describeExecution(state), commands, children };
}
