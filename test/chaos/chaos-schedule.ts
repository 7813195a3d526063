/**
 * The seeded chaos schedule of a crash run: which disruptions happen, in which order, during which task, and how
 * long after that task's commands are seen running on a fresh worker each one strikes. The same seed gives the same
 * schedule; the exact interleaving with the workflow still depends on the machine's speed.
 */
import type { SeededRandom } from './seeded-random';

/** The task a disruption aims at: it strikes while that task's commands run. */
export type ChaosPhase = 'upgrade' | 'check';

/** One disruption. `afterMs` counts from the first command of `phase` started by the current worker process. */
export type ChaosEvent =
  | { kind: 'kill-worker'; phase: ChaosPhase; afterMs: number }
  | { kind: 'restart-server'; phase: ChaosPhase; signal: 'SIGTERM' | 'SIGKILL'; afterMs: number; downMs: number };

export interface ChaosPlan {
  /** Worker SIGKILLs while the upgrade (safe-rerun: false) runs, then while the check (safe-rerun: true) runs. */
  upgradeKills: number;
  checkKills: number;
  /** Dev server restarts, by the signal that stops it. */
  serverRestarts: ('SIGTERM' | 'SIGKILL')[];
  /** Range of the delay between a task's commands running on a fresh worker and the disruption. */
  gapMs: [number, number];
  /** Range of the time the server stays down. */
  downMs: [number, number];
}

/**
 * Builds the schedule: the upgrade kills, then the check kills, with the server restarts slotted in at random
 * places (never first), each aimed at the phase of the disruption before it.
 */
export function chaosSchedule(rng: SeededRandom, plan: ChaosPlan): ChaosEvent[] {
  const gap = () => Math.round(rng.between(plan.gapMs[0], plan.gapMs[1]));
  const events: ChaosEvent[] = [];
  for (let i = 0; i < plan.upgradeKills; i++) events.push({ kind: 'kill-worker', phase: 'upgrade', afterMs: gap() });
  for (let i = 0; i < plan.checkKills; i++) events.push({ kind: 'kill-worker', phase: 'check', afterMs: gap() });
  for (const signal of plan.serverRestarts) {
    const at = events.length ? rng.int(1, events.length) : 0;
    const downMs = Math.round(rng.between(plan.downMs[0], plan.downMs[1]));
    const phase = events[at - 1]?.phase ?? 'upgrade';
    events.splice(at, 0, { kind: 'restart-server', phase, signal, afterMs: gap(), downMs });
  }
  return events;
}
