/**
 * The pure engine: Mistral v2 semantics as a deterministic, serializable state machine,
 * `(state, event) → (state, commands)`. No Temporal import: `interpreter/workflow.ts` turns commands into
 * activities, child workflows and timers and feeds their outcomes back as events.
 */
import type { EngineEvent, EngineHost, ExecutionState, ExecutionView, StartRequest, Step, WorkflowState } from './types';
import type { EState, Runtime } from './state';
import type { Definition } from '../spec/model';
import { isPlainObject, mergeDicts, touch } from './state';
import { InputError, checkInput, shortName, specClass, withDefaults } from './input-check';
import { EvalFailure, STEP_POOL, evalValue } from './evaluation';
import { dataContext } from './context';
import { newTask, startTask } from './run';
import { startTasks } from '../spec/defaults';
import { checkAndComplete } from './finish';
import { refreshJoins, scheduleReverse } from './transitions';
import { applyEvent } from './events';
import { viewOf } from './view';

export * from './types';
export { InputError } from './input-check';

function runtime(s: EState, host: EngineHost): Runtime {
  const wf = s.def.workflows[s.workflow];
  return { s, host, cmds: [], wf, pool: { steps: STEP_POOL, size: STEP_POOL } };
}

/** Ends a step: re-checks joins, then whether the workflow is complete. */
function settle(rt: Runtime): Step {
  refreshJoins(rt);
  checkAndComplete(rt);
  return { state: rt.s as unknown as ExecutionState, commands: rt.cmds };
}

/**
 * Starts an execution: validates the input (`Invalid input [...]`, thrown as `InputError` so the glue refuses the
 * start), the reverse target (`Invalid task name`), evaluates the env and `vars`, and schedules the start tasks.
 */
export function startExecution(req: StartRequest, host: EngineHost): Step {
  const wf = req.definition.workflows[req.workflow];
  if (!wf) throw new InputError(`Workflow not found [name=${req.workflow}]`);
  const bad = checkInput(shortName(wf), specClass(wf), wf.input, req.input ?? {});
  if (bad) throw new InputError(bad);
  const params: Record<string, unknown> = { ...(req.params ?? {}) };
  if (wf.type === 'reverse') {
    const target = params.task_name;
    if (typeof target !== 'string' || !wf.tasks[target]) {
      throw new InputError(`Invalid task name [workflow=${wf.name}, task_name=${target === undefined ? 'None' : String(target)}]`);
    }
  }
  const now = host.now();
  const s: EState = {
    v: 1,
    id: req.executionId,
    rootId: req.rootExecutionId ?? req.executionId,
    workflow: req.workflow,
    def: req.definition,
    state: 'RUNNING',
    info: null,
    input: withDefaults(wf.input, req.input ?? {}),
    params,
    env: {},
    ctx: {},
    output: null,
    created: now,
    updated: now,
    tasks: [],
    latest: {},
    joins: {},
    keys: {},
    deferred: [],
    backlog: [],
    done: false,
    seq: 0,
  };
  const rt = runtime(s, host);
  try {
    const rawEnv = req.rootEnv ?? (isPlainObject(params.env) ? params.env : {});
    s.env = req.rootEnv || params.evaluate_env === false ? rawEnv : (evalValue(rt, rawEnv, { __env: rawEnv }) as Record<string, unknown>);
    if (!req.rootEnv && isPlainObject(params.env)) params.env = s.env;
    const vars = evalValue(rt, wf.vars, dataContext(rt));
    if (isPlainObject(vars)) s.ctx = mergeDicts(s.ctx, vars);
  } catch (err) {
    if (err instanceof EvalFailure) throw new InputError(err.message);
    throw err;
  }
  if (wf.type === 'reverse') scheduleReverse(rt);
  else {
    const names = startTasks(wf);
    if (names.length === 0) throw new InputError('Failed to find start tasks in direct workflow');
    // Mistral 15 creates a batch of tasks in reverse order (its command sort); the oracle shows the same.
    // A task created while the workflow is paused (pause-before of an earlier start task) waits IDLE for resume.
    for (const name of [...names].reverse()) {
      if (s.done) break;
      if (s.state === 'PAUSED') newTask(rt, name, {}, null, 'IDLE');
      else startTask(rt, newTask(rt, name, {}, null));
    }
  }
  touch(rt);
  return settle(rt);
}

/** Applies one event (action/subworkflow outcome, timer, pause, resume, cancel, rerun) and returns the new commands. */
export function handleEvent(state: ExecutionState, event: EngineEvent, host: EngineHost): Step {
  const rt = runtime(state as unknown as EState, host);
  applyEvent(rt, event);
  return settle(rt);
}

/** The execution as Mistral's REST API shows it (`ExecutionView`/`TaskView`), tasks in creation order. */
export function describeExecution(state: ExecutionState): ExecutionView {
  return viewOf(state as unknown as EState);
}

/** The execution's state alone (cheap: no view is built), e.g. for search attributes after every event. */
export function executionStatus(state: ExecutionState): WorkflowState {
  return (state as unknown as EState).state;
}

/** The definition the execution runs (carried in its state, so a continued run needs nothing else). */
export function executionDefinition(state: ExecutionState): Definition {
  return (state as unknown as EState).def;
}
