/**
 * Live progress while a command waits for an execution (`tramontane run`, `execution-create --wait`): plain lines on
 * change when not on a terminal (checked on a real run), one rewritten line on a terminal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedProgressLines, statusLine, watchExecution } from '../../cli/progress';
import type { ExecutionView, TaskView } from '../../interpreter/engine/types';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestTemporal();
});
afterAll(async () => {
  await t?.stop();
});

const slowItems = `
version: '2.0'
slow:
  tasks:
    each:
      with-items: x in <% [1, 2, 3, 4] %>
      concurrency: 2
      action: std.sleep seconds=1
      on-success: fanout_fail
    fanout_fail:
      with-items: x in <% [1, 2, 3] %>
      action: std.fail error_data=<% $.x %>
`;

function task(name: string, state: TaskView['state'], items?: TaskView['state'][]): TaskView {
  return {
    id: `${name}-id`,
    name,
    type: 'ACTION',
    state,
    state_info: null,
    published: {},
    result: null,
    action_executions: items?.length ?? 1,
    retry_no: 0,
    items: items?.map((s, index) => ({ index, state: s, attempts: 1 })),
    created_at: '',
    updated_at: '',
  };
}

function view(tasks: TaskView[], state: ExecutionView['state'] = 'RUNNING'): ExecutionView {
  return { id: 'e', workflow_name: 'wf', state, state_info: null, input: {}, output: null, params: {}, tasks, created_at: '', updated_at: '' };
}

describe('progress while waiting', () => {
  it('prints plain lines only when a with-items task\'s counts change (non-TTY), ending with the final counts', async () => {
    const handle = await t.client.workflow.start('MistralWorkflow', {
      taskQueue: t.taskQueue,
      workflowId: `progress-${t.taskQueue}`,
      args: [{ definition: slowItems }],
    });
    const lines: string[] = [];
    await watchExecution(handle, { tty: false, intervalMs: 100, write: (text) => lines.push(text) });
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
    const each = lines.map((l) => l.trimEnd()).filter((l) => l.startsWith('each:'));
    const fails = lines.map((l) => l.trimEnd()).filter((l) => l.startsWith('fanout_fail:'));
    expect(each.at(-1)).toBe('each: 4/4 done, 0 failed, 0 running (SUCCESS)');
    expect(fails.at(-1)).toBe('fanout_fail: 0/3 done, 3 failed, 0 running (ERROR)');
    // Items take a second each, two at a time: the run is seen in between, and never the same line twice.
    expect(each.some((l) => / [12]\/4 done, 0 failed, [12] running$/.test(l))).toBe(true);
    expect(new Set(each).size).toBe(each.length);
    const done = each.map((l) => Number(/(\d)\/4 done/.exec(l)![1]));
    expect(done).toEqual([...done].sort());
    // Plain tasks print nothing.
    expect(lines.filter((l) => !/^(each|fanout_fail): /.test(l))).toEqual([]);
  });

  it('reports only changes between polls', () => {
    const seen = new Map<string, string>();
    expect(changedProgressLines(view([task('each', 'RUNNING', ['SUCCESS', 'RUNNING', 'IDLE']), task('plain', 'RUNNING')]), seen)).toEqual([
      'each: 1/3 done, 0 failed, 1 running',
    ]);
    expect(changedProgressLines(view([task('each', 'RUNNING', ['SUCCESS', 'RUNNING', 'IDLE'])]), seen)).toEqual([]);
    expect(changedProgressLines(view([task('each', 'ERROR', ['SUCCESS', 'ERROR', 'SUCCESS'])]), seen)).toEqual([
      'each: 2/3 done, 1 failed, 0 running (ERROR)',
    ]);
  });

  it('shows one terminal line: state, running with-items tasks, other running tasks, cut to the width', () => {
    const v = view([
      task('done_before', 'SUCCESS', ['SUCCESS']),
      task('upgrade', 'RUNNING', ['SUCCESS', 'SUCCESS', 'RUNNING', 'ERROR', 'IDLE']),
      task('notify', 'RUNNING'),
    ]);
    expect(statusLine(v)).toBe('RUNNING · upgrade: 2/5 done, 1 failed, 1 running · running: notify');
    // Shorter than the terminal, so it never wraps (a wrapped line cannot be rewritten with \r).
    expect(statusLine(v, 30)).toBe('RUNNING · upgrade: 2/5 done,…');
    expect(statusLine(v, 30)).toHaveLength(29);
  });

  it('rewrites the line in place on a terminal and erases it at the end', async () => {
    const handle = await t.client.workflow.start('MistralWorkflow', {
      taskQueue: t.taskQueue,
      workflowId: `progress-tty-${t.taskQueue}`,
      args: [{ definition: slowItems.replace('[1, 2, 3, 4]', '[1, 2]') }],
    });
    const out: string[] = [];
    await watchExecution(handle, { tty: true, intervalMs: 100, columns: 200, write: (text) => out.push(text) });
    expect(out.length).toBeGreaterThan(1);
    expect(out.every((w) => w.startsWith('\r\x1b[K'))).toBe(true);
    expect(out.at(-1)).toBe('\r\x1b[K');
    expect(out.some((w) => w.includes('RUNNING · each: '))).toBe(true);
    expect(out.join('')).not.toContain('\n');
  });
});
