/**
 * A fake EngineHost for rehearsals: signatures of the std actions the oracle can run (std.echo, noop, fail, sleep,
 * test_dict) plus a few fake ones (`fake.*`), a deterministic clock and deterministic UUIDs.
 */
import type { ActionSignature } from '../../../activities/types';
import type { EngineHost } from '../../../interpreter/engine';

const SIGNATURES: ActionSignature[] = [
  { name: 'std.echo', className: 'mistral.actions.std_actions.EchoAction', params: [{ name: 'output', required: true }, { name: 'delay', required: false, default: 0 }] },
  { name: 'std.noop', className: 'mistral.actions.std_actions.NoOpAction', params: [] },
  { name: 'std.fail', className: 'mistral.actions.std_actions.FailAction', params: [{ name: 'error_data', required: false, default: null }] },
  { name: 'std.sleep', className: 'mistral.actions.std_actions.SleepAction', params: [{ name: 'seconds', required: false, default: 1 }] },
  {
    name: 'std.test_dict',
    className: 'mistral.actions.std_actions.TestDictAction',
    params: [{ name: 'size', required: false, default: 0 }, { name: 'key_prefix', required: false, default: '' }, { name: 'val', required: false, default: '' }],
  },
  {
    name: 'fake.deploy',
    className: 'fake.DeployAction',
    params: [{ name: 'host', required: true }, { name: 'password', required: false, default: null }],
    secretParams: ['password'],
  },
  { name: 'fake.anything', className: 'fake.AnythingAction', params: [], acceptsKwargs: true },
];

/** A host whose clock is `clock.now` seconds after 2024-01-01T00:00:00Z. */
export function fakeHost(clock: { now: number } = { now: 0 }): EngineHost {
  let n = 0;
  return {
    action: (name) => SIGNATURES.find((s) => s.name === name),
    now: () => new Date(Date.UTC(2024, 0, 1) + clock.now * 1000).toISOString(),
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
}
