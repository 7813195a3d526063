/**
 * Oversized payloads against Temporal's 2 MiB blob limit. Before these checks each case below retried forever
 * (the SDK fails an oversized workflow task or local-activity completion retryably, TMPRL1103) or was refused with
 * a bare "Failed to start Workflow". Now each ends cleanly with a message that says what was too large and by how much.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import { connectClient } from '../../workers/connect';
import { readConfig } from '../../workers/config';
import { PAYLOAD_LIMIT_BYTES, jsonBytes } from '../../interpreter/payload-limit';
import type { ExecutionView } from '../../interpreter/engine/types';

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestTemporal();
});
afterAll(async () => {
  await t?.stop();
});

/** Waits for the end (bounded), asserts no workflow task ever failed, and returns the failure's execution view. */
async function finalView(handle: WorkflowHandle): Promise<{ message: string; view: ExecutionView }> {
  let failure: ApplicationFailure | undefined;
  const outcome = await Promise.race([
    handle.result().then(
      () => 'SUCCESS',
      (err) => {
        if (err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure) failure = err.cause;
        return 'FAILED';
      },
    ),
    new Promise<string>((r) => setTimeout(() => r('STUCK'), 40_000)),
  ]);
  const history = await handle.fetchHistory();
  const failedTasks = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
  expect(failedTasks.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
  expect(outcome).toBe('FAILED');
  return { message: failure!.message, view: failure!.details?.[0] as ExecutionView };
}

describe("Temporal's payload limit", () => {
  it('documents the limit: 2 MiB less 64 KiB of envelope', () => {
    expect(PAYLOAD_LIMIT_BYTES).toBe(2_031_616);
    expect(jsonBytes({ s: 'é😀' })).toBe(Buffer.byteLength(JSON.stringify({ s: 'é😀' })));
  });

  it('an action result over the limit fails its task with the size, instead of retrying forever', async () => {
    const definition = `
version: '2.0'
wf:
  tasks:
    big:
      action: std.test_dict size=200000 key_prefix=a_rather_long_key_prefix_ val=value
      on-error: report
    report:
      action: std.echo output="handled"
`;
    const handle = await t.client.workflow.start('MistralWorkflow', {
      taskQueue: t.taskQueue,
      workflowId: `oversize-result-${t.taskQueue}`,
      args: [{ definition }],
    });
    const res = await Promise.race([handle.result(), new Promise((r) => setTimeout(() => r('STUCK'), 40_000))]);
    expect(res).toEqual({ state: 'SUCCESS', output: {} }); // on-error handled it: the failure is a normal task error
    const view = await handle.query<ExecutionView>('execution');
    const big = view.tasks.find((x) => x.name === 'big')!;
    expect(big.state).toBe('ERROR');
    expect(big.state_info).toMatch(
      /^Action result is too large \(\d{7} bytes > 2031616 bytes, Temporal's payload limit\) \[action=std\.test_dict\]$/,
    );
  });

  it('a workflow input over the limit is refused at start with its size', async () => {
    const { client, close } = await connectClient(readConfig({ TEMPORAL_ADDRESS: inject('temporalAddress') }));
    try {
      const start = client.workflow.start('MistralWorkflow', {
        taskQueue: t.taskQueue,
        workflowId: `oversize-input-${t.taskQueue}`,
        args: [{ definition: "version: '2.0'\nwf:\n  input: [s]\n  tasks:\n    t:\n      action: std.noop\n", input: { s: 'x'.repeat(2_200_000) } }],
      });
      await expect(start).rejects.toThrow(
        /^Workflow input is too large \(22\d{5} bytes > 2031616 bytes, Temporal's payload limit\); pass large data by reference/,
      );
    } finally {
      await close();
    }
  });

  it('a published context that outgrows the limit: the action input and the workflow output fail cleanly', async () => {
    const grow = (extra: string) => `
version: '2.0'
wf:
  input: [s]
  tasks:
    p1:
      action: std.noop
      publish:
        p1: <% $.s %>
      on-success: p2
    p2:
      action: std.noop
      publish:
        p2: <% $.s %>
${extra}`;
    const input = { s: 'x'.repeat(900_000) };
    // The whole context (3 x 900 kB) passed to one action.
    const toAction = await t.client.workflow.start('MistralWorkflow', {
      taskQueue: t.taskQueue,
      workflowId: `oversize-action-input-${t.taskQueue}`,
      args: [{ definition: grow('      on-success: all\n    all:\n      action: std.echo output=<% [$.s, $.p1, $.p2] %>\n'), input }],
    });
    const a = await finalView(toAction);
    expect(a.message).toMatch(/Action input is too large \(27\d{5} bytes > 2031616 bytes, Temporal's payload limit\) \[action=std\.echo\]/);
    expect(a.view.state).toBe('ERROR');

    // No output clause: the output is every published variable (3 x 900 kB).
    const toOutput = await t.client.workflow.start('MistralWorkflow', {
      taskQueue: t.taskQueue,
      workflowId: `oversize-output-${t.taskQueue}`,
      args: [{ definition: grow('      on-success: p3\n    p3:\n      action: std.noop\n      publish:\n        p3: <% $.s %>\n'), input }],
    });
    const o = await finalView(toOutput);
    expect(o.message).toMatch(/^Workflow output is too large \(27\d{5} bytes > 2031616 bytes, Temporal's payload limit\)$/);
    expect(o.view.state).toBe('ERROR');
    expect(o.view.output).toBeNull();

    // A subworkflow started with the whole context (3 x 900 kB): the parent task fails, the parent goes on.
    const toChild = await t.client.workflow.start('MistralWorkflow', {
      taskQueue: t.taskQueue,
      workflowId: `oversize-child-input-${t.taskQueue}`,
      args: [
        {
          definition: `${grow('      on-success: call\n    call:\n      workflow: child\n      input:\n        all: <% [$.s, $.p1, $.p2] %>\n')}
child:
  input: [all]
  tasks:
    t:
      action: std.noop
`,
          workflow: 'wf',
          input,
        },
      ],
    });
    const c = await finalView(toChild);
    expect(c.message).toMatch(/Subworkflow input is too large \(27\d{5} bytes > 2031616 bytes, Temporal's payload limit\)/);
  });

  it('an execution whose data outgrows the limit still answers its query: the largest values are left out, with their size', async () => {
    // 150 items echoing 20 kB each: the task result (3 MB) alone is over the limit; the published count is small.
    const definition = `
version: '2.0'
wf:
  input: [blob]
  tasks:
    each:
      with-items: i in <% range(0, 150) %>
      action: std.echo output=<% $.blob %>
      publish:
        n: <% task().result.len() %>
`;
    const view = await t.run({ definition, input: { blob: 'y'.repeat(20_000) } });
    expect(view.state).toBe('SUCCESS');
    expect(view.tasks[0].state).toBe('SUCCESS');
    expect(view.tasks[0].published).toEqual({ n: 150 });
    expect(view.tasks[0].result).toMatch(/^<30\d{5} bytes, left out: the execution view is over Temporal's payload limit>$/);
    expect((view.input as { blob: string }).blob).toHaveLength(20_000); // only the largest values go
    expect(jsonBytes(view)).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  });
});
