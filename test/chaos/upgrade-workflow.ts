/**
 * The workflow under test: a kernel upgrade over every host behind one gateway, then a check of every host.
 *
 * `upgrade_kernel` is `safe-rerun: false` (installing twice is what must never happen silently); `check_kernel` is
 * `safe-rerun: true` (reading a version twice is harmless). `check_kernel` follows through `on-complete`, so it runs
 * even when some upgrades were interrupted, and the execution still ends in ERROR then (checked against the Mistral
 * 15.0.0 oracle: an ERROR task whose only transition is `on-complete` leaves its error unhandled).
 *
 * Each command sleeps a per-host time (seeded) and appends one line to a per-host file in `markDir`, so the test can
 * tell a command that started (the host's command log) from one that ran to its end (the line).
 */

/** One host as the workflow input lists it. */
export interface UpgradeHost {
  ip: string;
  /** Seconds the upgrade command takes on this host. */
  upgrade_s: number;
  /** Seconds the check command takes on this host. */
  check_s: number;
}

/** Marker in the upgrade command (and its per-host file name prefix). */
export const UPGRADE_MARK = 'kernel-upgraded-';
/** Marker in the check command (and its per-host file name prefix). */
export const CHECK_MARK = 'kernel-checked-';

/** Name of the upgrade task and of the check task. */
export const UPGRADE_TASK = 'upgrade_kernel';
export const CHECK_TASK = 'check_kernel';

/**
 * The Mistral v2 definition, running `upgradeConcurrency` upgrades and `checkConcurrency` checks at a time.
 * `upgradeSafeRerun: true` is sabotage, to see the crash test catch upgrades repeated after a crash.
 */
export function upgradeWorkflowYaml(upgradeConcurrency: number, checkConcurrency: number, upgradeSafeRerun = false): string {
  return `---
version: '2.0'

crash_upgrade_kernel:
  description: Kernel upgrade of every host behind a gateway, then a check (crash test)
  input:
    - hosts
    - gateway_host
    - private_key_filename
    - mark_dir

  tasks:
    ${UPGRADE_TASK}:
      with-items: host in <% $.hosts %>
      concurrency: ${upgradeConcurrency}
      safe-rerun: ${upgradeSafeRerun}
      action: std.ssh_proxied
      input:
        host: <% $.host.ip %>
        gateway_host: <% $.gateway_host %>
        username: root
        private_key_filename: <% $.private_key_filename %>
        cmd: sleep <% $.host.upgrade_s %>; echo "$EPOCHREALTIME linux-image-6.1.0-28" >> <% $.mark_dir %>/${UPGRADE_MARK}<% $.host.ip %>
      on-complete:
        - ${CHECK_TASK}

    ${CHECK_TASK}:
      with-items: host in <% $.hosts %>
      concurrency: ${checkConcurrency}
      safe-rerun: true
      action: std.ssh_proxied
      input:
        host: <% $.host.ip %>
        gateway_host: <% $.gateway_host %>
        username: root
        private_key_filename: <% $.private_key_filename %>
        cmd: sleep <% $.host.check_s %>; echo "$EPOCHREALTIME" >> <% $.mark_dir %>/${CHECK_MARK}<% $.host.ip %>; cat <% $.mark_dir %>/${UPGRADE_MARK}<% $.host.ip %> 2>/dev/null | wc -l
`;
}
