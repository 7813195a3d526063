/**
 * What the hosts themselves recorded during a crash run: every upgrade and check command each host started (its
 * sshd command log) and how many of them ran to their end (lines appended to the per-host mark files).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SshHosts } from '../hosts/ssh-hosts';
import { CHECK_MARK, UPGRADE_MARK } from './upgrade-workflow';

/** One host's record. */
export interface HostLedger {
  name: string;
  ip: string;
  /** Start times (epoch ms) of the upgrade command on this host. */
  upgradeStarts: number[];
  /** Upgrade commands that ran to their end. */
  upgradeCompleted: number;
  /** Start times (epoch ms) of the check command on this host. */
  checkStarts: number[];
  checkCompleted: number;
}

function linesIn(file: string): number {
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).length;
}

/** Whether a recorded command is the check (it also names the upgrade's mark file) or the upgrade. */
export function commandKind(cmd: string): 'upgrade' | 'check' | null {
  if (cmd.includes(CHECK_MARK)) return 'check';
  return cmd.includes(UPGRADE_MARK) ? 'upgrade' : null;
}

/** Start time (epoch ms) of the latest command of `kind` on any target, 0 when none ran yet. */
export function latestStart(hosts: SshHosts, kind: 'upgrade' | 'check'): number {
  let latest = 0;
  for (const t of hosts.targets) {
    for (const c of hosts.commandsRan(t.name)) if (c.at > latest && commandKind(c.cmd) === kind) latest = c.at;
  }
  return latest;
}

/** Reads the ledger of every target, in the order of `hosts.targets` (the order of the workflow's items). */
export function readHostLedgers(hosts: SshHosts, markDir: string): HostLedger[] {
  return hosts.targets.map((t) => {
    const ran = hosts.commandsRan(t.name);
    return {
      name: t.name,
      ip: t.ip,
      upgradeStarts: ran.filter((c) => commandKind(c.cmd) === 'upgrade').map((c) => c.at),
      upgradeCompleted: linesIn(join(markDir, UPGRADE_MARK + t.ip)),
      checkStarts: ran.filter((c) => commandKind(c.cmd) === 'check').map((c) => c.at),
      checkCompleted: linesIn(join(markDir, CHECK_MARK + t.ip)),
    };
  });
}
