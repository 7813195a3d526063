/**
 * Drives the pure engine to the end of an execution with simulated actions (std.echo returns its output, std.fail
 * fails, subworkflows succeed, timers fire at once), the way `interpreter/workflow.ts` would on Temporal. Any
 * exception here would fail the Temporal workflow task again and again: a stuck workflow.
 */
import { actionSignature } from '../../activities/catalog';
import { describeExecution, handleEvent, startExecution } from '../../interpreter/engine';
import type { EngineCommand, EngineEvent, EngineHost, ExecutionState } from '../../interpreter/engine/types';
import type { Definition } from '../../interpreter/spec';

/** Actions the dev-server sample may run (they finish at once on any worker, without external systems). */
export const LOCAL_ACTIONS = new Set(['std.echo', 'std.noop', 'std.fail', 'std.test_dict']);

export interface Simulation {
  /** Final state, or RUNNING when `maxEvents` ran out (a loop). */
  state: string;
  events: number;
  /** Every action and subworkflow the execution asked for. */
  actions: Set<string>;
  /** Longest timer asked for, in seconds. */
  longestTimer: number;
}

function outcome(cmd: Extract<EngineCommand, { kind: 'run_action' }>): EngineEvent {
  switch (cmd.action) {
    case 'std.echo':
      return { kind: 'action_result', key: cmd.key, ok: true, result: cmd.input.output ?? null };
    case 'std.fail':
      return { kind: 'action_result', key: cmd.key, ok: false, error: 'Fail action expected exception.' };
    case 'std.test_dict':
      return { kind: 'action_result', key: cmd.key, ok: true, result: { k0: 'v' } };
    case 'std.noop':
      return { kind: 'action_result', key: cmd.key, ok: true, result: null };
    default:
      return { kind: 'action_result', key: cmd.key, ok: false, error: `simulated failure of ${cmd.action}` };
  }
}

/**
 * Starts `workflow` of `definition` with `input` and runs it to the end (or `maxEvents`). Throws only what
 * `startExecution` throws for a refused start (`InputError`); anything else is an engine bug.
 */
export function simulate(definition: Definition, workflow: string, input: Record<string, unknown>, params: Record<string, unknown> = {}, maxEvents = 300): Simulation {
  let n = 0;
  const host: EngineHost = {
    action: actionSignature,
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
  const sim: Simulation = { state: 'RUNNING', events: 0, actions: new Set(), longestTimer: 0 };
  let step = startExecution({ definition, workflow, input, params, executionId: 'fuzz-exec' }, host);
  let state: ExecutionState = step.state;
  const queue: EngineEvent[] = [];
  const take = (commands: EngineCommand[]): void => {
    for (const cmd of commands) {
      if (cmd.kind === 'run_action') {
        sim.actions.add(cmd.action);
        queue.push(outcome(cmd));
      } else if (cmd.kind === 'start_workflow') {
        sim.actions.add(`workflow:${cmd.workflow}`);
        queue.push({ kind: 'workflow_result', key: cmd.key, state: 'SUCCESS', output: {}, stateInfo: null });
      } else if (cmd.kind === 'start_timer') {
        sim.longestTimer = Math.max(sim.longestTimer, cmd.seconds);
        queue.push({ kind: 'timer_fired', key: cmd.key });
      } else if (cmd.kind === 'cancel_action' || cmd.kind === 'cancel_timer' || cmd.kind === 'cancel_workflow') {
        const i = queue.findIndex((e) => 'key' in e && e.key === cmd.key);
        if (i >= 0) queue.splice(i, 1);
      } else if (cmd.kind === 'workflow_finished') {
        sim.state = cmd.state;
      } else if (cmd.kind === 'workflow_paused') {
        sim.state = 'PAUSED';
      }
    }
  };
  take(step.commands);
  while (sim.state === 'RUNNING' && queue.length > 0 && sim.events < maxEvents) {
    step = handleEvent(state, queue.shift()!, host);
    state = step.state;
    sim.events++;
    take(step.commands);
  }
  describeExecution(state); // the `execution` query must answer in any state
  JSON.stringify(state); // continue-as-new carries the state as a payload
  return sim;
}
