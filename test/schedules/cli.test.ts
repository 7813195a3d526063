/**
 * The `tramontane cron-trigger-*` commands as an operator runs them (a real process against the suite's dev server):
 * workflow-create → create → get/list → trigger now → the run completes, is listed by trigger and in execution-list → delete; refusals print one clear line and exit 1.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { createRequest, registerCronTrigger } from '../../cli/commands/cron-trigger';
import { parseFormat } from '../../cli/commands/cron-trigger-format';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

const BIN = resolve(__dirname, '../../cli/bin.js');
const exec = promisify(execFile);

let t: TestTemporal;
let defFile: string;
const name = `cli-${process.pid}-${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await startTestTemporal();
  const dir = mkdtempSync(join(tmpdir(), 'tramontane-cron-cli-'));
  defFile = join(dir, 'greet.yaml');
  writeFileSync(
    defFile,
    `version: '2.0'
greet:
  input:
    - name
  tasks:
    hello:
      action: std.echo output="Hello, <% $.name %>!"
      publish:
        greeting: <% task().result %>
  output:
    greeting: <% $.greeting %>
`,
  );
});
afterAll(async () => {
  await cli('cron-trigger-delete', name).catch(() => {});
  await t?.stop();
});

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], {
      env: { ...process.env, TEMPORAL_ADDRESS: inject('temporalAddress'), TRAMONTANE_TASK_QUEUE: t.taskQueue, TZ: 'UTC' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('tramontane cron-trigger-*', () => {
  it('creates, shows, lists, triggers and deletes a trigger', async () => {
    // The stored workflow, run by name.
    const stored = await cli('workflow-create', defFile);
    expect([stored.code, stored.stderr]).toEqual([0, '']);
    expect(stored.stdout).toMatch(/\| greet +\|/);
    const created = await cli('cron-trigger-create', name, 'greet', '{"name": "cli"}', '--pattern', '0 2 * * mon');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(new RegExp(`\\| Name +\\| ${name} +\\|`));
    expect(created.stdout).toMatch(/\| Next execution time +\| \d{4}-\d\d-\d\d 02:00:00 +\|/);
    expect(created.stdout).toMatch(/\| Input +\| \{"name":"cli"\} +\|/);

    const got = await cli('cron-trigger-get', name, '--format', 'json');
    const trigger = JSON.parse(got.stdout);
    expect(trigger).toMatchObject({ name, workflow_name: 'greet', pattern: '0 2 * * mon', timezone: 'UTC', overlap: 'skip', paused: false });
    expect(trigger.next_execution_times.length).toBeGreaterThanOrEqual(5);

    const listed = await cli('cron-trigger-list');
    expect(listed.stdout).toMatch(/\| Name +\| Workflow +\| Params +\| Pattern +\| Next execution time +\| Remaining executions +\| Paused/);
    expect(listed.stdout).toMatch(new RegExp(`\\| ${name} +\\| greet +\\| \\{\\} +\\| 0 2 \\* \\* mon +\\|`));

    const yaml = await cli('cron-trigger-pause', name, '--note', 'holiday', '--format', 'yaml');
    expect(yaml.stdout).toContain('paused: true\nnote: holiday\n');

    const fired = await cli('cron-trigger-trigger', name);
    const id = /^Started execution (\S+)$/m.exec(fired.stdout)?.[1];
    expect(id).toMatch(new RegExp(`^cron-${name}-`));
    expect(await t.client.workflow.getHandle(id!).result()).toEqual({ state: 'SUCCESS', output: { greeting: 'Hello, cli!' } });
    let runs: string[] = [];
    for (let i = 0; i < 40 && runs.length === 0; i++) {
      if (i) await new Promise((r) => setTimeout(r, 250)); // visibility is eventually consistent
      runs = [];
      for await (const w of t.client.workflow.list({ query: `MistralCronTrigger = '${name}'` })) runs.push(w.workflowId);
    }
    expect(runs).toEqual([id]);
    // ... and as an ordinary execution in `execution-list`.
    let listedRuns: { id: string; state: string }[] = [];
    for (let i = 0; i < 40 && !listedRuns.some((r) => r.id === id); i++) {
      if (i) await new Promise((r) => setTimeout(r, 250));
      listedRuns = JSON.parse((await cli('execution-list', '--workflow', 'greet', '-f', 'json')).stdout);
    }
    expect(listedRuns.find((r) => r.id === id)).toMatchObject({ id, workflow_name: 'greet', state: 'SUCCESS' });

    const deleted = await cli('cron-trigger-delete', name, 'no-such-trigger');
    expect(deleted.code).toBe(1);
    expect(deleted.stdout).toBe(`Request to delete cron trigger ${name} has been accepted.\n`);
    expect(deleted.stderr).toBe(
      'Cron trigger not found [identifier=no-such-trigger]\ntramontane: Unable to delete the specified cron trigger(s).\n',
    );
    expect((await cli('cron-trigger-get', name)).stderr).toBe(`tramontane: Cron trigger not found [identifier=${name}]\n`);
  }, 120_000);

  it('refuses bad patterns, past first times and bad counts with one line', async () => {
    const bad = await cli('cron-trigger-create', `${name}-bad`, 'greet', '{"name": "x"}', '--pattern', '0 25 * * *', '--definition', defFile);
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([
      1,
      '',
      'tramontane: The specified pattern is not valid: 0 25 * * * (hour 25 is out of range 0-23)\n',
    ]);
    const past = await cli('cron-trigger-create', `${name}-past`, 'greet', '{"name": "x"}', '--first-time', '2020-01-01 00:00', '--definition', defFile);
    expect(past.stderr).toBe('tramontane: first_execution_time must be at least 1 minute in the future.\n');
    // The same path in process (each refusal above is printed as `tramontane: <message>`).
    expect(() => createRequest(`${name}-count`, 'greet', undefined, { pattern: '* * * * *', count: '0' })).toThrow(
      "--count: a positive integer is expected (got '0')",
    );
    expect(() => createRequest(`${name}-tz`, 'greet', undefined, { firstTime: '2030-01-01 00:00', utc: true, timezone: 'UTC' })).toThrow(
      '--utc and --timezone cannot be used together',
    );
    expect(() => createRequest(`${name}-in`, 'greet', '{"name": ', { pattern: '* * * * *' })).toThrow(/^workflow input: not valid JSON and not a file/);
    expect(() => parseFormat('xml')).toThrow("--format: expected table, json or yaml (got 'xml')");
  }, 120_000);

  it('documents every command with --help', async () => {
    const help = await cli('cron-trigger-create', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tramontane cron-trigger-create [options] <name> <workflow> [input]');
    expect(help.stdout).toContain("tramontane cron-trigger-create nightly upgrade_kernel '{\"hosts\": [\"a\"]}' --pattern '0 2 * * mon'");
    const program = new Command('tramontane');
    registerCronTrigger(program);
    const usage = Object.fromEntries(program.commands.map((c) => [c.name(), c.helpInformation().split('\n')[0]]));
    expect(usage).toEqual({
      'cron-trigger-create': 'Usage: tramontane cron-trigger-create [options] <name> <workflow> [input]',
      'cron-trigger-list': 'Usage: tramontane cron-trigger-list [options]',
      'cron-trigger-get': 'Usage: tramontane cron-trigger-get [options] <name>',
      'cron-trigger-delete': 'Usage: tramontane cron-trigger-delete [options] <name...>',
      'cron-trigger-pause': 'Usage: tramontane cron-trigger-pause [options] <name>',
      'cron-trigger-resume': 'Usage: tramontane cron-trigger-resume [options] <name>',
      'cron-trigger-trigger': 'Usage: tramontane cron-trigger-trigger [options] <name>',
      'cron-trigger-backfill': 'Usage: tramontane cron-trigger-backfill [options] <name>',
    });
  });
});
