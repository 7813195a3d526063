/**
 * Environment-driven configuration of workers and clients: what each variable turns into, and the one-line errors an
 * operator sees for a wrong setting (never a stack trace).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient } from '../../workers/connect';
import { ConfigError, connectionOptions, describeConnection, readConfig } from '../../workers/config';

const dir = mkdtempSync(join(tmpdir(), 'tramontane-tls-'));
const file = (name: string, text: string): string => (writeFileSync(join(dir, name), text), join(dir, name));
const cert = file('client.pem', '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n');
const key = file('client.key', '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n');
const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n');
const text = (b: Uint8Array | undefined): string => Buffer.from(b ?? []).toString('utf8');

describe('readConfig', () => {
  it('defaults to a local dev server, plain TCP, 30 s shutdown grace', () => {
    const cfg = readConfig({});
    expect(cfg).toEqual({ address: 'localhost:7233', namespace: 'default', taskQueue: 'tramontane', shutdownGraceMs: 30_000 });
    expect(connectionOptions(cfg)).toEqual({ address: 'localhost:7233' });
    expect(describeConnection(cfg)).toBe('localhost:7233 namespace=default task-queue=tramontane tls=off');
  });

  it('reads address, namespace, task queue and shutdown grace', () => {
    const cfg = readConfig({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'ops',
      TRAMONTANE_TASK_QUEUE: 'upgrades',
      TRAMONTANE_SHUTDOWN_GRACE: '2m',
    });
    expect(cfg).toMatchObject({ address: 'temporal:7233', namespace: 'ops', taskQueue: 'upgrades', shutdownGraceMs: 120_000 });
    expect(readConfig({ TRAMONTANE_SHUTDOWN_GRACE: '45' }).shutdownGraceMs).toBe(45_000);
    expect(readConfig({ TRAMONTANE_SHUTDOWN_GRACE: '500ms' }).shutdownGraceMs).toBe(500);
  });

  it('mTLS: reads the client certificate, key and CA, and the server name, into the connection options', () => {
    const cfg = readConfig({
      TEMPORAL_ADDRESS: 'temporal.example.net:7233',
      TEMPORAL_TLS_CERT: cert,
      TEMPORAL_TLS_KEY: key,
      TEMPORAL_TLS_CA: ca,
      TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend',
    });
    const opts = connectionOptions(cfg);
    expect(opts.address).toBe('temporal.example.net:7233');
    expect(text(opts.tls?.clientCertPair?.crt)).toContain('client');
    expect(text(opts.tls?.clientCertPair?.key)).toContain('PRIVATE KEY');
    expect(text(opts.tls?.serverRootCACertificate)).toContain('ca');
    expect(opts.tls?.serverNameOverride).toBe('temporal-frontend');
    expect(opts.apiKey).toBeUndefined();
    expect(describeConnection(cfg)).toBe('temporal.example.net:7233 namespace=default task-queue=tramontane tls=mtls server-name=temporal-frontend');
  });

  it('server-only TLS with TEMPORAL_TLS=true, optionally with a private CA', () => {
    expect(connectionOptions(readConfig({ TEMPORAL_TLS: 'true' }))).toEqual({ address: 'localhost:7233', tls: {} });
    const withCa = connectionOptions(readConfig({ TEMPORAL_TLS_CA: ca }));
    expect(Object.keys(withCa.tls ?? {})).toEqual(['serverRootCACertificate']);
  });

  it('an API key turns TLS on (Temporal Cloud) and is never printed', () => {
    const cfg = readConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'sekrit-key' });
    expect(connectionOptions(cfg)).toEqual({ address: 'ns.acct.tmprl.cloud:7233', apiKey: 'sekrit-key', tls: {} });
    expect(describeConnection(cfg)).not.toContain('sekrit');
    expect(describeConnection(cfg)).toContain('api-key=set');
    // A proxy that terminates TLS: the key without TLS, when asked for explicitly.
    expect(connectionOptions(readConfig({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }))).toEqual({ address: 'localhost:7233', apiKey: 'k' });
  });

  it('refuses inconsistent settings with the variable to fix', () => {
    expect(() => readConfig({ TEMPORAL_TLS_CERT: cert })).toThrow(
      'TEMPORAL_TLS_CERT is set but TEMPORAL_TLS_KEY is not: mTLS needs both the client certificate and its key',
    );
    expect(() => readConfig({ TEMPORAL_TLS_KEY: key })).toThrow('TEMPORAL_TLS_KEY is set but TEMPORAL_TLS_CERT is not');
    expect(() => readConfig({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: ca })).toThrow('TEMPORAL_TLS=false contradicts TEMPORAL_TLS_CA');
    expect(() => readConfig({ TEMPORAL_TLS: 'maybe' })).toThrow('TEMPORAL_TLS=maybe is not a boolean (use true or false)');
    expect(() => readConfig({ TRAMONTANE_SHUTDOWN_GRACE: 'soon' })).toThrow(
      'TRAMONTANE_SHUTDOWN_GRACE=soon is not a duration (examples: 30s, 2m, 500ms)',
    );
  });

  it('a missing certificate file is a clear ConfigError naming the variable and the path', () => {
    const cfg = readConfig({ TEMPORAL_TLS_CERT: join(dir, 'nope.pem'), TEMPORAL_TLS_KEY: key });
    let err: unknown;
    try {
      connectionOptions(cfg);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(`TEMPORAL_TLS_CERT: cannot read ${join(dir, 'nope.pem')} (no such file)`);
  });

  it('connectClient reports the missing CA file before trying to connect', async () => {
    const cfg = readConfig({ TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_TLS_CA: '/nonexistent/ca.pem' });
    await expect(connectClient(cfg)).rejects.toThrow('TEMPORAL_TLS_CA: cannot read /nonexistent/ca.pem (no such file)');
  });
});
