/**
 * The two crash-test configurations: `full` (the one CI's `npm run chaos` runs: 50 hosts, 12 worker kills (4 during the upgrade, 8 during the check), the server
 * stopped once with SIGTERM and once with SIGKILL) and `quick` (the vitest variant: fewer hosts and kills, one
 * SIGTERM restart, a couple of minutes on 2 cores).
 */
import type { CrashRunConfig } from './crash-run';

/** Default seed of both configurations (any other reproduces its own schedule). */
export const DEFAULT_SEED = 20240607;

/**
 * The full crash test. Sizing: each disruption costs the actions in flight, so the check (10 at a time, 0.8-2 s each)
 * must last through its 8 kills (and the restart the default seed puts there); and a check item can be hit once per
 * disruption of the check, 9 here, below the 10 attempts Temporal gives a safe-rerun action, so the check ends in
 * SUCCESS. (When the upgrade ends early, disruptions planned for it strike the check instead: a run with another seed
 * could then, in theory, exhaust a check item's attempts and report it, correctly, as a task error.)
 */
export function fullCrashConfig(seed = DEFAULT_SEED): CrashRunConfig {
  return {
    seed,
    hosts: 50,
    upgradeConcurrency: 5,
    checkConcurrency: 10,
    plan: { upgradeKills: 4, checkKills: 8, serverRestarts: ['SIGTERM', 'SIGKILL'], gapMs: [0, 3000], downMs: [1000, 4000] },
    upgradeSeconds: [0.8, 2],
    checkSeconds: [0.8, 2],
    heartbeatTimeoutSec: 3,
    settleTimeoutMs: 120_000,
  };
}

/** The smaller configuration run by the normal test suite. */
export function quickCrashConfig(seed = DEFAULT_SEED): CrashRunConfig {
  return {
    seed,
    hosts: 20,
    upgradeConcurrency: 4,
    checkConcurrency: 5,
    plan: { upgradeKills: 2, checkKills: 4, serverRestarts: ['SIGTERM'], gapMs: [0, 2500], downMs: [1000, 2500] },
    upgradeSeconds: [0.8, 2],
    checkSeconds: [0.5, 1.5],
    heartbeatTimeoutSec: 3,
    settleTimeoutMs: 90_000,
  };
}
