/**
 * Shared test plumbing: a simulator per test file, OpenStack actions wired to it through explicit env (never the
 * machine's), and helpers to run an action and to catch its ActionError.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionError, type ActionImpl } from '../../activities/types';
import { createOpenStackActions, type OpenStackActionsOptions } from '../../activities/openstack';
import type { OpenStackSimulator } from '../sim/openstack/server';

/** An empty directory, to use as cwd/home so no real clouds.yaml is found. */
export function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), 'os-test-'));
}

/** A directory holding the simulator's clouds.yaml (returns the directory). */
export function cloudsDir(sim: OpenStackSimulator, text = sim.cloudsYaml()): string {
  const dir = emptyDir();
  writeFileSync(join(dir, 'clouds.yaml'), text);
  return dir;
}

/** A small runner over a set of actions. */
export interface Runner {
  actions: ActionImpl[];
  run(name: string, input?: Record<string, unknown>, execution?: Record<string, unknown>): Promise<any>;
  /** Runs and returns the ActionError it must throw. */
  fail(name: string, input?: Record<string, unknown>, execution?: Record<string, unknown>): Promise<ActionError>;
}

/** Actions configured by `options` (env defaults to the simulator's demo user; cwd/home are empty dirs). */
export function runner(sim: OpenStackSimulator, options: OpenStackActionsOptions = {}): Runner {
  const home = emptyDir();
  const actions = createOpenStackActions({ env: sim.env('demo'), cwd: home, home, systemDir: home, ...options });
  const byName = (name: string) => {
    const a = actions.find((x) => x.signature.name === name);
    if (!a) throw new Error(`no action ${name}`);
    return a;
  };
  const ctx = (execution: Record<string, unknown>) => ({ execution, heartbeat() {}, signal: new AbortController().signal });
  return {
    actions,
    run: (name, input = {}, execution = {}) => byName(name).run(input, ctx(execution)),
    async fail(name, input = {}, execution = {}) {
      try {
        await byName(name).run(input, ctx(execution));
      } catch (e) {
        if (e instanceof ActionError) return e;
        throw e;
      }
      throw new Error(`${name} did not fail`);
    },
  };
}

/** Polls `check` until it returns true (or throws after `ms`). */
export async function eventually(check: () => Promise<boolean>, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Sleeps `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
