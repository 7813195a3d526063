/** The human-readable report of a crash run: disruptions, outcome per task, executions per host, verdict. */
import type { CrashRunResult } from './crash-run';
import type { Histogram } from './crash-verdict';
import { CHECK_TASK, UPGRADE_TASK } from './upgrade-workflow';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `0× 3 hosts | 1× 47 hosts`. */
export function formatHistogram(h: Histogram): string {
  return Object.keys(h)
    .map(Number)
    .sort((a, b) => a - b)
    .map((runs) => `${runs}× ${h[runs]} host${h[runs] === 1 ? '' : 's'}`)
    .join(' | ');
}

/** Formats the report printed at the end of a crash run. */
export function formatCrashReport(r: CrashRunResult): string {
  const c = r.config;
  const v = r.verdict;
  const kills = (phase: string) => r.disruptions.filter((d) => d.event.kind === 'kill-worker' && d.hit === phase).length;
  const restarts = r.disruptions.flatMap((d) => (d.event.kind === 'restart-server' ? [d.event] : []));
  const lines = [
    `Tramontane crash test (seed ${c.seed})${c.sabotageUpgradeSafeRerun ? ' SABOTAGED: upgrade marked safe-rerun: true' : ''}`,
    `  hosts:           ${c.hosts} targets behind 1 gateway (std.ssh_proxied), concurrency ${c.upgradeConcurrency} (upgrade) / ${c.checkConcurrency} (check), heartbeat timeout ${c.heartbeatTimeoutSec} s`,
    `  worker SIGKILLs: ${r.worker.kills}: ${kills('upgrade')} during the upgrade, ${kills('check')} during the check (worker processes started: ${r.worker.starts}; exits nobody asked for: ${r.worker.unexpectedExits})`,
    `  server restarts: ${restarts.length}${restarts.length ? ` (${restarts.map((e) => `${e.signal}, down ${s(e.downMs)}`).join('; ')})` : ''}`,
    `  disruptions:     ${r.disruptions.map((d) => `${d.event.kind === 'kill-worker' ? 'kill' : d.event.signal} @${s(d.atMs)} (${d.hit})`).join(', ') || 'none'}`,
    `  execution:       ${v.executionState}${r.finished ? '' : ' (not finished)'} after ${s(r.executionMs)} wall time (whole run ${s(r.totalMs)}), id ${r.workflowId}`,
    `  ${UPGRADE_TASK} (safe-rerun: ${c.sabotageUpgradeSafeRerun ? 'true' : 'false'}): ${v.upgrade.success} SUCCESS, ${v.upgrade.interrupted} ERROR "interrupted"` +
      ` (of which ${v.upgrade.interruptedButCompleted} had completed on the host anyway, ${v.upgrade.interruptedNeverStarted} never started)`,
    `      executions per host: ${formatHistogram(v.upgrade.runsPerHost)}`,
    `  ${CHECK_TASK} (safe-rerun: true): ${v.check.success} SUCCESS, ${v.check.totalRuns} runs in all`,
    `      executions per host: ${formatHistogram(v.check.runsPerHost)}`,
    v.violations.length
      ? `  verdict: FAILED, ${v.violations.length} broken promise${v.violations.length === 1 ? '' : 's'}:\n${v.violations.map((x) => `    - ${x}`).join('\n')}`
      : `  verdict: OK (no upgrade ran twice, every SUCCESS item ran exactly once, every host was checked, task list = host logs)`,
  ];
  if (r.keptDir) lines.push(`  run directory kept: ${r.keptDir} (worker.log, temporal.db)`);
  return lines.join('\n');
}
