/**
 * Seed scenario end to end: ../shared/examples/upgrade_kernel.yaml, unchanged, on the real Temporal dev server.
 *
 * nova.servers_list (OpenStack simulator, demo project) → publish each VM's *fixed* address → with-items
 * std.ssh_proxied through a real sshd gateway to five real sshd targets in network namespaces (reachable only through
 * the gateway) → std.email with STARTTLS + login to a real SMTP server.
 *
 * The seed's command (`sudo apt-get update && sudo apt-get install linux-image-generic-lts-$(lsb_release -sc) -y &&
 * sudo reboot`) must not really run: the namespaces share this machine's filesystem. The targets have recording
 * stubs of sudo/apt-get/lsb_release/reboot first in PATH, checked before the workflow runs.
 *
 * Operator configuration used (what a deployment would do): OpenStack credentials as `OS_*` variables of the worker
 * process, the SMTP server's CA as `TRAMONTANE_SMTP_CA_FILE` (see support/worker-env.ts); the workflow input carries
 * only what the seed asks for (gateway, key file, user, email_info).
 */
import './support/worker-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import { startSshHosts, type SshHosts } from '../hosts/ssh-hosts';
import { startSmtpServer, type TestSmtpServer } from '../hosts/smtp-server';
import { startOpenStackSimulator, demoSeed, type OpenStackSimulator } from '../sim/openstack/server';
import { tenantVmServer } from '../sim/openstack/seed';
import { createSshActions } from '../../activities/ssh/index';
import { trustSmtpCertificate, useOpenStackCredentials } from './support/worker-env';
import { runCli } from './support/cli';
import { testContext } from '../actions/context';

const SEED = new URL('../../../shared/examples/upgrade_kernel.yaml', import.meta.url).pathname;
const SEED_CMD = 'sudo apt-get update && sudo apt-get install linux-image-generic-lts-$(lsb_release -sc) -y && sudo reboot';
const APT_SAYS = 'Reading package lists... Done\n';
const SENDER = 'mistral@cloud.example';
const SMTP_PASSWORD = 'smtp-secret';
const TARGETS = 5;

let hosts: SshHosts;
let smtp: TestSmtpServer;
let sim: OpenStackSimulator;
let t: TestTemporal;
let dropCredentials = () => {};

beforeAll(async () => {
  [hosts, smtp] = await Promise.all([
    startSshHosts({
      targets: TARGETS,
      stubCommands: ['sudo', 'apt-get', 'lsb_release', 'reboot'],
      stubOutput: { lsb_release: 'jammy\n', 'apt-get': APT_SAYS },
    }),
    startSmtpServer({ users: { [SENDER]: SMTP_PASSWORD }, requireAuth: true }),
  ]);
  await refuseUnlessStubbed(hosts);
  trustSmtpCertificate(smtp.caFile);
  // The demo project's VMs: fixed addresses = the SSH targets; every other one also has a floating address on the
  // public network, listed first, so picking the wrong address type would pick an address nobody answers on.
  sim = await startOpenStackSimulator({
    seed: demoSeed(['RegionOne'], {
      demoProjectVms: hosts.targets.map((h, i) => ({
        name: `tenant-vm-${i + 1}`,
        fixedIp: h.ip,
        floatingIp: i % 2 === 0 ? `172.24.4.${101 + i}` : undefined,
        floatingFirst: true,
      })),
    }),
  });
  dropCredentials = useOpenStackCredentials(sim.env('demo'));
  t = await startTestTemporal();
}, 120_000);

afterAll(async () => {
  dropCredentials();
  await t?.stop();
  await Promise.all([hosts?.stop(), smtp?.stop(), sim?.close()]);
});

/** Aborts the suite unless the targets' sessions resolve every seed command to a recording stub. */
async function refuseUnlessStubbed(h: SshHosts): Promise<void> {
  const [, proxied] = createSshActions({ useDefaultKeys: false, knownHostsFile: null, connectTimeoutMs: 5000 });
  const out = (await proxied!.run(
    { cmd: 'command -v sudo apt-get lsb_release reboot', host: h.targets[0]!.ip, gateway_host: h.gateway.host, username: h.username, private_key_filename: h.keyFile },
    testContext().ctx,
  )) as string;
  const paths = out.trim().split('\n');
  if (paths.length !== 4 || !paths.every((p) => p.startsWith(`${h.dir}/stub-bin/`))) {
    throw new Error(`refusing to run the kernel upgrade seed: the targets would run real commands (${out.trim()})`);
  }
}

const input = () => ({
  username: hosts.username,
  private_key_filename: hosts.keyFile,
  gateway_host: hosts.gateway.host,
  email_info: { to_email: 'ops@example.com', from_email: SENDER, smtp_server: `127.0.0.1:${smtp.port}`, smtp_password: SMTP_PASSWORD },
});

/** What each target's stubs record for one run of the seed's command. */
const STUB_CALLS_PER_RUN = [
  ['sudo', 'apt-get', 'update'],
  ['apt-get', 'update'],
  ['lsb_release', '-sc'],
  ['sudo', 'apt-get', 'install', 'linux-image-generic-lts-jammy', '-y'],
  ['apt-get', 'install', 'linux-image-generic-lts-jammy', '-y'],
  ['sudo', 'reboot'],
  ['reboot'],
];

