/**
 * The definition store (`TramontaneRegistry`) on the shared dev server: round trips, Mistral's messages, located
 * validation errors refused before anything is stored, workbook expansion, environments.
 * Message texts follow Mistral 15's code (db/v2/sqlalchemy/api.py, resources.py) as installed for the oracle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../store/registry-client';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

let t: TestTemporal;
let reg: RegistryClient;
beforeAll(async () => {
  t = await startTestTemporal();
  reg = new RegistryClient(t.client, t.taskQueue);
});
afterAll(async () => {
  await t?.stop();
});

const TWO = `version: '2.0'

# first
wf_a:
  input:
    - hosts
    - retries: 3
    - opts: null
  tasks:
    t1:
      action: std.echo output=<% $.hosts %>

wf_b:
  tasks:
    t1:
      action: std.noop
`;

describe('workflow definitions', () => {
  it('creates each workflow of a file as its own record, cut out of the file, with Mistral fields', async () => {
    const res = await reg.putDefinition({ kind: 'workflow', mode: 'create', text: TWO, file: 'two.yaml' });
    expect(res.workflows.map((w) => w.name)).toEqual(['wf_a', 'wf_b']);
    const a = await reg.get('workflow', 'wf_a');
    expect(a).toMatchObject({ name: 'wf_a', namespace: '', version: 1, scope: 'private', input: 'hosts, retries="3", opts="None"', updated_at: null });
    expect(a!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a!.checksum).toMatch(/^[0-9a-f]{32}$/);
    expect(a!.definition).toBe(`version: '2.0'\n\nwf_a:\n  input:\n    - hosts\n    - retries: 3\n    - opts: null\n  tasks:\n    t1:\n      action: std.echo output=<% $.hosts %>\n`);
    expect(a!.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect((await reg.get('workflow', a!.id))?.name).toBe('wf_a');
  });

  it('refuses a duplicate create and an update of an unknown workflow, with Mistral messages', async () => {
    await expect(reg.putDefinition({ kind: 'workflow', mode: 'create', text: TWO })).rejects.toThrow(
      "Duplicate entry for WorkflowDefinition ['name', 'namespace', 'project_id']: wf_a, , <default-project>",
    );
    const other = `version: '2.0'\nnope:\n  tasks:\n    t: {action: std.noop}\n`;
    await expect(reg.putDefinition({ kind: 'workflow', mode: 'update', text: other })).rejects.toThrow(
      'Workflow not found [workflow_identifier=nope, namespace=]',
    );
  });

  it('refuses an invalid definition with file:line:col errors and stores nothing', async () => {
    const bad = `version: '2.0'\nbroken:\n  tasks:\n    t1:\n      action: std.echo output=<% $.x + %>\n      on-success: [missing]\n`;
    const err = await reg.putDefinition({ kind: 'workflow', mode: 'create', text: bad, file: 'bad.yaml' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message.split('\n')[0]).toMatch(/^bad\.yaml:5:\d+: /);
    expect((err as Error).message).toMatch(/bad\.yaml:6:\d+: .*missing/);
    expect(await reg.get('workflow', 'broken')).toBeUndefined();
  });

  it('updates bump the version, keep id and created_at, and set updated_at', async () => {
    const before = (await reg.get('workflow', 'wf_b'))!;
    const v2 = `version: '2.0'\nwf_b:\n  tags: [x]\n  tasks:\n    t1:\n      action: std.echo output=2\n`;
    const res = await reg.putDefinition({ kind: 'workflow', mode: 'update', text: v2 });
    expect(res.workflows[0]).toMatchObject({ id: before.id, version: 2, created_at: before.created_at, tags: ['x'], definition: v2 });
    expect(res.workflows[0].updated_at).not.toBeNull();
    expect(res.workflows[0].checksum).not.toBe(before.checksum);
  });

  it('keeps namespaces apart and lists all of them', async () => {
    await reg.putDefinition({ kind: 'workflow', mode: 'create', text: TWO, namespace: 'ns1' });
    expect((await reg.list('workflow')).map((w) => `${w.namespace}:${w.name}`)).toEqual([':wf_a', 'ns1:wf_a', ':wf_b', 'ns1:wf_b']);
    expect((await reg.list('workflow', 'ns1')).length).toBe(2);
    await reg.delete({ kind: 'workflow', identifier: 'wf_a', namespace: 'ns1' });
    expect(await reg.get('workflow', 'wf_a', 'ns1')).toBeUndefined();
    expect(await reg.get('workflow', 'wf_a')).toBeDefined();
    await expect(reg.delete({ kind: 'workflow', identifier: 'wf_a', namespace: 'ns1' })).rejects.toThrow(
      'Workflow not found [workflow_identifier=wf_a, namespace=ns1]',
    );
  });
});

describe('workbooks, actions and environments', () => {
  const WB = `version: '2.0'
name: ops
tags: [infra]
actions:
  ping:
    input:
      - host
      - port: 22
    base: std.echo
    base-input:
      output: <% $.host %>
workflows:
  check:
    tasks:
      p:
        action: ping host="h"
`;

  it('expands a workbook into <wb>.<name> workflows and actions, and deletes them with it', async () => {
    const res = await reg.putDefinition({ kind: 'workbook', mode: 'create', text: WB });
    expect(res.workbook).toMatchObject({ name: 'ops', tags: ['infra'], workflows: ['ops.check'], actions: ['ops.ping'], definition: WB });
    const ping = await reg.get('action', 'ops.ping');
    expect(ping).toMatchObject({ input: 'host, port=22', base: 'std.echo', workbook: 'ops' });
    expect((await reg.get('workflow', 'ops.check'))?.definition).toBe(`version: '2.0'\n\ncheck:\n  tasks:\n    p:\n      action: ping host="h"\n`);
    await reg.delete({ kind: 'workbook', identifier: 'ops' });
    expect(await reg.get('workflow', 'ops.check')).toBeUndefined();
    expect(await reg.get('action', 'ops.ping')).toBeUndefined();
    await expect(reg.delete({ kind: 'workbook', identifier: 'ops' })).rejects.toThrow('Workbook not found [name=ops, namespace=]');
  });

  it('refuses a workbook given as a workflow file, and a system action name for an ad-hoc action', async () => {
    await expect(reg.putDefinition({ kind: 'workflow', mode: 'create', text: WB, file: 'wb.yaml' })).rejects.toThrow(
      'wb.yaml:1:1: Invalid DSL: a workflow file was expected, got a workbook (use workbook-create)',
    );
    await expect(reg.putDefinition({ kind: 'action', mode: 'create', text: `version: '2.0'\nstd.echo:\n  base: std.noop\n` })).rejects.toThrow(
      "Duplicate entry for Action ['name', 'namespace', 'project_id']: std.echo, , <default-project>",
    );
  });

  it('refuses an invalid definition in the registry itself (not only in the client), storing nothing', async () => {
    const { putDefinitionUpdate } = await import('../../store/registry-api');
    const bad = `version: '2.0'\nx:\n  tasks: {}\n`;
    const err = await t.client.workflow.getHandle(reg.workflowId).executeUpdate(putDefinitionUpdate, { args: [{ kind: 'workflow', mode: 'create', text: bad, file: 'direct.yaml' }] }).catch((e: Error) => e);
    expect((err as Error & { cause?: Error }).cause?.message).toMatch(/^direct\.yaml:3:\d+: /);
    expect(await reg.get('workflow', 'x')).toBeUndefined();
  });

  it('creates, updates (only the given fields), gets and deletes environments', async () => {
    const env = await reg.putEnvironment({ mode: 'create', name: 'staging', description: 'pre-prod', variables: { a: 1 } });
    expect(env).toMatchObject({ name: 'staging', description: 'pre-prod', variables: { a: 1 }, scope: 'private', updated_at: null });
    await expect(reg.putEnvironment({ mode: 'create', name: 'staging' })).rejects.toThrow(
      "Duplicate entry for Environment ['name', 'project_id']: staging, <default-project>",
    );
    const upd = await reg.putEnvironment({ mode: 'update', name: 'staging', variables: { a: 2 } });
    expect(upd).toMatchObject({ id: env.id, description: 'pre-prod', variables: { a: 2 } });
    await expect(reg.putEnvironment({ mode: 'update', name: 'nope' })).rejects.toThrow('Environment not found [name=nope]');
    await expect(reg.putEnvironment({ mode: 'create', name: 'bad', variables: [] as unknown as Record<string, unknown> })).rejects.toThrow(
      "Environment 'variables' must be a dict [name=bad]",
    );
    await reg.delete({ kind: 'environment', identifier: 'staging' });
    expect(await reg.list('environment')).toEqual([]);
  });
});
