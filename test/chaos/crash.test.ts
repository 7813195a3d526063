import { describe, it, expect } from 'vitest';
import { inject } from 'vitest';
import { quickCrashConfig } from './crash-config';
import { formatCrashReport } from './crash-report';
import { runCrashRun } from './crash-run';

// The quick crash test: 20 real sshd hosts behind a gateway, the worker a separate process SIGKILLed 6 times (2
// during the safe-rerun: false upgrade, 4 during the safe-rerun: true check) and the Temporal dev server stopped with
// SIGTERM and restarted on its SQLite file once. The full one (50 hosts, 12 kills, SIGTERM + SIGKILL server
// restarts) is `npx tsx test/chaos/crash.ts`. Expected final states follow the Mistral 15.0.0 oracle: an ERROR task
// with only `on-complete` still fails the execution, after its on-complete tasks ran.
describe('crash test: kernel upgrade with SIGKILLed workers and a restarted server', () => {
  it('finishes, never repeats an upgrade, checks every host, and its task list matches the hosts', { timeout: 280_000 }, async () => {
    const timeline: string[] = [];
    const cfg = { ...quickCrashConfig(), bundlePath: inject('workflowBundlePath'), log: (l: string) => void timeline.push(l) };
    const r = await runCrashRun(cfg);
    console.log([...timeline, '', formatCrashReport(r)].join('\n'));

    expect(r.verdict.violations).toEqual([]);
    expect(r.finished).toBe(true);
    // The chaos really happened while the execution ran.
    expect(r.worker.kills).toBe(cfg.plan.upgradeKills + cfg.plan.checkKills);
    expect(r.disruptions.filter((d) => d.event.kind === 'restart-server')).toHaveLength(1);
    expect(r.disruptions.some((d) => d.event.kind === 'kill-worker' && d.hit === 'upgrade')).toBe(true);
    expect(r.disruptions.some((d) => d.event.kind === 'kill-worker' && d.hit === 'check')).toBe(true);
    // Hosts' own logs: the upgrade at most once per host, the check at least once.
    expect(r.ledgers).toHaveLength(cfg.hosts);
    expect(r.ledgers.filter((l) => l.upgradeStarts.length > 1)).toEqual([]);
    expect(r.ledgers.filter((l) => l.checkStarts.length < 1)).toEqual([]);
    // The execution's own account agrees: ERROR exactly when some upgrade was interrupted.
    expect(r.view?.state).toBe(r.verdict.upgrade.interrupted > 0 ? 'ERROR' : 'SUCCESS');
    expect(r.verdict.upgrade.success + r.verdict.upgrade.interrupted).toBe(cfg.hosts);
    expect(r.verdict.check.success).toBe(cfg.hosts);
  });
});
