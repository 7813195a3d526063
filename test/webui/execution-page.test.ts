/**
 * What a person sees in the Temporal Web UI for a Tramontane execution, checked in headless Chromium (Debian
 * `chromium` + `playwright-core`) against a dev server with its embedded UI and the codec server, as `npm start`
 * runs them: the Mistral workflow name (summary), each action's summary naming task + item + action, the live task
 * table (current details), and the workflow-name filter of the list. Screenshots go to `test-artifacts/`.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createWorker } from '../../workers/create-worker';
import { dataConverter } from '../../workers/data-converter';
import { startCodecServer, type CodecServer } from '../../workers/codec-server';
import { freePort, startDevServer, type DevServer } from '../../workers/temporal-cli';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const TASK_QUEUE = 'webui-test';

const deployHosts = `
version: '2.0'
deploy_hosts:
  input:
    - hosts
  tasks:
    upgrade:
      with-items: host in <% $.hosts %>
      action: std.echo output="upgraded <% $.host %>"
      publish:
        upgraded: <% task().result %>
  output:
    upgraded: <% $.upgraded %>
`;

const otherWorkflow = `
version: '2.0'
nightly_report:
  tasks:
    report:
      action: std.noop
`;

let codec: CodecServer | undefined;
let server: DevServer | undefined;
let worker: Worker | undefined;
let running: Promise<void> | undefined;
let native: NativeConnection | undefined;
let connection: Connection | undefined;
let client: Client;
let browser: BrowserContext | undefined;
let profileDir: string | undefined;

beforeAll(async () => {
  const uiPort = await freePort();
  codec = await startCodecServer({ port: 0, corsOrigins: [`http://127.0.0.1:${uiPort}`] });
  server = await startDevServer({ ui: true, uiPort, codecEndpoint: codec.url });
  ({ worker, connection: native } = await createWorker({
    address: server.address,
    taskQueue: TASK_QUEUE,
    workflowBundlePath: inject('workflowBundlePath'),
  }));
  running = worker.run();
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection, dataConverter: dataConverter() });
  profileDir = mkdtempSync(join(tmpdir(), 'tramontane-chromium-'));
  // A fresh profile per run (Playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    viewport: { width: 1800, height: 1300 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  worker?.shutdown();
  await running;
  await native?.close();
  await connection?.close();
  await server?.stop();
  await codec?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

async function start(definition: string, workflowId: string, summary: string, input: Record<string, unknown> = {}) {
  const handle = await client.workflow.start('MistralWorkflow', {
    taskQueue: TASK_QUEUE,
    workflowId,
    args: [{ definition, input }],
    staticSummary: summary,
  });
  await handle.result();
  return (await handle.describe()).runId;
}

/** Text of the page and of its frames (the UI renders user markdown in a sandboxed iframe), once `needle` shows. */
async function textWith(page: Page, needle: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await Promise.all(page.frames().map((f) => f.locator('body').innerText().catch(() => '')));
    const all = texts.join('\n');
    if (all.includes(needle)) return all;
    if (Date.now() > deadline) throw new Error(`the page never showed '${needle}'; it shows:\n${all.slice(0, 3000)}`);
    await page.waitForTimeout(250);
  }
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${server!.uiUrl}${path}`, { waitUntil: 'domcontentloaded', timeout: 30_000 });
}

describe('the Temporal Web UI shows Tramontane executions', () => {
  it('shows workflow name, action summaries (task + item + action), the task table, and filters by workflow name', async () => {
    expect(existsSync(CHROMIUM), 'apt-get install -y chromium').toBe(true);
    const id = `deploy-hosts-${Date.now().toString(36)}`;
    const otherId = `nightly-report-${Date.now().toString(36)}`;
    const runId = await start(deployHosts, id, 'deploy_hosts', { hosts: ['alpha', 'beta', 'gamma'] });
    await start(otherWorkflow, otherId, 'nightly_report');

    const page = await browser!.newPage();
    page.setDefaultTimeout(20_000);

    // Event history: the Mistral workflow name as the summary, one summary per action naming task[item] and action.
    await open(page, `/namespaces/default/workflows/${id}/${runId}/history`);
    await page.getByText('upgrade[1] std.echo output=upgraded beta').first().waitFor();
    const history = await page.locator('main').innerText();
    expect(history).toContain('COMPLETED');
    expect(history).toContain('deploy_hosts');
    for (const [i, host] of ['alpha', 'beta', 'gamma'].entries()) expect(history).toContain(`upgrade[${i}] std.echo output=upgraded ${host}`);
    await page.screenshot({ path: join(ARTIFACTS, 'webui-execution.png'), fullPage: true });

    // User metadata: the summary and the task table the workflow keeps as its current details.
    await open(page, `/namespaces/default/workflows/${id}/${runId}/user-metadata`);
    const metadata = await textWith(page, '3/3 done, 0 failed, 0 running');
    expect(metadata).toContain('deploy_hosts — SUCCESS');
    expect(metadata).toMatch(/upgrade\s+SUCCESS\s+3\/3 done, 0 failed, 0 running/);
    await page.screenshot({ path: join(ARTIFACTS, 'webui-current-details.png'), fullPage: true });

    // The list filtered by the Mistral workflow name (a search attribute the workflow sets).
    const query = encodeURIComponent(`MistralWorkflowName = 'deploy_hosts' AND MistralState = 'SUCCESS'`);
    await open(page, `/namespaces/default/workflows?query=${query}`);
    await page.getByText(id).first().waitFor();
    expect(await page.getByText(otherId).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'webui-filter.png'), fullPage: true });
    const other = encodeURIComponent(`MistralWorkflowName = 'nightly_report'`);
    await open(page, `/namespaces/default/workflows?query=${other}`);
    await page.getByText(otherId).first().waitFor();
    expect(await page.getByText(id).count()).toBe(0);
    await page.close();
  }, 90_000);

  it('shows the task table live while the execution runs', async () => {
    const id = `rolling-${Date.now().toString(36)}`;
    const handle = await client.workflow.start('MistralWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: id,
      args: [{ definition: rolling }],
      staticSummary: 'rolling_restart',
    });
    const page = await browser!.newPage();
    page.setDefaultTimeout(20_000);
    await open(page, `/namespaces/default/workflows/${id}/${(await handle.describe()).runId}/user-metadata`);
    const live = await textWith(page, 'rolling_restart — RUNNING');
    expect(live).toMatch(/restart\s+RUNNING\s+[0-2]\/3 done, 0 failed, 1 running/);
    await page.screenshot({ path: join(ARTIFACTS, 'webui-live.png'), fullPage: true });
    await page.close();
    await handle.terminate('web UI test done');
  }, 60_000);
});

const rolling = `
version: '2.0'
rolling_restart:
  tasks:
    restart:
      with-items: host in <% ['web1', 'web2', 'web3'] %>
      concurrency: 1
      action: std.sleep seconds=20
`;
