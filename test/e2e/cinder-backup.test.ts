/**
 * Seed scenario end to end: ../shared/examples/cinder_backup_workbook.yaml (workflow create_backups_workflow),
 * unchanged, on the real Temporal dev server, against the OpenStack simulator and a real SMTP server.
 *
 * The workbook's ad-hoc `send_email` hard-codes `smtp_server: 'localhost'` (port 25), `from_addr:
 * 'mistral@localhost'` and `smtp_password: 'SECRET'`: the SMTP test server answers on 127.0.0.1:25 (a forwarder)
 * with STARTTLS and that login. Operator configuration: admin credentials as the worker's `OS_*` variables (the
 * seed lists volumes with `all_tenants`); runs in RegionTwo select it per execution with env
 * `__openstack: {region_name: RegionTwo}`.
 *
 * Timing: new backups stay `creating` 14 s, so the poll after the seed's `wait-before: 10` sees `creating` and
 * `retry: continue-on` polls again 10 s later. The three runs go in parallel (~25 s in all), each in its own region
 * or volumes, each mailing its own recipient.
 *
 * Expectations marked "oracle" were checked against Mistral 15.0.0 with copies of the workbook whose cinder actions
 * are ad-hoc std.echo/std.fail actions giving the same statuses (./oracle/*.yaml; the oracle has no cinder actions);
 * the last test runs those copies here too.
 */
import './support/worker-env';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import { startSmtpServer, type ReceivedMessage, type TestSmtpServer } from '../hosts/smtp-server';
import { startOpenStackSimulator, demoSeed, DEMO, type OpenStackSimulator } from '../sim/openstack/server';
import { trustSmtpCertificate, useOpenStackCredentials } from './support/worker-env';
import { forwardPort, type PortForward } from './support/port-forward';
import type { ExecutionView, TaskView } from '../../interpreter/engine/types';

const WORKBOOK = readFileSync(new URL('../../../shared/examples/cinder_backup_workbook.yaml', import.meta.url), 'utf8');
const BACKUP_SECONDS = 14;
const EXTRA_VOLUME = 'f0e1d2c3-0000-4000-8000-000000000300'; // demoSeed's first extra volume (RegionTwo)
const ALL_REGION_ONE_VOLUMES = Object.values(DEMO.volumes).filter((v) => v !== DEMO.volumes.r2Vol);

let smtp: TestSmtpServer;
let port25: PortForward;
let sim: OpenStackSimulator;
let t: TestTemporal;
let dropCredentials = () => {};

beforeAll(async () => {
  smtp = await startSmtpServer({ users: { 'mistral@localhost': 'SECRET' }, requireAuth: true });
  port25 = await forwardPort(25, smtp.port);
  trustSmtpCertificate(smtp.caFile);
  sim = await startOpenStackSimulator({
    seed: demoSeed(['RegionOne', 'RegionTwo'], { extraVolumes: { RegionTwo: [{ name: 'reports-db', size: 3 }] } }),
    creationDelaysMs: { snapshots: 0, backups: BACKUP_SECONDS * 1000 },
  });
  dropCredentials = useOpenStackCredentials(sim.env('admin'));
  t = await startTestTemporal();
}, 120_000);

afterAll(async () => {
  dropCredentials();
  await t?.stop();
  await Promise.all([port25?.close(), smtp?.stop(), sim?.close()]);
});

const task = (view: ExecutionView, name: string): TaskView => {
  const found = view.tasks.find((x) => x.name === name);
  if (!found) throw new Error(`no task ${name} in ${view.tasks.map((x) => x.name).join(', ')}`);
  return found;
};
const mailTo = async (rcpt: string): Promise<ReceivedMessage> => {
  for (let i = 0; i < 50; i++) {
    const m = smtp.messages.find((x) => x.envelope.to.includes(rcpt));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${rcpt}; got mail to ${smtp.messages.map((x) => x.envelope.to).join(' | ')}`);
};
const backupsOf = (region: string, volumeIds: string[]) =>
  sim.state.seed.regions[region]!.backups.filter((b) => volumeIds.includes(b.volume_id) && b.snapshot_id !== null);
const snapshotsOf = (region: string, volumeId: string) =>
  sim.state.seed.regions[region]!.snapshots.filter((s) => s.volume_id === volumeId && s.name === 'by_create_backups_workflow');
const deleted = (snapshotId: string) =>
  sim.requests.some((r) => r.method === 'DELETE' && r.path.endsWith(`/snapshots/${snapshotId}`) && r.status === 202);
const backupPolls = (id: string) => sim.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/backups/${id}`)).length;

