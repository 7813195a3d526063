import { describe, it, expect } from 'vitest';
import type { ExecutionView, TaskState, TaskView } from '../../interpreter/engine/types';
import { INTERRUPTED_MESSAGE, judgeCrashRun } from './crash-verdict';
import type { HostLedger } from './host-ledger';
import { formatHistogram } from './crash-report';

// The crash test is only as good as its judge: these cases feed it hand-made task lists and host logs.

function task(name: string, states: TaskState[], results: unknown[]): TaskView {
  return {
    id: name,
    name,
    type: 'ACTION',
    state: states.every((s) => s === 'SUCCESS') ? 'SUCCESS' : 'ERROR',
    state_info: null,
    published: {},
    result: results,
    action_executions: states.length,
    retry_no: 0,
    items: states.map((state, index) => ({ index, state, attempts: 1 })),
    created_at: '',
    updated_at: '',
  };
}

function view(state: ExecutionView['state'], upgrade: TaskState[], check: TaskState[] = upgrade.map(() => 'SUCCESS')): ExecutionView {
  const upgradeResults = upgrade.map((s) => (s === 'ERROR' ? INTERRUPTED_MESSAGE : ''));
  return {
    id: 'wf',
    workflow_name: 'crash_upgrade_kernel',
    state,
    state_info:
      state === 'ERROR'
        ? 'Failure caused by error in tasks: upgrade_kernel\n\n  upgrade_kernel [task_ex_id=t1] -> One or more actions had failed.\n' +
          upgradeResults.flatMap((r, k) => (r ? [`    [action_ex_id=a${k}, idx=${k}]: ${r}\n`] : [])).join('')
        : null,
    input: {},
    output: {},
    params: {},
    tasks: [task('upgrade_kernel', upgrade, upgradeResults), task('check_kernel', check, check.map(() => '1\n'))],
    created_at: '',
    updated_at: '',
  };
}

function host(i: number, upgradeRuns: number, checkRuns = 1, upgradeCompleted = upgradeRuns): HostLedger {
  return {
    name: `target${i + 1}`,
    ip: `10.0.0.${i + 2}`,
    upgradeStarts: Array.from({ length: upgradeRuns }, (_, k) => 1000 + k),
    upgradeCompleted,
    checkStarts: Array.from({ length: checkRuns }, (_, k) => 5000 + k),
    checkCompleted: checkRuns,
  };
}

describe('judgeCrashRun', () => {
  it('accepts a run where interrupted upgrades ran at most once and reruns happened only for the check', () => {
    const v = judgeCrashRun(view('ERROR', ['SUCCESS', 'ERROR', 'ERROR']), [host(0, 1), host(1, 1, 2), host(2, 0, 3)]);
    expect(v.violations).toEqual([]);
    expect(v.upgrade).toEqual({ success: 1, interrupted: 2, interruptedButCompleted: 1, interruptedNeverStarted: 1, runsPerHost: { 0: 1, 1: 2 } });
    expect(v.check).toEqual({ success: 3, runsPerHost: { 1: 1, 2: 1, 3: 1 }, totalRuns: 6 });
  });

  it('flags an upgrade that a host ran twice, even when the task list says ERROR', () => {
    const v = judgeCrashRun(view('ERROR', ['SUCCESS', 'ERROR']), [host(0, 1), host(1, 2)]);
    expect(v.violations).toEqual(['target2 (10.0.0.3): the upgrade (safe-rerun: false) ran 2 times']);
  });

  it('flags a SUCCESS item whose host never ran the upgrade, or never finished it', () => {
    const v = judgeCrashRun(view('SUCCESS', ['SUCCESS', 'SUCCESS']), [host(0, 0), host(1, 1, 1, 0)]);
    expect(v.violations).toEqual([
      'target1 (10.0.0.2): upgrade item 0 is SUCCESS but the host ran the upgrade 0 times',
      'target2 (10.0.0.3): upgrade item 1 is SUCCESS but the upgrade completed 0 times on the host',
    ]);
  });

  it('flags an upgrade error that is not the interruption message', () => {
    const wf = view('ERROR', ['ERROR']);
    const refused = "Failed to execute ssh cmd 'x' on 10.0.0.2: connection refused";
    (wf.tasks[0].result as unknown[])[0] = refused;
    wf.state_info = wf.state_info!.replace(INTERRUPTED_MESSAGE, refused);
    expect(judgeCrashRun(wf, [host(0, 0)]).violations).toEqual([
      "target1 (10.0.0.2): upgrade item 0 is ERROR with an unexpected message: Failed to execute ssh cmd 'x' on 10.0.0.2: connection refused",
    ]);
  });

  it('flags a host that was never checked and a check item that did not succeed', () => {
    const v = judgeCrashRun(view('SUCCESS', ['SUCCESS', 'SUCCESS'], ['SUCCESS', 'RUNNING']), [host(0, 1, 0), host(1, 1, 1)]);
    expect(v.violations).toEqual([
      'target1 (10.0.0.2): the check (safe-rerun: true) never ran on the host',
      'target1 (10.0.0.2): check item 0 is SUCCESS but no check completed on the host',
      'target2 (10.0.0.3): check item 1 is RUNNING',
    ]);
  });

  it('flags an execution whose final state contradicts its items, or that never finished', () => {
    expect(judgeCrashRun(view('SUCCESS', ['ERROR']), [host(0, 1)]).violations).toEqual([
      'the execution is SUCCESS although 1 item is ERROR',
      "the execution's state_info lists 0 interrupted actions, the task list 1",
    ]);
    expect(judgeCrashRun(view('ERROR', ['SUCCESS']), [host(0, 1)]).violations).toEqual([
      'the execution is ERROR although no item failed: Failure caused by error in tasks: upgrade_kernel\n\n  upgrade_kernel [task_ex_id=t1] -> One or more actions had failed.\n',
    ]);
    expect(judgeCrashRun(view('RUNNING', ['SUCCESS', 'RUNNING']), [host(0, 1), host(1, 1)]).violations).toEqual([
      'the execution did not reach a final state: it is RUNNING',
      'target2 (10.0.0.3): upgrade item 1 was left RUNNING',
    ]);
  });

  it('flags an execution error that does not list every interrupted action', () => {
    const wf = view('ERROR', ['ERROR', 'ERROR']);
    wf.state_info = wf.state_info!.split('\n').slice(0, -2).join('\n');
    expect(judgeCrashRun(wf, [host(0, 1), host(1, 1)]).violations).toEqual([
      "the execution's state_info lists 1 interrupted actions, the task list 2",
    ]);
  });

  it('flags a task list with a different number of items than hosts', () => {
    expect(judgeCrashRun(view('SUCCESS', ['SUCCESS']), [host(0, 1), host(1, 1)]).violations).toEqual([
      'task upgrade_kernel should list 2 items, it lists 1',
      'task check_kernel should list 2 items, it lists 1',
    ]);
  });
});

describe('formatHistogram', () => {
  it('lists run counts in order with singular and plural hosts', () => {
    expect(formatHistogram({ 2: 3, 0: 1, 1: 46 })).toBe('0× 1 host | 1× 46 hosts | 2× 3 hosts');
  });
});