describe('upgrade_kernel seed on Temporal (simulator servers, real sshd gateway and targets, real SMTP)', () => {
  it('upgrades every tenant VM through the gateway and mails the count', async () => {
    const ranBefore = hosts.targets.map((h) => hosts.commandsRan(h.name).length); // the PATH check above ran one
    const view = await t.run({ definition: readFileSync(SEED, 'utf8'), input: input() });

    expect(view.state).toBe('SUCCESS');
    expect(view.tasks.map((x) => [x.name, x.state])).toEqual([
      ['get_hosts', 'SUCCESS'],
      ['upgrade', 'SUCCESS'],
      ['send_success_email', 'SUCCESS'],
    ]);
    // The fixed addresses only, never the floating ones listed before them (oracle: same expression, same data).
    const published = view.tasks[0]!.published.hosts as string[];
    expect(published).toHaveLength(TARGETS);
    expect([...published].sort()).toEqual(hosts.targets.map((h) => h.ip).sort());
    expect(view.tasks[0]!.result).toBeNull(); // keep-result: false (oracle)

    const upgrade = view.tasks[1]!;
    expect(upgrade.items?.map((i) => i.state)).toEqual(Array(TARGETS).fill('SUCCESS'));
    expect(upgrade.result).toEqual(Array(TARGETS).fill(APT_SAYS + APT_SAYS));
    hosts.targets.forEach((target, i) => {
      expect(hosts.commandsRan(target.name).slice(ranBefore[i]).map((c) => c.cmd)).toEqual([SEED_CMD]);
      expect(hosts.stubCalls(target.name)).toEqual(STUB_CALLS_PER_RUN);
    });
    // The gateway only forwards: no command runs there.
    expect(hosts.commandsRan('gateway')).toEqual([]);

    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.subject).toBe('Linux kernel on tenant VMs successfully updated');
    expect(mail!.text).toBe(`Number of updated VMs: ${TARGETS}\n\n-- Thanks\n`);
    expect(mail!.from).toBe(SENDER);
    expect(mail!.envelope).toEqual({ from: SENDER, to: ['ops@example.com'] });
    expect(mail!.secure).toBe(true); // STARTTLS before the login
    expect(mail!.user).toBe(SENDER);
  });

  it('runs the same file through `tramontane run --json`', async () => {
    const before = smtp.messages.length;
    const ranBefore = hosts.targets.map((h) => hosts.commandsRan(h.name).length);
    const cli = await runCli([SEED, '--json', '--input', JSON.stringify(input())], t.taskQueue);

    expect(cli.code).toBe(0);
    expect(cli.stdout.trim().split('\n')).toHaveLength(1); // one JSON object; progress goes to stderr
    expect(cli.json).toMatchObject({ workflow_name: 'upgrade_kernel', state: 'SUCCESS', state_info: null });
    expect(cli.json.tasks.map((x: { name: string; state: string }) => [x.name, x.state])).toEqual([
      ['get_hosts', 'SUCCESS'],
      ['upgrade', 'SUCCESS'],
      ['send_success_email', 'SUCCESS'],
    ]);
    expect(cli.json.tasks[1].result).toEqual(Array(TARGETS).fill(APT_SAYS + APT_SAYS));
    hosts.targets.forEach((h, i) => expect(hosts.commandsRan(h.name).length).toBe(ranBefore[i]! + 1));
    const mails = await smtp.waitForMessages(before + 1);
    expect(mails[before]!.text).toBe(`Number of updated VMs: ${TARGETS}\n\n-- Thanks\n`);
  });

  it('with one VM unreachable: upgrade fails, the other hosts ran, no mail, and --json names the failed host', async () => {
    // A sixth VM whose fixed address nothing answers on (no such host behind the gateway).
    const lost = hosts.gateway.host.replace(/\.\d+$/, '.250');
    const servers = sim.state.seed.regions.RegionOne!.servers;
    servers.push(tenantVmServer({ name: 'tenant-vm-lost', fixedIp: lost }, 6));
    const ranBefore = hosts.targets.map((h) => hosts.commandsRan(h.name).length);
    const mailsBefore = smtp.messages.length;
    try {
      const cli = await runCli([SEED, '--json', '--input', JSON.stringify(input())], t.taskQueue);

      expect(cli.code).toBe(2);
      expect(cli.json.state).toBe('ERROR');
      expect(cli.json.tasks.map((x: { name: string }) => x.name)).toEqual(['get_hosts', 'upgrade']);
      const upgrade = cli.json.tasks[1];
      expect(upgrade.state).toBe('ERROR');
      const hostsList = cli.json.tasks[0].published.hosts as string[];
      expect(hostsList).toContain(lost);
      const failedAt = hostsList.indexOf(lost);
      // Per-item states: only the lost VM's item failed.
      expect(upgrade.items.map((i: { state: string }) => i.state)).toEqual(
        hostsList.map((h) => (h === lost ? 'ERROR' : 'SUCCESS')),
      );
      // The others' results are kept; the failed item's result is the error naming the host.
      upgrade.result.forEach((r: unknown, i: number) => {
        if (i === failedAt) {
          expect(r).toMatch(new RegExp(`^Failed to execute ssh cmd '.*' on ${lost.replace(/\./g, '\\.')}: cannot reach ${lost.replace(/\./g, '\\.')}:22 through gateway`));
        } else expect(r).toBe(APT_SAYS + APT_SAYS);
      });
      // Task and workflow messages as Mistral 15 words them for a failed with-items item (oracle-checked shape).
      expect(upgrade.state_info).toBe('One or more actions had failed.');
      expect(cli.json.state_info).toContain(`[action_ex_id=`);
      expect(cli.json.state_info).toContain(`idx=${failedAt}]: Failed to execute ssh cmd '${SEED_CMD}' on ${lost}: cannot reach`);
      hosts.targets.forEach((h, i) => expect(hosts.commandsRan(h.name).length).toBe(ranBefore[i]! + 1));
      // on-success not taken: no mail.
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.messages.length).toBe(mailsBefore);
    } finally {
      servers.pop();
    }
  });
});
