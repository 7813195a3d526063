/**
 * The `tramontane` CLI (spawned as users run it, against the shared dev server and this file's own task queue and
 * definition store) and the plain `temporal` CLI: one stored definition started three ways gives equal results;
 * refusals are one clear line with exit status 1; task, action-execution and rerun commands.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Tramontane } from '../../client/index';
import { findTemporalCli } from '../../workers/temporal-cli';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

const ROOT = resolve(__dirname, '../..');
let t: TestTemporal;
let tr: Tramontane;
let dir: string;

beforeAll(async () => {
  t = await startTestTemporal();
  tr = new Tramontane(t.client, t.taskQueue);
  dir = mkdtempSync(join(tmpdir(), 'tramontane-cli-'));
});
afterAll(async () => {
  await t?.stop();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[]): Promise<Run> {
  return new Promise((res) => {
    execFile(
      cmd,
      args,
      { cwd: ROOT, env: { ...process.env, TEMPORAL_ADDRESS: inject('temporalAddress'), TRAMONTANE_TASK_QUEUE: t.taskQueue }, timeout: 60_000 },
      (err, stdout, stderr) => res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const cli = (...args: string[]): Promise<Run> => run('node', ['cli/bin.js', ...args]);

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const GREET = `version: '2.0'
greet:
  input:
    - names
    - punctuation: '!'
  tasks:
    each:
      with-items: n in <% $.names %>
      action: std.echo output="Hello, <% $.n %><% $.punctuation %>"
      publish:
        greetings: <% task().result %>
  output:
    greetings: <% $.greetings %>
    env_region: <% env().region %>
`;

describe('tramontane CLI', () => {
  it('workflow-create refuses an invalid file with file:line:col and exit status 1, no stack trace', async () => {
    const bad = file('bad.yaml', `version: '2.0'\nbad:\n  tasks:\n    t1:\n      action: std.echo output=<% $.x + %>\n`);
    const r = await cli('workflow-create', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:\\d+: `));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('one stored definition started three ways (tramontane CLI, temporal CLI, TS client) gives equal results', async () => {
    const created = await cli('workflow-create', file('greet.yaml', GREET), '-f', 'json');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout).map((w: { name: string; input: string }) => [w.name, w.input])).toEqual([['greet', 'names, punctuation="!"']]);
    const env = file('env.yaml', `name: eu\ndescription: Europe\nvariables:\n  region: eu-west\n`);
    expect((await cli('environment-create', env)).code).toBe(0);
    const input = JSON.stringify({ names: ['ann', 'bob'] });

    // 1. tramontane CLI
    const viaCli = await cli('execution-create', 'greet', input, '{"env": "eu"}', '--wait', '-f', 'json');
    expect(viaCli.stderr).toMatch(/^Started execution /);
    expect(viaCli.code).toBe(0);
    const row = JSON.parse(viaCli.stdout);
    expect(row).toMatchObject({ workflow_name: 'greet', state: 'SUCCESS', workflow_namespace: '' });
    const out1 = JSON.parse((await cli('execution-get-output', row.id)).stdout);

    // 2. temporal CLI (the command documented in the README)
    const temporal = findTemporalCli();
    expect(temporal, 'temporal CLI').toBeDefined();
    const id = `by-temporal-cli-${Date.now()}`;
    const started = await run(temporal!, [
      'workflow', 'start', '--address', inject('temporalAddress'), '--type', 'MistralWorkflow', '--task-queue', t.taskQueue,
      '--workflow-id', id, '--input', JSON.stringify({ workflow: 'greet', input: JSON.parse(input), params: { env: 'eu' } }),
    ]);
    expect(started.code, started.stderr).toBe(0);
    const out2 = (await tr.waitExecution(id)).output;

    // 3. TS client
    const out3 = (await tr.startExecution('greet', JSON.parse(input), { env: 'eu', wait: true })).output;

    expect(out1).toEqual({ greetings: ['Hello, ann!', 'Hello, bob!'], env_region: 'eu-west' });
    expect(out2).toEqual(out1);
    expect(out3).toEqual(out1);
  });

  it('execution-create refuses an unknown workflow with Mistral\'s message and exit status 1', async () => {
    const r = await cli('execution-create', 'nope', '--namespace', 'x');
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'Workflow not found [workflow_identifier=nope, namespace=x]\n' });
  });

  it('lists stored workflows as a mistralclient table and prints the stored definition', async () => {
    const list = await cli('workflow-list');
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^\| ID +\| Name +\| Namespace +\| Project ID +\| Tags +\| Input +\| Scope +\| Created at +\| Updated at +\|$/);
    expect(lines.some((l) => /\| greet +\| +\| <default-project> \| +\| names, punctuation="!" \| private \|/.test(l))).toBe(true);
    expect((await cli('workflow-get-definition', 'greet')).stdout).toBe(GREET);
    const yaml = await cli('workflow-get', 'greet', '-f', 'yaml');
    expect(yaml.stdout).toMatch(/^id: [0-9a-f-]{36}\nname: greet\nnamespace: ""\n/);
  });

  it('shows tasks and action executions, and reruns only the failed items (task-rerun --resume)', async () => {
    const items = `version: '2.0'
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
`;
    expect((await cli('workflow-create', file('items.yaml', items))).code).toBe(0);
    const failed = await cli('execution-create', 'items', '{}', '{"env": {"bad": 2}}', '--wait', '-f', 'json');
    expect(failed.code).toBe(2);
    const execId = JSON.parse(failed.stdout).id;
    const tasks = JSON.parse((await cli('task-list', execId, '-f', 'json')).stdout);
    expect(tasks.map((x: { name: string; state: string; items: string }) => [x.name, x.state, x.items])).toEqual([['each', 'ERROR', '2/3']]);
    const taskId = tasks[0].id;
    const aex = JSON.parse((await cli('action-execution-list', taskId, '-f', 'json')).stdout);
    expect(aex.map((a: { name: string; with_items_index: number; state: string }) => [a.name, a.with_items_index, a.state])).toEqual([
      ['check', 0, 'SUCCESS'],
      ['check', 1, 'ERROR'],
      ['check', 2, 'SUCCESS'],
    ]);
    const rerun = await cli('task-rerun', taskId, '--resume', '-e', '{"bad": 99}', '-f', 'json');
    expect(rerun.code, rerun.stderr).toBe(0);
    const done = await tr.waitExecution(execId);
    expect(done.state).toBe('SUCCESS');
    const after = JSON.parse((await cli('action-execution-list', taskId, '-f', 'json')).stdout);
    expect(after.map((a: { with_items_index: number; attempt: number; state: string; accepted: boolean }) => [a.with_items_index, a.attempt, a.state, a.accepted])).toEqual([
      [0, 1, 'SUCCESS', true],
      [1, 1, 'ERROR', false],
      [1, 2, 'SUCCESS', true],
      [2, 1, 'SUCCESS', true],
    ]);
    const again = await cli('task-rerun', taskId);
    expect(again).toMatchObject({ code: 1, stderr: 'Only ERROR tasks can be rerun [task=each, state=SUCCESS]\n' });
  });

  it('execution-list filters by workflow and state, newest first', async () => {
    const deadline = Date.now() + 20_000;
    let rows: { workflow_name: string; state: string; created_at: string }[] = [];
    while (Date.now() < deadline) {
      rows = JSON.parse((await cli('execution-list', '--workflow', 'greet', '-f', 'json')).stdout);
      if (rows.length >= 3) break; // visibility is eventually consistent
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(rows.length).toBe(3);
    expect(rows.every((r) => r.workflow_name === 'greet' && r.state === 'SUCCESS')).toBe(true);
    expect([...rows].sort((a, b) => b.created_at.localeCompare(a.created_at))).toEqual(rows);
    const errors = JSON.parse((await cli('execution-list', '--state', 'ERROR', '-f', 'json')).stdout);
    expect(errors.every((r: { state: string }) => r.state === 'ERROR')).toBe(true);
  });
});
