/**
 * Plays a chaos schedule against a running execution. Each disruption waits for a polling worker, then for its
 * task's commands to be running from that worker (once the check has begun, the upgrade is over and upgrade
 * disruptions strike the check), then for its delay, and strikes: SIGKILL the worker and start a fresh one, or stop
 * the Temporal server and start it again on its SQLite file. Stops early when the execution finishes or stalls.
 */
import type { SshHosts } from '../hosts/ssh-hosts';
import type { ChaosEvent, ChaosPhase } from './chaos-schedule';
import { latestStart } from './host-ledger';
import type { RestartableServer } from './restartable-server';
import type { WorkerProcess } from './worker-process';

/** A disruption that happened, at `atMs` after the execution started, while the `hit` task's commands ran. */
export interface Disruption {
  event: ChaosEvent;
  atMs: number;
  hit: ChaosPhase;
}

export interface ChaosStage {
  schedule: ChaosEvent[];
  worker: WorkerProcess;
  server: RestartableServer;
  hosts: SshHosts;
  /** Whether the execution reached a final state. */
  finished(): boolean;
  /** Milliseconds since the execution started. */
  since(): number;
  /** No polling worker, or no command of the aimed task started, for this long: the execution is stalled. */
  stallMs: number;
  log(line: string): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Plays the schedule; returns the disruptions that happened and whether the execution stalled. */
export async function playChaos(stage: ChaosStage): Promise<{ disruptions: Disruption[]; stalled: boolean }> {
  const { worker, server, hosts, log } = stage;
  const at = () => `+${(stage.since() / 1000).toFixed(1)} s`;
  const disruptions: Disruption[] = [];
  let stalled = false;
  for (const event of stage.schedule) {
    const deadline = Date.now() + stage.stallMs;
    const waiting = () => !stage.finished() && !(stalled ||= Date.now() > deadline);
    while (waiting() && !worker.isReady()) await sleep(100);
    const upSince = Date.now();
    let hit: ChaosPhase = event.phase;
    while (waiting()) {
      const checkAt = latestStart(hosts, 'check');
      if (hit === 'upgrade' && checkAt > 0) hit = 'check';
      if ((hit === 'check' ? checkAt : latestStart(hosts, 'upgrade')) >= upSince) break;
      await sleep(200);
    }
    if (stalled) {
      log(`${at()}  no ${hit} command started for ${stage.stallMs / 1000} s: chaos stops`);
      break;
    }
    const strikeAt = Date.now() + event.afterMs;
    while (!stage.finished() && Date.now() < strikeAt) await sleep(Math.min(100, strikeAt - Date.now()));
    if (stage.finished()) break;
    disruptions.push({ event, atMs: stage.since(), hit });
    if (event.kind === 'kill-worker') {
      await worker.kill();
      log(`${at()}  SIGKILL worker #${worker.counts.kills} during the ${hit}, ${event.afterMs} ms after its commands began`);
      worker.start();
    } else {
      log(`${at()}  ${event.signal} Temporal server during the ${hit}, down for ${event.downMs} ms`);
      await server.restart(event.signal, event.downMs);
      log(`${at()}  Temporal server back on its SQLite file`);
    }
  }
  return { disruptions, stalled };
}