describe.concurrent('cinder_backup seed on Temporal (simulator, real SMTP on localhost:25)', () => {
  it('backs up every volume of every project, polling while creating, deletes the snapshots, mails success', async ({ expect }) => {
    const id = `cinder-backup-all-${Date.now()}`;
    const view = await t.run(
      { definition: WORKBOOK, workflow: 'create_backups_workflow', input: { report_to_list: ['backup-admins@example.com'] } },
      id,
    );

    expect(view.state).toBe('SUCCESS');
    expect(view.tasks.map((x) => [x.name, x.state])).toEqual([
      ['analyze_volumes_id_list', 'SUCCESS'],
      ['analyze_projects_id_list', 'SUCCESS'],
      ['get_all_projects_volumes_list', 'SUCCESS'],
      ['create_snapshots', 'SUCCESS'],
      ['create_backups', 'SUCCESS'],
      ['wait_for_backups_completion', 'SUCCESS'],
      ['delete_snapshots', 'SUCCESS'],
      ['report_success', 'SUCCESS'],
    ]); // oracle (same path and states)
    const volumes = task(view, 'get_all_projects_volumes_list').published.volumes_id_list_to_snapshot as string[];
    expect([...volumes].sort()).toEqual([...ALL_REGION_ONE_VOLUMES].sort()); // all_tenants: every project's volume

    // Polling: the first poll (after wait-before: 10) saw `creating`, continue-on polled again.
    const wait = task(view, 'wait_for_backups_completion');
    expect(wait.retry_no).toBeGreaterThanOrEqual(1);
    expect(wait.action_executions).toBe(volumes.length * (wait.retry_no + 1));
    expect((wait.result as { status: string }[]).map((b) => b.status)).toEqual(volumes.map(() => 'available'));

    const backups = backupsOf('RegionOne', volumes);
    expect(backups.map((b) => b.status)).toEqual(volumes.map(() => 'available'));
    expect(task(view, 'create_backups').published.backups_id_list).toEqual(
      volumes.map((v) => backups.find((b) => b.volume_id === v)!.id),
    );
    for (const b of backups) expect(backupPolls(b.id)).toBe(wait.retry_no + 1);
    // Every backup came from a snapshot of its volume, and Cinder accepted the deletion of each of them.
    const snapIds = wait.published.snap_id_to_del_list as string[];
    expect(snapIds).toEqual(volumes.map((v) => backups.find((b) => b.volume_id === v)!.snapshot_id));
    for (const v of volumes) expect(snapshotsOf('RegionOne', v).map((s) => snapIds.includes(s.id))).not.toContain(false);
    expect(snapIds.map(deleted)).toEqual(volumes.map(() => true));

    const mail = await mailTo('backup-admins@example.com');
    expect(mail.subject).toBe('Sample backup workflow - Success');
    expect(mail.text).toBe('Hi,\n\nThe backups has been created.\n\n-- Regards, Sample backup workflow.\n');
    expect(mail.from).toBe('mistral@localhost');
    expect(mail.secure).toBe(true);
    expect(mail.user).toBe('mistral@localhost');
  }, 90_000);

  it('a backup that cinder-backup leaves in error is NOT caught by the seed: it mails success (oracle)', async ({ expect }) => {
    sim.injectBackupFailure({ volume_id: DEMO.volumes.r2Vol, reason: 'Backup driver reported an error: swift unreachable' });
    const view = await t.run({
      definition: WORKBOOK,
      workflow: 'create_backups_workflow',
      input: { volumes_id_list: [DEMO.volumes.r2Vol], report_to_list: ['r2-driver-error@example.com'] },
      env: { __openstack: { region_name: 'RegionTwo' } },
    });

    expect(view.state).toBe('SUCCESS');
    const wait = task(view, 'wait_for_backups_completion');
    expect(wait.result).toEqual([
      expect.objectContaining({ status: 'error', fail_reason: 'Backup driver reported an error: swift unreachable' }),
    ]);
    // `where($.status != creating)` keeps the failed backup's snapshot, so the counts match and report_success runs.
    expect(view.tasks.map((x) => x.name).slice(-2)).toEqual(['delete_snapshots', 'report_success']);
    expect((await mailTo('r2-driver-error@example.com')).subject).toBe('Sample backup workflow - Success');
  }, 90_000);

  it('a backup interrupted by a cinder-backup restart takes the error path: report_error mail (oracle)', async ({ expect }) => {
    // Cinder resets the backup to error but leaves its snapshot `backing-up`, which it then refuses to delete.
    sim.injectBackupFailure({ volume_id: EXTRA_VOLUME, reason: 'incomplete backup reset on manager restart', snapshotStatus: 'backing-up' });
    const id = `cinder-backup-restart-${Date.now()}`;
    const view = await t.run(
      {
        definition: WORKBOOK,
        workflow: 'create_backups_workflow',
        input: { volumes_id_list: [EXTRA_VOLUME], report_to_list: ['r2-restart@example.com'] },
        env: { __openstack: { region_name: 'RegionTwo' } },
      },
      id,
    );

    expect(view.tasks.map((x) => [x.name, x.state])).toEqual([
      ['analyze_volumes_id_list', 'SUCCESS'],
      ['create_snapshots', 'SUCCESS'],
      ['create_backups', 'SUCCESS'],
      ['wait_for_backups_completion', 'SUCCESS'],
      ['delete_snapshots', 'ERROR'],
      ['report_error', 'SUCCESS'],
    ]);
    expect(view.state).toBe('SUCCESS'); // the error was handled by on-error
    const del = task(view, 'delete_snapshots');
    expect(del.result).toEqual([expect.stringMatching(/^CinderAction\.volume_snapshots_delete failed: Invalid snapshot: .*\(HTTP 400\)/)]);
    expect(snapshotsOf('RegionTwo', EXTRA_VOLUME).map((s) => s.status)).toEqual(['backing-up']);

    const mail = await mailTo('r2-restart@example.com');
    expect(mail.subject).toBe('Sample backup workflow - Error');
    expect(mail.text).toContain(`with your workflow execution ${id}.\nEverything's going to be alright!`);
  }, 90_000);

  it('the oracle copies of the workbook take the same paths here as in Mistral 15.0.0', async ({ expect }) => {
    const states = async (file: string) => {
      const view = await t.run({
        definition: readFileSync(new URL(`./oracle/${file}`, import.meta.url), 'utf8'),
        workflow: 'create_backups_workflow',
        input: { report_to_list: ['ops@example.com'], volumes_id_list: ['v1', 'v2'] },
      });
      return [view.state, ...view.tasks.map((x) => `${x.name} ${x.state} ${JSON.stringify(x.result)}`)];
    };
    const [failedBackup, undeletable] = await Promise.all([
      states('cinder_backup_failed_backup.yaml'),
      states('cinder_backup_undeletable_snapshot.yaml'),
    ]);
    const common = [
      'SUCCESS',
      'analyze_volumes_id_list SUCCESS ["v1","v2"]',
      'create_snapshots SUCCESS [{"id":"s-v1","volume_id":"v1"},{"id":"s-v2","volume_id":"v2"}]',
      'create_backups SUCCESS [{"id":"b-v1"},{"id":"b-v2"}]',
      'wait_for_backups_completion SUCCESS [{"id":"b-v1","status":"available","snapshot_id":"s-v1"},{"id":"b-v2","status":"error","snapshot_id":"s-v2"}]',
    ];
    expect(failedBackup).toEqual([...common, 'delete_snapshots SUCCESS [null,null]', 'report_success SUCCESS "Sample backup workflow - Success"']);
    expect(undeletable).toEqual([
      ...common,
      'delete_snapshots ERROR ["Invalid snapshot s-v1","Invalid snapshot s-v2"]',
      'report_error SUCCESS "Sample backup workflow - Error"',
    ]);
  });
});
