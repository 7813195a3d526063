/**
 * Secrets never appear in plaintext in Temporal's history: a seed-like workbook (ad-hoc `send_email` on std.email
 * with `smtp_password` in base-input, std.echo, std.noop, std.fail, a subworkflow) runs on the real dev server with
 * unique secrets in the workflow input, the env, the definition text and action parameters. The full raw history of
 * the execution and of its child — read by a client WITHOUT the codec and by `temporal workflow show --output json`
 * — is searched for every secret, also inside base64. Then the codec server shows those payloads readable with the
 * secrets as `***`, and a client with the codec still reads everything.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import { findTemporalCli } from '../../workers/temporal-cli';
import { startCodecServer, type CodecServer } from '../../workers/codec-server';
import type { ExecutionView } from '../../interpreter/engine/types';
import { findSecrets, makeSecret } from './support';

type History = temporal.api.history.v1.IHistory;

const secrets = {
  inputPassword: makeSecret('input-password'),
  smtpPassword: makeSecret('smtp-password'),
  definitionSmtpPassword: makeSecret('definition-smtp'),
  envToken: makeSecret('env-token'),
  openstackPassword: makeSecret('os-password'),
  appCredentialSecret: makeSecret('app-cred-secret'),
  paramApiKey: makeSecret('param-api-key'),
};
const all = Object.values(secrets);

const definition = `
version: '2.0'
name: secrets_wb

actions:
  send_email:
    input:
      - to_addrs
      - subject
      - body
    base: std.email
    base-input:
      to_addrs: <% $.to_addrs %>
      subject: <% $.subject %>
      body: <% $.body %>
      from_addr: 'mistral@localhost'
      smtp_server: '127.0.0.1:1'
      smtp_password: '${secrets.definitionSmtpPassword}'

workflows:
  main:
    input:
      - username: ubuntu
      - password
      - email_info: null
    tasks:
      echo_info:
        action: std.echo
        input:
          output:
            email_info: <% $.email_info %>
            api_key: '${secrets.paramApiKey}'
            host: gateway.example.com
        publish:
          info: <% task().result %>
        on-success: [child]
      child:
        workflow: notify
        input:
          email_info: <% $.email_info %>
          token: <% env().api_token %>
        on-complete: [notify_by_email]
      notify_by_email:
        action: send_email to_addrs=<% [$.email_info.to_email] %> subject="Upgrade done" body=<% $.username %>
        on-complete: [fail_loudly]
      fail_loudly:
        action: std.fail error_data=<% 'sudo -S reboot <<< ' + $.password %>

  notify:
    input:
      - email_info
      - token
    output:
      token: <% $.token %>
    tasks:
      noop:
        action: std.noop
      echo_env:
        action: std.echo output=<% env() %>
`;

const input = {
  username: 'ops',
  password: secrets.inputPassword,
  email_info: { to_email: 'ops@example.com', from_email: 'mistral@example.com', smtp_server: 'localhost', smtp_password: secrets.smtpPassword },
};
const env = {
  api_token: secrets.envToken,
  __openstack: {
    auth_url: 'http://keystone.example.com:5000/v3',
    username: 'admin',
    password: secrets.openstackPassword,
    application_credential_secret: secrets.appCredentialSecret,
  },
};

let t: TestTemporal;
let connection: Connection;
/** A client WITHOUT the codec: sees what Temporal stores. */
let raw: Client;
let codecServer: CodecServer;
let view: ExecutionView;
const workflowId = `secrets-${Date.now()}`;
/** Raw histories of the execution and its child, by workflow id. */
const histories = new Map<string, History>();

beforeAll(async () => {
  t = await startTestTemporal();
  connection = await Connection.connect({ address: inject('temporalAddress') });
  raw = new Client({ connection });
  codecServer = await startCodecServer({ port: 0, corsOrigins: ['http://localhost:8233'] });
  view = await t.run({ definition, workflow: 'main', input, params: { env } }, workflowId);
  const ids = [workflowId];
  for (let i = 0; i < ids.length; i++) {
    const history = await raw.workflow.getHandle(ids[i]).fetchHistory();
    histories.set(ids[i], history);
    for (const ev of history.events ?? []) {
      const child = ev.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId;
      if (child) ids.push(child);
    }
  }
}, 120_000);

