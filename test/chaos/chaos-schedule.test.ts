import { describe, it, expect } from 'vitest';
import { chaosSchedule, type ChaosPlan } from './chaos-schedule';
import { seededRandom } from './seeded-random';
import { fullCrashConfig, quickCrashConfig } from './crash-config';
import { activityOptions } from '../../interpreter/run-action';
import type { RunActionCommand } from '../../interpreter/engine/types';

const plan: ChaosPlan = { upgradeKills: 4, checkKills: 8, serverRestarts: ['SIGTERM', 'SIGKILL'], gapMs: [0, 3000], downMs: [1000, 4000] };

describe('chaosSchedule', () => {
  it('is the same for the same seed and differs for another seed', () => {
    expect(chaosSchedule(seededRandom(7), plan)).toEqual(chaosSchedule(seededRandom(7), plan));
    expect(chaosSchedule(seededRandom(7), plan)).not.toEqual(chaosSchedule(seededRandom(8), plan));
  });

  it('has every planned disruption, upgrade kills before check kills, and never starts with a server restart', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const events = chaosSchedule(seededRandom(seed), plan);
      const kills = events.filter((e) => e.kind === 'kill-worker');
      expect(kills.map((e) => e.phase)).toEqual([...Array(4).fill('upgrade'), ...Array(8).fill('check')]);
      const signals = events.flatMap((e) => (e.kind === 'restart-server' ? [e.signal] : []));
      expect(signals.sort()).toEqual(['SIGKILL', 'SIGTERM']);
      expect(events[0].kind).toBe('kill-worker');
      for (const e of events) {
        expect(e.afterMs).toBeGreaterThanOrEqual(0);
        expect(e.afterMs).toBeLessThanOrEqual(3000);
      }
    }
  });

  it('the full configuration meets the issue: >= 50 hosts, >= 10 worker kills, SIGTERM and SIGKILL server restarts', () => {
    const full = fullCrashConfig();
    expect(full.hosts).toBeGreaterThanOrEqual(50);
    expect(full.plan.upgradeKills + full.plan.checkKills).toBeGreaterThanOrEqual(10);
    expect(full.plan.serverRestarts).toEqual(['SIGTERM', 'SIGKILL']);
    const quick = quickCrashConfig();
    expect(quick.plan.upgradeKills).toBeGreaterThan(0);
    expect(quick.plan.checkKills).toBeGreaterThan(0);
  });
});

describe('crash configurations', () => {
  // A check item is hit at most once per disruption of the check phase; it must keep one attempt to succeed.
  it('plan fewer disruptions of the check than Temporal gives a safe-rerun action attempts', () => {
    const cmd = { kind: 'run_action', key: 'k', action: 'std.ssh_proxied', safeRerun: true, summary: '' } as RunActionCommand;
    const attempts = activityOptions(cmd).retry!.maximumAttempts!;
    expect(attempts).toBe(10);
    for (const cfg of [fullCrashConfig(), quickCrashConfig()]) {
      const schedule = chaosSchedule(seededRandom(cfg.seed), cfg.plan); // what runCrashRun draws first
      expect(schedule.filter((e) => e.phase === 'check').length).toBeLessThan(attempts);
    }
  });
});

describe('seededRandom', () => {
  it('gives reproducible floats in [0, 1) and integers within bounds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const r = seededRandom(3);
    const ints = new Set(Array.from({ length: 500 }, () => r.int(1, 4)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4]);
  });
});
