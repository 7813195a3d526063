/**
 * `npx tsx examples/demo/seed-lab.ts` (as root): a lab to run the two seed workflows by hand against `npm start`.
 *
 * Starts what the end-to-end tests use (test/e2e): the OpenStack simulator (demo project VMs whose fixed addresses
 * are SSH targets), a real sshd gateway and five targets in network namespaces with recording stubs of sudo/apt-get/
 * lsb_release/reboot (nothing is really installed or rebooted), and a real SMTP server with STARTTLS + login, also
 * answering on localhost:25 for the cinder_backup workbook. Writes the worker's environment and the kernel seed's
 * input to a temp dir, prints the commands to run, then prints every mail and every stubbed command as they come.
 * Ctrl-C stops everything.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSshHosts } from '../../test/hosts/ssh-hosts';
import { startSmtpServer } from '../../test/hosts/smtp-server';
import { startOpenStackSimulator, demoSeed } from '../../test/sim/openstack/server';
import { forwardPort } from '../../test/e2e/support/port-forward';

const SENDER = 'mistral@cloud.example';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tram-seed-lab-'));
  const hosts = await startSshHosts({
    targets: 5,
    stubCommands: ['sudo', 'apt-get', 'lsb_release', 'reboot'],
    stubOutput: { lsb_release: 'jammy\n', 'apt-get': 'Reading package lists... Done\n' },
  });
  const smtp = await startSmtpServer({ users: { [SENDER]: 'smtp-secret', 'mistral@localhost': 'SECRET' } });
  const port25 = await forwardPort(25, smtp.port).catch((e: Error) => {
    console.warn(`(the cinder_backup workbook will not reach its mail server: ${e.message})`);
    return null;
  });
  const sim = await startOpenStackSimulator({
    seed: demoSeed(['RegionOne'], {
      demoProjectVms: hosts.targets.map((h, i) => ({ name: `tenant-vm-${i + 1}`, fixedIp: h.ip, floatingIp: `172.24.4.${101 + i}` })),
    }),
    creationDelaysMs: { snapshots: 0, backups: 14_000 },
  });

  // The worker needs admin credentials for the cinder seed's all_tenants listing; the demo project's VMs are listed
  // with OS_PROJECT_NAME=demo, so the kernel seed uses the demo user.
  const workerEnv = (user: 'admin' | 'demo') =>
    Object.entries({ ...sim.env(user), TRAMONTANE_SMTP_CA_FILE: smtp.caFile })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n';
  writeFileSync(join(dir, 'worker-kernel.env'), workerEnv('demo'));
  writeFileSync(join(dir, 'worker-cinder.env'), workerEnv('admin'));
  const input = {
    username: hosts.username,
    private_key_filename: hosts.keyFile,
    gateway_host: hosts.gateway.host,
    email_info: { to_email: 'ops@example.com', from_email: SENDER, smtp_server: `127.0.0.1:${smtp.port}`, smtp_password: 'smtp-secret' },
  };
  writeFileSync(join(dir, 'upgrade-input.json'), JSON.stringify(input, null, 2));

  console.log(`
Seed lab ready (files in ${dir}).
  OpenStack: ${sim.authUrl}   gateway: ${hosts.gateway.host}   targets: ${hosts.targets.map((t) => t.ip).join(' ')}
  SMTP: 127.0.0.1:${smtp.port}${port25 ? ' and localhost:25' : ''}

Kernel upgrade — start a worker with the demo project's credentials, then run the seed:
  env $(cat ${dir}/worker-kernel.env | xargs) npm start
  npx tramontane run ../shared/examples/upgrade_kernel.yaml --input @${dir}/upgrade-input.json

Nightly Cinder backups — restart the worker with admin credentials, then:
  env $(cat ${dir}/worker-cinder.env | xargs) npm start
  npx tramontane run ../shared/examples/cinder_backup_workbook.yaml -w create_backups_workflow \\
      --input '{"report_to_list": ["ops@example.com"]}'

Mails and stubbed commands appear below. Ctrl-C stops the lab.
`);

  const seen = new Map<string, number>();
  let mails = 0;
  const timer = setInterval(() => {
    for (const m of smtp.messages.slice(mails)) console.log(`[mail] to ${m.envelope.to.join(', ')}: ${m.subject}\n${m.text ?? ''}`);
    mails = smtp.messages.length;
    for (const t of hosts.targets) {
      const calls = hosts.stubCalls(t.name);
      for (const c of calls.slice(seen.get(t.name) ?? 0)) console.log(`[${t.name} ${t.ip}] ${c.join(' ')}`);
      seen.set(t.name, calls.length);
    }
  }, 500);

  const stop = async () => {
    clearInterval(timer);
    await Promise.all([hosts.stop(), smtp.stop(), sim.close(), port25?.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
