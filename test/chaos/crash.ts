/**
 * `npx tsx test/chaos/crash.ts [--quick] [--seed N] [--hosts N] [--kills N] [--keep] [--sabotage]` (CI: `npm run
 * chaos`): runs the crash test, prints its timeline and report, and exits 1 when a promise was broken. `--sabotage`
 * marks the upgrade `safe-rerun: true`, to watch the test catch the upgrades that crashes then repeat.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, fullCrashConfig, quickCrashConfig } from './crash-config';
import { formatCrashReport } from './crash-report';
import { runCrashRun } from './crash-run';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      seed: { type: 'string' },
      hosts: { type: 'string' },
      kills: { type: 'string' },
      keep: { type: 'boolean', default: false },
      sabotage: { type: 'boolean', default: false },
    },
  });
  const seed = values.seed !== undefined ? Number(values.seed) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const cfg = values.quick ? quickCrashConfig(seed) : fullCrashConfig(seed);
  if (values.hosts !== undefined) cfg.hosts = Number(values.hosts);
  if (values.kills !== undefined) {
    // Keep the plan's split between the upgrade and the check.
    const total = Number(values.kills);
    const share = cfg.plan.upgradeKills / Math.max(1, cfg.plan.upgradeKills + cfg.plan.checkKills);
    cfg.plan.upgradeKills = Math.round(total * share);
    cfg.plan.checkKills = total - cfg.plan.upgradeKills;
  }
  if (!(cfg.hosts >= 1 && cfg.hosts <= 60)) throw new Error('--hosts must be between 1 and 60');
  if (!(cfg.plan.checkKills >= 0)) throw new Error('--kills must be a number >= 0');
  cfg.keepDir = values.keep;
  cfg.sabotageUpgradeSafeRerun = values.sabotage;
  cfg.log = (line) => console.log(line);
  const result = await runCrashRun(cfg);
  console.log('');
  console.log(formatCrashReport(result));
  return result.verdict.violations.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`crash test: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
