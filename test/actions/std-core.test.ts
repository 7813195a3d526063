import { describe, it, expect } from 'vitest';
import { echoAction } from '../../activities/std/echo';
import { noopAction, asyncNoopAction } from '../../activities/std/noop';
import { failAction } from '../../activities/std/fail';
import { sleepAction } from '../../activities/std/sleep';
import { testDictAction } from '../../activities/std/test-dict';
import { actions } from '../../activities/std/index';
import { WAIT_SSH_ACTION_YAML } from '../../activities/std/wait_ssh';
import { ActionError } from '../../activities/types';
import { errorOf, testContext } from './context';
import YAML from 'yaml';

// Expectations marked "oracle" were checked against Mistral 15.0.0 (shared/tools/mistral-oracle).
describe('std.echo', () => {
  it('returns output unchanged (oracle: nested list with null)', async () => {
    const { ctx } = testContext();
    expect(await echoAction.run({ output: [1, { a: null }], delay: -3 }, ctx)).toEqual([1, { a: null }]);
    expect(await echoAction.run({ output: null }, ctx)).toBeNull();
  });

  it('waits `delay` seconds, a numeric string included', async () => {
    const { ctx } = testContext();
    const t0 = performance.now();
    expect(await echoAction.run({ output: 'x', delay: '0.3' }, ctx)).toBe('x');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('treats a non-numeric delay as 0 (oracle: delay "abc" succeeds)', async () => {
    const { ctx } = testContext();
    const t0 = performance.now();
    expect(await echoAction.run({ output: 'x', delay: 'abc' }, ctx)).toBe('x');
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('refuses delay null as an instantiation error (oracle: "Failed to instantiate an action")', async () => {
    const { ctx } = testContext();
    const e = await errorOf(echoAction.run({ output: 'x', delay: null }, ctx));
    expect(e).toBeInstanceOf(ActionError);
    expect(e.message).toBe(
      "Failed to instantiate an action [name=std.echo, error=float() argument must be a string or a real number, not 'NoneType']",
    );
  });

  it('stops waiting at once when cancelled', async () => {
    const { ctx, abort } = testContext();
    const t0 = performance.now();
    const p = echoAction.run({ output: 'x', delay: 30 }, ctx);
    setTimeout(() => abort(new Error('cancelled by test')), 50);
    const e = await errorOf(p);
    expect(e.message).toBe('cancelled by test');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('std.noop / std.async_noop', () => {
  it('std.noop returns null', async () => {
    expect(await noopAction.run({}, testContext().ctx)).toBeNull();
  });

  it('std.async_noop is refused with a clear error', async () => {
    const e = await errorOf(asyncNoopAction.run({}, testContext().ctx));
    expect(e).toBeInstanceOf(ActionError);
    expect(e.message).toMatch(/^std\.async_noop is not supported/);
  });
});

describe('std.fail', () => {
  it('fails with the default message without error_data (oracle)', async () => {
    const e = await errorOf(failAction.run({}, testContext().ctx));
    expect(e).toBeInstanceOf(ActionError);
    expect(e.data).toBe('Fail action expected exception.');
    // Mistral raises here: the task sees "The action raised an exception [action=Fail action, ...]".
    expect((e as ActionError).raised).toBe('Fail action');
  });

  it.each([0, '', null, false, {}, []])('falsy error_data %j gives the default message (oracle for 0, "" and null)', async (v) => {
    const e = await errorOf(failAction.run({ error_data: v }, testContext().ctx));
    expect(e.data).toBe('Fail action expected exception.');
  });

  it('fails with error_data as the error data, dicts included (oracle)', async () => {
    expect((await errorOf(failAction.run({ error_data: 'boom' }, testContext().ctx))).data).toBe('boom');
    expect((await errorOf(failAction.run({ error_data: { a: 1 } }, testContext().ctx))).data).toEqual({ a: 1 });
  });
});

describe('std.sleep', () => {
  it('sleeps int(seconds): 0.7 and "0.5" sleep 0 s (oracle: both succeed)', async () => {
    const { ctx } = testContext();
    const t0 = performance.now();
    expect(await sleepAction.run({ seconds: 0.7 }, ctx)).toBeNull();
    expect(await sleepAction.run({ seconds: '0.5' }, ctx)).toBeNull();
    expect(await sleepAction.run({ seconds: -4 }, ctx)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('sleeps 1 s by default', async () => {
    const t0 = performance.now();
    await sleepAction.run({}, testContext().ctx);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
  });

  it('refuses seconds null (oracle: instantiation error)', async () => {
    const e = await errorOf(sleepAction.run({ seconds: null }, testContext().ctx));
    expect(e.message).toMatch(/^Failed to instantiate an action \[name=std\.sleep, error=int\(\) argument must be/);
  });

  it('stops at once when cancelled', async () => {
    const { ctx, abort } = testContext();
    const p = sleepAction.run({ seconds: 60 }, ctx);
    setTimeout(() => abort(new Error('cancelled')), 100);
    expect((await errorOf(p)).message).toBe('cancelled');
  });
});

describe('std.test_dict', () => {
  it('builds size entries keyed by key_prefix + index (oracle)', async () => {
    expect(await testDictAction.run({ size: 3, key_prefix: 'k', val: { v: 1 } }, testContext().ctx)).toEqual({
      k0: { v: 1 },
      k1: { v: 1 },
      k2: { v: 1 },
    });
  });

  it('is empty by default', async () => {
    expect(await testDictAction.run({}, testContext().ctx)).toEqual({});
  });

  it("refuses a string size with Python's message (oracle)", async () => {
    const e = await errorOf(testDictAction.run({ size: '2' }, testContext().ctx));
    expect(e.message).toBe("'str' object cannot be interpreted as an integer");
  });
});

describe('std provider', () => {
  it('exports one implementation per core signature', () => {
    expect(actions.map((a) => a.signature.name)).toEqual([
      'std.echo',
      'std.noop',
      'std.async_noop',
      'std.fail',
      'std.sleep',
      'std.test_dict',
    ]);
  });

  it('std.wait_ssh is the ad-hoc action Mistral ships (base std.ssh, cmd ls -l)', () => {
    const doc = YAML.parse(WAIT_SSH_ACTION_YAML);
    expect(doc['std.wait_ssh']).toEqual({
      description: 'Simple SSH command.',
      base: 'std.ssh',
      'base-input': { host: '<% $.host %>', username: '<% $.username %>', password: '<% $.password %>', cmd: 'ls -l' },
      input: ['host', 'username', 'password'],
    });
  });
});
