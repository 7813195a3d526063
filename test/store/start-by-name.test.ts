/**
 * Starting stored workflows by name on the shared dev server: name resolution (namespaces, workbooks, ad-hoc
 * actions), environments by name, executions pinned to the definition they started with, pause/resume/cancel and
 * task rerun through the TS client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tramontane, TramontaneError } from '../../client/index';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

let t: TestTemporal;
let tr: Tramontane;
beforeAll(async () => {
  t = await startTestTemporal();
  tr = new Tramontane(t.client, t.taskQueue);
});
afterAll(async () => {
  await t?.stop();
});

describe('starting a stored workflow by name', () => {
  it('runs it and records the definition version in the memo', async () => {
    const [rec] = await tr.createWorkflow(`version: '2.0'\nhello:\n  input:\n    - name: world\n  tasks:\n    greet:\n      action: std.echo output="Hello, <% $.name %>!"\n      publish:\n        greeting: <% task().result %>\n  output:\n    greeting: <% $.greeting %>\n`);
    const view = await tr.startExecution('hello', { name: 'store' }, { wait: true });
    expect(view.state).toBe('SUCCESS');
    expect(view.output).toEqual({ greeting: 'Hello, store!' });
    const desc = await t.client.workflow.getHandle(view.id).describe();
    expect(desc.memo?.mistral_definition).toEqual({ id: rec.id, name: 'hello', namespace: '', version: 1, checksum: rec.checksum });
  });

  it('refuses an unknown workflow, or one of another namespace (no fallback at top level), like Mistral', async () => {
    await expect(tr.startExecution('nope', {}, { wait: true })).rejects.toThrow(
      new TramontaneError('Workflow not found [workflow_identifier=nope, namespace=]'),
    );
    await expect(tr.startExecution('hello', {}, { namespace: 'other' })).rejects.toThrow(
      'Workflow not found [workflow_identifier=hello, namespace=other]',
    );
  });

  it('refuses invalid input with the engine message', async () => {
    await expect(tr.startExecution('hello', { nam: 1 }, { wait: true })).rejects.toThrow(/^Invalid input \[name=hello.*unexpected=\['nam'\]/);
  });

  it("looks subworkflows up in the parent's namespace first, then the default namespace", async () => {
    await tr.createWorkflow(`version: '2.0'\nleaf:\n  tasks:\n    t:\n      action: std.echo output="default-leaf"\n      publish: {who: <% task().result %>}\n  output: {who: <% $.who %>}\nshared:\n  tasks:\n    t:\n      action: std.echo output="default-shared"\n      publish: {who: <% task().result %>}\n  output: {who: <% $.who %>}\n`);
    await tr.createWorkflow(`version: '2.0'\nleaf:\n  tasks:\n    t:\n      action: std.echo output="ns-leaf"\n      publish: {who: <% task().result %>}\n  output: {who: <% $.who %>}\nparent:\n  tasks:\n    a:\n      workflow: leaf\n      publish: {a: <% task().result.who %>}\n      on-success: [b]\n    b:\n      workflow: shared\n      publish: {b: <% task().result.who %>}\n  output: {a: <% $.a %>, b: <% $.b %>}\n`, { namespace: 'team' });
    const view = await tr.startExecution('parent', {}, { namespace: 'team', wait: true });
    expect(view.state).toBe('SUCCESS');
    expect(view.output).toEqual({ a: 'ns-leaf', b: 'default-shared' });
  });

  it('runs workbook workflows with their local subworkflows and ad-hoc actions (<wb>.<name>)', async () => {
    const res = await tr.createWorkbook(`version: '2.0'\nname: wb\nactions:\n  shout:\n    input: [text]\n    base: std.echo\n    base-input:\n      output: <% $.text + '!' %>\nworkflows:\n  main:\n    tasks:\n      call:\n        workflow: sub\n        publish: {got: <% task().result.said %>}\n    output: {got: <% $.got %>}\n  sub:\n    tasks:\n      say:\n        action: shout text="hey"\n        publish: {said: <% task().result %>}\n    output: {said: <% $.said %>}\n`);
    expect(res.workflows.map((w) => w.name)).toEqual(['wb.main', 'wb.sub']);
    expect(res.actions.map((a) => [a.name, a.input])).toEqual([['wb.shout', 'text']]);
    const view = await tr.startExecution('wb.main', {}, { wait: true });
    expect(view.output).toEqual({ got: 'hey!' });
  });

  it('loads params.env by name, and refuses an unknown environment name like Mistral', async () => {
    await tr.putEnvironment({ name: 'prod', description: 'production', variables: { region: 'eu-west' } });
    await tr.createWorkflow(`version: '2.0'\nwhere:\n  tasks:\n    t:\n      action: std.echo output=<% env().region %>\n      publish: {region: <% task().result %>}\n`);
    const view = await tr.startExecution('where', {}, { env: 'prod', wait: true });
    expect(view.output).toEqual({ region: 'eu-west' });
    expect(view.params.env).toEqual({ region: 'eu-west' });
    await expect(tr.startExecution('where', {}, { env: 'nope', wait: true })).rejects.toThrow(new TramontaneError('Environment is not found: nope'));
  });

  it('keeps a running execution on the definition it started with when the stored one is edited', async () => {
    const v1 = `version: '2.0'\nslow:\n  tasks:\n    nap:\n      action: std.sleep seconds=2\n      on-success: [say]\n    say:\n      action: std.echo output=\"v1\"\n      publish: {said: <% task().result %>}\n`;
    await tr.createWorkflow(v1);
    const running = await tr.startExecution('slow');
    expect(running.state).toBe('RUNNING');
    const [updated] = await tr.updateWorkflow(v1.replace('output=\"v1\"', 'output=\"v2\"'));
    expect(updated.version).toBe(2);
    const first = await tr.waitExecution(running.id);
    expect(first.output).toEqual({ said: 'v1' });
    const second = await tr.startExecution('slow', {}, { wait: true });
    expect(second.output).toEqual({ said: 'v2' });
  });
});

describe('operating on executions', () => {
  it('pauses, resumes and cancels, refusing changes of a finished execution', async () => {
    await tr.createWorkflow(`version: '2.0'\nsteps:\n  tasks:\n    one:\n      action: std.sleep seconds=1\n      on-success: [two]\n    two:\n      action: std.sleep seconds=1\n      on-success: [three]\n    three:\n      action: std.echo output="done"\n`);
    const started = await tr.startExecution('steps');
    expect((await tr.pause(started.id)).state).toBe('PAUSED');
    await new Promise((r) => setTimeout(r, 1500));
    const paused = await tr.getExecution(started.id);
    expect(paused.state).toBe('PAUSED');
    expect(paused.tasks.map((x) => x.name)).toEqual(['one']); // no new task while paused
    expect((await tr.resume(started.id)).state).toBe('RUNNING');
    const done = await tr.waitExecution(started.id);
    expect(done.state).toBe('SUCCESS');
    expect(done.tasks.map((x) => x.name)).toEqual(['one', 'two', 'three']);
    await expect(tr.pause(started.id)).rejects.toThrow(`Can't change workflow execution state from SUCCESS to PAUSED. [workflow_execution_id=${started.id}]`);

    const other = await tr.startExecution('steps');
    const cancelled = await tr.cancel(other.id);
    expect(cancelled.state).toBe('CANCELLED');
  });

  it('reruns only the failed with-items item of a finished execution (task-rerun --resume), with a new env', async () => {
    await tr.createWorkflow(`version: '2.0'
items:
  tasks:
    each:
      with-items: x in <% [1, 2, 3] %>
      workflow: check x=<% $.x %>
check:
  input: [x]
  tasks:
    look:
      action: std.noop
      on-success:
        - boom: <% $.x = env().bad %>
    boom:
      action: std.fail
`);
    const failed = await tr.startExecution('items', {}, { env: { bad: 2 }, wait: true });
    expect(failed.state).toBe('ERROR');
    const task = failed.tasks[0];
    expect(task.items?.map((i) => i.state), JSON.stringify(task)).toEqual(['SUCCESS', 'ERROR', 'SUCCESS']);
    await expect(tr.rerunTask(`${failed.id}-t99`)).rejects.toThrow(`Task execution not found [id=${failed.id}-t99]`);
    await tr.rerunTask(task.id, { reset: false, env: { bad: 99 } });
    const after = await tr.waitExecution(failed.id);
    expect(after.state).toBe('SUCCESS');
    expect(after.tasks[0].items?.map((i) => [i.state, i.attempts])).toEqual([['SUCCESS', 1], ['SUCCESS', 2], ['SUCCESS', 1]]);
    await expect(tr.rerunTask(task.id)).rejects.toThrow(`Only ERROR tasks can be rerun [task=each, state=SUCCESS]`);
  });
});
