/**
 * Signatures of the simple std actions (std.echo, std.noop, std.async_noop, std.fail, std.sleep, std.test_dict):
 * parameter names, defaults and Python class names exactly as Mistral's `mistral.actions.std_actions` constructors
 * (class names checked against the Mistral 15.0.0 oracle). Pure data: imported inside the workflow sandbox.
 */
import type { ActionSignature } from '../types';

const CLS = 'mistral.actions.std_actions.';

export const echoSignature: ActionSignature = {
  name: 'std.echo',
  className: CLS + 'EchoAction',
  pure: true,
  params: [
    { name: 'output', required: true },
    { name: 'delay', required: false, default: 0 },
  ],
  description: 'Returns `output` unchanged after sleeping `delay` seconds.',
};

export const noopSignature: ActionSignature = {
  name: 'std.noop',
  className: CLS + 'NoOpAction',
  pure: true,
  params: [],
  description: 'Does nothing; returns null.',
};

export const asyncNoopSignature: ActionSignature = {
  name: 'std.async_noop',
  className: CLS + 'AsyncNoOpAction',
  params: [],
  description: 'Asynchronous no-op that waits for an external completion (not supported by Tramontane).',
};

export const failSignature: ActionSignature = {
  name: 'std.fail',
  className: CLS + 'FailAction',
  pure: true,
  params: [{ name: 'error_data', required: false, default: null }],
  description: 'Always fails, with `error_data` as the error when given.',
};

export const sleepSignature: ActionSignature = {
  name: 'std.sleep',
  className: CLS + 'SleepAction',
  params: [{ name: 'seconds', required: false, default: 1 }],
  description: 'Sleeps int(seconds) seconds; returns null.',
};

export const testDictSignature: ActionSignature = {
  name: 'std.test_dict',
  className: CLS + 'TestDictAction',
  pure: true,
  params: [
    { name: 'size', required: false, default: 0 },
    { name: 'key_prefix', required: false, default: '' },
    { name: 'val', required: false, default: '' },
  ],
  description: 'Returns {key_prefix+"0": val, ...} with `size` entries.',
};

export const signatures: ActionSignature[] = [
  echoSignature,
  noopSignature,
  asyncNoopSignature,
  failSignature,
  sleepSignature,
  testDictSignature,
];
