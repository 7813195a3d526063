import { describe, it, expect } from 'vitest';
import { applyActionDefaults, checkActionInput } from '../../activities/input';
import { signatures as core } from '../../activities/std/signatures';
import { signatures as http } from '../../activities/http/signatures';
import { signatures as email } from '../../activities/email/signatures';
import { signatures as ssh } from '../../activities/ssh/signatures';

const stdSignatures = [...core, ...http, ...email, ...ssh];
const findStdSignature = (name: string) => stdSignatures.find((s) => s.name === name);

const sig = (name: string) => {
  const s = findStdSignature(name);
  if (!s) throw new Error(`no signature ${name}`);
  return s;
};

// Every expected message below was produced by the Mistral 15.0.0 oracle for a task `action: <name>` with that input.
describe('checkActionInput (messages checked against the Mistral 15.0.0 oracle)', () => {
  it('reports missing and unexpected parameters for std.echo', () => {
    expect(checkActionInput(sig('std.echo'), { wrong: 1 })).toBe(
      "Invalid input [name=std.echo, class=mistral.actions.std_actions.EchoAction, missing=['output'], unexpected=['wrong']]",
    );
  });

  it('lists unexpected keys in input order', () => {
    expect(checkActionInput(sig('std.echo'), { wrong: 1, zz: 2, aa: 3 })).toBe(
      "Invalid input [name=std.echo, class=mistral.actions.std_actions.EchoAction, missing=['output'], unexpected=['wrong', 'zz', 'aa']]",
    );
  });

  it('leaves out the missing part when nothing is missing', () => {
    expect(checkActionInput(sig('std.noop'), { x: 1 })).toBe(
      "Invalid input [name=std.noop, class=mistral.actions.std_actions.NoOpAction, unexpected=['x']]",
    );
  });

  it('leaves out the unexpected part when nothing is unexpected', () => {
    expect(checkActionInput(sig('std.ssh'), { cmd: 'ls' })).toBe(
      "Invalid input [name=std.ssh, class=mistral.actions.std_actions.SSHAction, missing=['host', 'username']]",
    );
  });

  it.each([
    ['std.fail', "Invalid input [name=std.fail, class=mistral.actions.std_actions.FailAction, unexpected=['x']]"],
    ['std.sleep', "Invalid input [name=std.sleep, class=mistral.actions.std_actions.SleepAction, unexpected=['x']]"],
    ['std.test_dict', "Invalid input [name=std.test_dict, class=mistral.actions.std_actions.TestDictAction, unexpected=['x']]"],
    ['std.async_noop', "Invalid input [name=std.async_noop, class=mistral.actions.std_actions.AsyncNoOpAction, unexpected=['x']]"],
    ['std.http', "Invalid input [name=std.http, class=mistral.actions.std_actions.HTTPAction, missing=['url'], unexpected=['x']]"],
    [
      'std.mistral_http',
      "Invalid input [name=std.mistral_http, class=mistral.actions.std_actions.MistralHTTPAction, missing=['url'], unexpected=['x']]",
    ],
    [
      'std.email',
      "Invalid input [name=std.email, class=mistral.actions.std_actions.SendEmailAction, missing=['from_addr', 'to_addrs', 'smtp_server'], unexpected=['x']]",
    ],
    [
      'std.ssh',
      "Invalid input [name=std.ssh, class=mistral.actions.std_actions.SSHAction, missing=['cmd', 'host', 'username'], unexpected=['x']]",
    ],
    [
      'std.ssh_proxied',
      "Invalid input [name=std.ssh_proxied, class=mistral.actions.std_actions.SSHProxiedAction, missing=['cmd', 'host', 'username', 'private_key_filename', 'gateway_host'], unexpected=['x']]",
    ],
  ])('%s with {x: 1}', (name, message) => {
    expect(checkActionInput(sig(name), { x: 1 })).toBe(message);
  });

  it('accepts a complete input, null values included', () => {
    expect(checkActionInput(sig('std.echo'), { output: null, delay: 1 })).toBeNull();
    expect(checkActionInput(sig('std.noop'), {})).toBeNull();
  });

  it('quotes a key holding a single quote the way Python repr does', () => {
    expect(checkActionInput(sig('std.noop'), { "it's": 1 })).toBe(
      `Invalid input [name=std.noop, class=mistral.actions.std_actions.NoOpAction, unexpected=["it's"]]`,
    );
  });

  it('accepts any extra key for **kwargs signatures', () => {
    expect(
      checkActionInput({ name: 'x.y', className: 'X', params: [{ name: 'a', required: true }], acceptsKwargs: true }, { a: 1, b: 2 }),
    ).toBeNull();
  });
});

describe('applyActionDefaults', () => {
  it('fills Mistral defaults for absent parameters, keeping given values', () => {
    expect(applyActionDefaults(sig('std.echo'), { output: 'x' })).toEqual({ output: 'x', delay: 0 });
    expect(applyActionDefaults(sig('std.test_dict'), { size: 2 })).toEqual({ size: 2, key_prefix: '', val: '' });
    expect(applyActionDefaults(sig('std.http'), { url: 'http://h/' })).toMatchObject({ url: 'http://h/', method: 'GET', body: null, timeout: null });
    expect(applyActionDefaults(sig('std.ssh'), { cmd: 'ls', host: 'h', username: 'u' })).toMatchObject({
      password: '',
      return_result_on_error: false,
    });
  });

  it('keeps an explicit null (it is a given value, not an absent one)', () => {
    expect(applyActionDefaults(sig('std.sleep'), { seconds: null })).toEqual({ seconds: null });
  });
});

describe('std signature catalog', () => {
  it('has one signature per std action name', () => {
    const names = stdSignatures.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['std.echo', 'std.noop', 'std.fail', 'std.sleep', 'std.test_dict', 'std.http', 'std.email', 'std.ssh', 'std.ssh_proxied']),
    );
  });
});
