/**
 * Rehearsal files (`test/engine/rehearsals/*.yaml`): a workflow text, its input/env/params, mocked action results,
 * operator steps, and the expected outcome (final state, state_info, output, task sequence). `checked: oracle`
 * marks expectations taken from the real Mistral 15.0.0 (`oracle-expect.ts` prints them).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Mocks, OperatorStep } from './driver';

export interface ExpectedTask {
  name: string;
  state?: string;
  state_info?: string | null;
  published?: unknown;
  result?: unknown;
  action_executions?: number;
  retry_no?: number | null;
}

export interface Rehearsal {
  file: string;
  id: string;
  description?: string;
  checked?: 'oracle' | 'reasoned';
  yaml: string;
  workflow?: string;
  input?: Record<string, unknown>;
  env?: Record<string, unknown>;
  params?: Record<string, unknown>;
  mocks?: Mocks;
  operator?: OperatorStep[];
  expect: {
    error?: string;
    state?: string;
    state_info?: string | null;
    output?: unknown;
    tasks?: ExpectedTask[];
  };
}

export const REHEARSAL_DIR = join(import.meta.dirname, '..', 'rehearsals');

/** Loads every rehearsal file (sorted by name). */
export function loadRehearsals(dir = REHEARSAL_DIR): Rehearsal[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ file: f, ...(parse(readFileSync(join(dir, f), 'utf8')) as Omit<Rehearsal, 'file'>) }));
}

/** Our ids (`wfex-t3/0/1`, child `...#child-t1`) and object addresses shown as the oracle normalizes them. */
export function normalizeIds<T>(v: T): T {
  if (typeof v === 'string') return v.replace(/wfex[\w\-/#]*/g, '<uuid>').replace(/ object at 0x[0-9a-f]+/g, ' object at <addr>') as T;
  if (Array.isArray(v)) return v.map(normalizeIds) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalizeIds(x)])) as T;
  return v;
}