afterAll(async () => {
  await codecServer?.close();
  await connection?.close();
  await t?.stop();
});

async function decode(payload: temporal.api.common.v1.IPayload, origin?: string): Promise<unknown> {
  const body = {
    payloads: [
      {
        metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
        data: Buffer.from(payload.data ?? []).toString('base64'),
      },
    ],
  };
  const res = await fetch(`${codecServer.url}/decode`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const out = (await res.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
  const p = out.payloads[0];
  expect(Buffer.from(p.metadata.encoding, 'base64').toString()).toBe('json/plain');
  return JSON.parse(Buffer.from(p.data, 'base64').toString('utf8'));
}

function events(id: string): temporal.api.history.v1.IHistoryEvent[] {
  return histories.get(id)?.events ?? [];
}

describe('secrets in the Temporal history', () => {
  it('ran the workbook as expected: child, ad-hoc email failing against nothing, std.fail', () => {
    expect(view.state).toBe('ERROR');
    const states = Object.fromEntries(view.tasks.map((x) => [x.name, x.state]));
    expect(states).toEqual({ echo_info: 'SUCCESS', child: 'SUCCESS', notify_by_email: 'ERROR', fail_loudly: 'ERROR' });
    expect(histories.size).toBe(2); // the execution and its subworkflow
  });

  it('a client with the codec reads the data, secrets included (so they really went through history)', async () => {
    expect(view.tasks.find((x) => x.name === 'echo_info')!.published).toEqual({
      info: { email_info: input.email_info, api_key: secrets.paramApiKey, host: 'gateway.example.com' },
    });
    const childId = [...histories.keys()][1];
    const childResult = await t.client.workflow.getHandle(childId).result();
    expect(childResult).toEqual({ state: 'SUCCESS', output: { token: secrets.envToken } });
    const err = await t.client.workflow.getHandle(workflowId).result().catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause.message).toMatch(/^Failure caused by error in tasks: /);
    expect(cause.message).toContain('fail_loudly');
  });

  it('the full raw history (client without codec) contains none of the secrets, not even in base64', () => {
    expect(histories.size).toBe(2);
    for (const [id, history] of histories) {
      const json = historyToJSON(history);
      expect(json.length).toBeGreaterThan(1000);
      expect({ id, found: findSecrets(json, all) }).toEqual({ id, found: [] });
    }
  });

  it('every payload in the raw history is encrypted, and failure messages are too', () => {
    const encodings = new Set<string>();
    const failureMessages: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (!v || typeof v !== 'object') return;
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
      const o = v as Record<string, unknown>;
      const meta = o.metadata as Record<string, Uint8Array> | undefined;
      // Plain by design: core's local-activity bookkeeping (seq, attempt, type, times), its patch markers (the
      // version id of interpreter/dispatch-limits.ts) and search attributes (indexed by the server: workflow name
      // and state only).
      if (meta?.encoding && !/markerRecordedEventAttributes\.details\.(data|patch-data)|searchAttributes/.test(path)) {
        encodings.add(Buffer.from(meta.encoding).toString());
      }
      if (o.failure && typeof o.failure === 'object') failureMessages.push(String((o.failure as { message?: string }).message));
      for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
    };
    for (const h of histories.values()) walk(h.events, 'events');
    expect([...encodings]).toEqual(['binary/encrypted']);
    // std.email's activity, std.fail's local-activity marker, the workflow itself
    expect(failureMessages.length).toBeGreaterThanOrEqual(3);
    expect(new Set(failureMessages)).toEqual(new Set(['Encoded failure']));
  });

  it('`temporal workflow show --output json` without a codec endpoint shows none of the secrets', () => {
    const cli = findTemporalCli();
    expect(cli, 'the Temporal CLI is installed by global setup').toBeDefined();
    for (const id of histories.keys()) {
      const r = spawnSync(cli!, ['workflow', 'show', '-w', id, '--address', inject('temporalAddress'), '--output', 'json'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
      expect({ id, found: findSecrets(r.stdout, all) }).toEqual({ id, found: [] });
    }
  });

  it('the codec server decodes the workflow input readably, with every secret as ***', async () => {
    const started = events(workflowId)[0].workflowExecutionStartedEventAttributes!;
    const decoded = (await decode(started.input!.payloads![0], 'http://localhost:8233')) as {
      definition: string;
      input: typeof input;
      params: { env: Record<string, unknown> };
    };
    expect(decoded.input).toEqual({
      username: 'ops',
      password: '***',
      email_info: { to_email: 'ops@example.com', from_email: 'mistral@example.com', smtp_server: 'localhost', smtp_password: '***' },
    });
    expect(decoded.params.env).toEqual({
      api_token: '***',
      __openstack: { auth_url: 'http://keystone.example.com:5000/v3', username: 'admin', password: '***', application_credential_secret: '***' },
    });
    expect(decoded.definition).toContain("smtp_password: '***'");
    expect(decoded.definition).toContain("smtp_server: '127.0.0.1:1'");
    expect(decoded.definition).toContain("api_key: '***'");
    expect(decoded.definition).toContain('<% $.email_info %>');
    expect(findSecrets(JSON.stringify(decoded), all)).toEqual([]);
  });

  it('the codec server shows action inputs and results with secrets as ***', async () => {
    const evs = events(workflowId);
    // std.echo/noop/fail run as local activities: only their results are recorded, in markers.
    const scheduled = evs.filter((e) => e.activityTaskScheduledEventAttributes);
    expect(scheduled.map((e) => e.activityTaskScheduledEventAttributes!.activityType!.name)).toEqual(['std.email']);
    const emailIn = (await decode(scheduled[0].activityTaskScheduledEventAttributes!.input!.payloads![0])) as {
      input: Record<string, unknown>;
      execution: Record<string, unknown>;
    };
    expect(emailIn.input).toMatchObject({ smtp_server: '127.0.0.1:1', smtp_password: '***', subject: 'Upgrade done', body: 'ops' });
    // The env (API token, cloud password) is not even sent to an action that does not read it (only nova/cinder
    // and std.mistral_http get the execution context; `usesExecution` in their signatures).
    expect(emailIn.execution).toEqual({ action_execution_id: expect.any(String) });
    const echoMarker = evs.find((e) => e.markerRecordedEventAttributes?.details?.result)!.markerRecordedEventAttributes!;
    expect(await decode(echoMarker.details!.result.payloads![0])).toEqual({
      email_info: { to_email: 'ops@example.com', from_email: 'mistral@example.com', smtp_server: 'localhost', smtp_password: '***' },
      api_key: '***',
      host: 'gateway.example.com',
    });
  });

  it('action failures name what failed without echoing the secret (worker scrubs, codec server decodes)', async () => {
    const evs = events(workflowId);
    const email = evs.find((e) => e.activityTaskFailedEventAttributes)!.activityTaskFailedEventAttributes!.failure!;
    const fail = evs.find((e) => e.markerRecordedEventAttributes?.failure)!.markerRecordedEventAttributes!.failure!;
    const emailAttrs = (await decode(email.encodedAttributes!)) as { message: string };
    const failAttrs = (await decode(fail.encodedAttributes!)) as { message: string };
    expect(emailAttrs.message).toMatch(/^Failed to send an email message: /);
    expect(failAttrs.message).toBe('sudo -S reboot <<< ***');
    const closed = evs.find((e) => e.workflowExecutionFailedEventAttributes)!.workflowExecutionFailedEventAttributes!.failure!;
    const closedAttrs = (await decode(closed.encodedAttributes!)) as { message: string };
    expect(closedAttrs.message).toContain('fail_loudly');
    expect(closedAttrs.message).toContain('sudo -S reboot <<< ***');
    expect(findSecrets(JSON.stringify([emailAttrs, failAttrs, closedAttrs]), all)).toEqual([]);
  });

  it('the subworkflow’s input and result are redacted the same way', async () => {
    const childId = [...histories.keys()][1];
    const evs = events(childId);
    const started = (await decode(evs[0].workflowExecutionStartedEventAttributes!.input!.payloads![0])) as {
      input: Record<string, unknown>;
    };
    expect(started.input).toEqual({
      email_info: { to_email: 'ops@example.com', from_email: 'mistral@example.com', smtp_server: 'localhost', smtp_password: '***' },
      token: '***',
    });
    const done = evs.find((e) => e.workflowExecutionCompletedEventAttributes)!.workflowExecutionCompletedEventAttributes!;
    expect(await decode(done.result!.payloads![0])).toEqual({ state: 'SUCCESS', output: { token: '***' } });
  });
});
