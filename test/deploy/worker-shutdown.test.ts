/**
 * Graceful worker shutdown, the way `docker compose stop` or a Kubernetes rollout does it: a worker process
 * (`workers/worker.ts`, configured only by environment variables) gets SIGTERM while an action runs, lets the action
 * finish within TRAMONTANE_SHUTDOWN_GRACE, exits 0, and another replica on the same task queue finishes the
 * execution.
 */
import { afterAll, describe, expect, it, inject } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { createWorker } from '../../workers/create-worker';
import { dataConverter } from '../../workers/data-converter';

const repoRoot = new URL('../..', import.meta.url).pathname;
const definition = `
version: '2.0'
wf:
  tasks:
    slow:
      action: std.sleep seconds=3
      on-success: done
    done:
      action: std.echo output="finished"
      publish:
        result: <% task().result %>
  output:
    result: <% $.result %>
`;

let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function exitOf(p: ChildProcess): Promise<number | null> {
  return new Promise((res) => (p.exitCode !== null ? res(p.exitCode) : p.once('exit', (code) => res(code))));
}

describe('worker process', () => {
  it('drains on SIGTERM: the running action finishes, the process exits 0, another replica completes the run', async () => {
    const address = inject('temporalAddress');
    const taskQueue = `shutdown-${process.pid}-${Date.now()}`;
    let out = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'workers/worker.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: address,
        TRAMONTANE_TASK_QUEUE: taskQueue,
        TRAMONTANE_SHUTDOWN_GRACE: '20s',
        TRAMONTANE_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const started = Date.now();
    while (!out.includes('tramontane worker:') && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain(`tramontane worker: ${address} namespace=default task-queue=${taskQueue} tls=off`);

    const connection = await Connection.connect({ address });
    const client = new Client({ connection, dataConverter: dataConverter() });
    const handle = await client.workflow.start('MistralWorkflow', {
      taskQueue,
      workflowId: `${taskQueue}-wf`,
      args: [{ definition }],
    });
    // Wait until the sleep action is running on the child worker, then stop that worker.
    for (let i = 0; i < 100; i++) {
      const d = await handle.describe();
      if ((d.raw.pendingActivities ?? []).some((a) => a.state === 2 /* STARTED */)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGTERM');
    const code = await exitOf(child);
    expect(code).toBe(0);
    expect(out).toContain('SIGTERM received, draining (grace 20s)');
    expect(out).toContain('tramontane worker: stopped');

    // A second replica on the same task queue picks up the rest.
    const { worker, connection: native } = await createWorker({ address, taskQueue, workflowBundlePath: inject('workflowBundlePath') });
    const running = worker.run();
    try {
      const result = await handle.result();
      expect(result).toEqual({ state: 'SUCCESS', output: { result: 'finished' } });
      const history = await handle.fetchHistory();
      const failed = (history.events ?? []).filter((e) => e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes);
      expect(failed).toEqual([]); // the sleep finished during the grace time: not interrupted, not retried
    } finally {
      worker.shutdown();
      await running;
      await native.close();
      await connection.close();
    }
  });
});
