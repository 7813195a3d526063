/**
 * The payload codec and its key: where the key comes from (env, then the key file, created once), what an encrypted
 * payload looks like, the errors a mis-keyed process reports, and how failures and log lines lose secret values.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, ApplicationFailure } from '@temporalio/common';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { EncryptionCodec } from '../../workers/codec';
import { codecKeyId, generateCodecKey, loadCodecKeys } from '../../workers/codec-key';
import { readCodecConfig } from '../../workers/config';
import { dataConverter } from '../../workers/data-converter';
import { forgetSecrets, rememberSecrets, scrubSecrets } from '../../workers/secret-values';
import { redactLogger } from '../../workers/redacting-logger';
import { makeSecret } from './support';

const dir = (): string => mkdtempSync(join(tmpdir(), 'tramontane-codec-'));
const text = (b: Uint8Array | undefined): string => Buffer.from(b ?? []).toString();

afterEach(() => forgetSecrets());

describe('codec key', () => {
  it('the test run has its own key from global setup, so tests never touch .state/codec.key', () => {
    expect(process.env.TRAMONTANE_CODEC_KEY).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(loadCodecKeys().source).toBe('TRAMONTANE_CODEC_KEY');
  });

  it('TRAMONTANE_CODEC_KEY wins over the key file', () => {
    const file = join(dir(), 'codec.key');
    writeFileSync(file, generateCodecKey());
    const key = generateCodecKey();
    const ring = loadCodecKeys(readCodecConfig({ TRAMONTANE_CODEC_KEY: key, TRAMONTANE_CODEC_KEY_FILE: file }));
    expect(ring.current.id).toBe(codecKeyId(Buffer.from(key, 'base64')));
    expect(ring.source).toBe('TRAMONTANE_CODEC_KEY');
  });

  it('without the variable, the key file is created once (0600) and then read by every process', () => {
    const file = join(dir(), 'sub', 'codec.key');
    const env = { TRAMONTANE_CODEC_KEY_FILE: file };
    const first = loadCodecKeys(readCodecConfig(env));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.source).toBe(file);
    const second = loadCodecKeys(readCodecConfig(env));
    expect(second.current.id).toBe(first.current.id);
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(44);
  });

  it('refuses a malformed key with the setting to fix', () => {
    expect(() => loadCodecKeys(readCodecConfig({ TRAMONTANE_CODEC_KEY: 'c2hvcnQ=' }))).toThrow(
      'TRAMONTANE_CODEC_KEY must be 32 bytes in base64 (44 characters, e.g. from `openssl rand -base64 32`), got 5 bytes',
    );
    const file = join(dir(), 'codec.key');
    writeFileSync(file, 'not a key\n');
    expect(() => loadCodecKeys(readCodecConfig({ TRAMONTANE_CODEC_KEY_FILE: file }))).toThrow(`the codec key file ${file} must be 32 bytes`);
  });
});

describe('EncryptionCodec', () => {
  const ring = loadCodecKeys(readCodecConfig({ TRAMONTANE_CODEC_KEY: generateCodecKey() }));
  const codec = new EncryptionCodec(ring, { rememberSecrets: false });

  it('encrypts a payload into binary/encrypted with the key id, and decrypts it back exactly', async () => {
    const secret = makeSecret('pw');
    const payload = defaultPayloadConverter.toPayload({ password: secret, host: 'h1' });
    const [enc] = await codec.encode([payload]);
    expect(text(enc.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(enc.metadata!['encryption-key-id'])).toBe(ring.current.id);
    expect(Buffer.from(enc.data!).toString('latin1')).not.toContain(secret);
    expect(Buffer.from(enc.data!).toString('latin1')).not.toContain('json/plain');
    const [dec] = await codec.decode([enc]);
    expect(defaultPayloadConverter.fromPayload(dec)).toEqual({ password: secret, host: 'h1' });
    expect(text(dec.metadata!.encoding)).toBe('json/plain');
  });

  it('passes payloads that are not encrypted through (old history, CLI input)', async () => {
    const plain = defaultPayloadConverter.toPayload({ a: 1 });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('tells a process with another key which key it lacks, and decrypts with a previous key after rotation', async () => {
    const old = generateCodecKey();
    const oldCodec = new EncryptionCodec(loadCodecKeys(readCodecConfig({ TRAMONTANE_CODEC_KEY: old })));
    const [enc] = await oldCodec.encode([defaultPayloadConverter.toPayload('x')]);
    await expect(codec.decode([enc])).rejects.toThrow(
      `payload encrypted with codec key ${codecKeyId(Buffer.from(old, 'base64'))}, which this process does not have (it has ${ring.current.id}): ` +
        'give every worker and client the same TRAMONTANE_CODEC_KEY, or list the old key in TRAMONTANE_CODEC_PREVIOUS_KEYS',
    );
    const rotated = new EncryptionCodec(
      loadCodecKeys(readCodecConfig({ TRAMONTANE_CODEC_KEY: generateCodecKey(), TRAMONTANE_CODEC_PREVIOUS_KEYS: old })),
    );
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([enc]))[0])).toBe('x');
  });

  it('rejects a tampered payload', async () => {
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload('data')]);
    enc.data![20] ^= 1;
    await expect(codec.decode([enc])).rejects.toThrow(`encrypted payload failed authentication with codec key ${ring.current.id}`);
  });
});

describe('failures and logs lose the secret values the codec has seen', () => {
  it('the shared failure converter moves messages into the encrypted payload and scrubs known secrets', async () => {
    const loaded = loadDataConverter(dataConverter());
    const secret = makeSecret('sudo');
    await loaded.payloadCodecs[0].encode([defaultPayloadConverter.toPayload({ input: { password: secret } })]);
    const err = ApplicationFailure.create({
      message: `Failed to execute ssh cmd 'echo ${secret} | sudo -S reboot'`,
      type: 'ActionError',
      nonRetryable: true,
      details: [{ stderr: `bad password ${secret}`, exit: 1 }],
    });
    const failure = loaded.failureConverter.errorToFailure(err, loaded.payloadConverter);
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    const attrs = loaded.payloadConverter.fromPayload(failure.encodedAttributes!) as { message: string; stack_trace: string };
    expect(attrs.message).toBe("Failed to execute ssh cmd 'echo *** | sudo -S reboot'");
    expect(attrs.stack_trace).not.toContain(secret);
    const details = failure.applicationFailureInfo!.details!.payloads!.map((p) => loaded.payloadConverter.fromPayload(p));
    expect(details).toEqual([{ stderr: 'bad password ***', exit: 1 }]);
  });

  it('the codec remembers secrets under any secret-looking key (hyphenated, escaped), and ordinary payloads add none', async () => {
    const codec = new EncryptionCodec(loadCodecKeys());
    const [a, b, c, d] = ['api', 'access', 'escaped', 'userdata'].map((k) => makeSecret(k));
    const escaped = Buffer.from(`{"\\u0070assword": "${c}"}`); // JSON that names the key with an escape
    await codec.encode([
      defaultPayloadConverter.toPayload({ headers: { 'X-API-Key': a }, 'access-key': b, 'user-data': d }),
      { metadata: { encoding: Buffer.from('json/plain') }, data: new Uint8Array(escaped) },
      defaultPayloadConverter.toPayload({ input: { message: 'plain-value-123' }, execution: { action_execution_id: 'x1' } }),
    ]);
    expect(scrubSecrets(`${a} ${b} ${c} ${d} plain-value-123`)).toBe('*** *** *** *** plain-value-123');
  });

  it('scrubSecrets replaces remembered values and key/value patterns, ignoring values too short to be safe', () => {
    const secret = makeSecret('env');
    rememberSecrets({ env: { __openstack: { password: secret } }, definition: "smtp_password: 'DEF-SECRET'", pin: { token: 'abc' } });
    expect(scrubSecrets(`login ${secret} failed; mail DEF-SECRET; abc stays`)).toBe('login *** failed; mail ***; abc stays');
    expect(scrubSecrets('retry with password=hunter2')).toBe('retry with password=***');
  });

  it('the worker logger writes "Activity failed" without the secret, keeping everything else', () => {
    const secret = makeSecret('log');
    rememberSecrets({ smtp_password: secret });
    const lines: string[] = [];
    const sink = { log: (level: string, message: string, meta?: Record<string, unknown>) => lines.push(`${level} ${message} ${JSON.stringify(meta, (_k, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v))}`) };
    const logger = redactLogger({ ...sink, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never);
    logger.warn('Activity failed', { activityType: 'std.email', error: new Error(`535 auth failed for ${secret}`), input: { password: 'x1y2' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).toContain('WARN Activity failed');
    expect(lines[0]).toContain('"activityType":"std.email"');
    expect(lines[0]).toContain('535 auth failed for ***');
    expect(lines[0]).toContain('"password":"***"');
  });
});
