/**
 * Demo data for the simulator: three projects (admin, demo, ops), their users, an application credential, and in
 * each region servers on several networks (fixed + floating IPv4, IPv6), volumes (one attached), a snapshot and a
 * full backup, flavors, compute/volume services and hypervisors. IDs are fixed so tests and demos can name them.
 */
import type { RegionData, SimAddress, SimSeed, SimServer, SimVolume } from './model';

/** Well-known IDs and secrets of the demo seed. */
export const DEMO = {
  domainId: 'default',
  projects: {
    admin: '5c0f5b7d0a8c4a8e9d2f1e3b4a5c6d7e',
    demo: '8f1b2c3d4e5f40718293a4b5c6d7e8f9',
    ops: '2a3b4c5d6e7f48091a2b3c4d5e6f7a8b',
  },
  users: {
    admin: { id: 'a1d2m3i4n5000000000000000000000a', name: 'admin', password: 'admin-secret' },
    demo: { id: 'd1e2m3o4000000000000000000000000', name: 'demo', password: 'demo-secret' },
    alice: { id: 'a11ce000000000000000000000000001', name: 'alice', password: 'alice-secret' },
  },
  applicationCredential: { id: 'ac0000000000000000000000000000d1', name: 'demo-ci', secret: 'appcred-secret' },
  servers: {
    web1: '0b1c2d3e-0000-4000-8000-000000000001',
    web2: '0b1c2d3e-0000-4000-8000-000000000002',
    db1: '0b1c2d3e-0000-4000-8000-000000000003',
    bastion: '0b1c2d3e-0000-4000-8000-000000000004',
    monitor: '0b1c2d3e-0000-4000-8000-000000000005',
    webR2: '0b1c2d3e-0000-4000-8000-000000000021',
  },
  volumes: {
    web1Data: 'f0e1d2c3-0000-4000-8000-000000000001',
    scratch: 'f0e1d2c3-0000-4000-8000-000000000002',
    dbData: 'f0e1d2c3-0000-4000-8000-000000000003',
    adminVol: 'f0e1d2c3-0000-4000-8000-000000000004',
    opsLogs: 'f0e1d2c3-0000-4000-8000-000000000005',
    r2Vol: 'f0e1d2c3-0000-4000-8000-000000000021',
  },
  snapshots: { dbDaily: '5a5a5a5a-0000-4000-8000-000000000001' },
  backups: { dbFull: 'b0b0b0b0-0000-4000-8000-000000000001' },
  images: { cirros: 'c1c2c3c4-0000-4000-8000-0000000000a1' },
} as const;

const T0 = '2026-01-05T09:00:00Z';

function addr(version: 4 | 6, a: string, type: 'fixed' | 'floating', mac: string): SimAddress {
  return { version, addr: a, 'OS-EXT-IPS:type': type, 'OS-EXT-IPS-MAC:mac_addr': mac };
}

function server(p: Partial<SimServer> & Pick<SimServer, 'id' | 'name' | 'project_id' | 'user_id'>, n: number): SimServer {
  return {
    status: 'ACTIVE',
    vm_state: 'active',
    task_state: null,
    power_state: 1,
    host: 'compute-1',
    availability_zone: 'nova',
    flavor_id: '2',
    image_id: DEMO.images.cirros,
    key_name: 'demo-key',
    metadata: {},
    addresses: {},
    created: T0,
    updated: T0,
    launched_at: '2026-01-05T09:00:30.000000',
    locked: false,
    locked_reason: null,
    description: null,
    tags: [],
    security_groups: ['default'],
    instance_name: `instance-${n.toString(16).padStart(8, '0')}`,
    ...p,
  };
}

function volume(p: Partial<SimVolume> & Pick<SimVolume, 'id' | 'name' | 'project_id' | 'user_id' | 'size'>): SimVolume {
  return {
    description: null,
    status: 'available',
    availability_zone: 'nova',
    volume_type: 'lvmdriver-1',
    bootable: false,
    encrypted: false,
    multiattach: false,
    snapshot_id: null,
    source_volid: null,
    metadata: {},
    attachments: [],
    attach_status: 'detached',
    migration_status: null,
    host: 'controller@lvmdriver-1#lvmdriver-1',
    created_at: '2026-01-05T09:10:00.000000',
    updated_at: null,
    ...p,
  };
}

function regionOne(): RegionData {
  const { projects: P, users: U, servers: S, volumes: V } = DEMO;
  const servers: SimServer[] = [
    server({
      id: S.web1, name: 'web-1', project_id: P.demo, user_id: U.demo.id, host: 'compute-1',
      metadata: { role: 'web' }, created: '2026-01-05T09:01:00Z', updated: '2026-01-05T09:01:40Z',
      addresses: {
        private: [
          addr(4, '10.0.0.11', 'fixed', 'fa:16:3e:00:00:11'),
          addr(6, 'fd5e:7a6b:5d2f:0:f816:3eff:fe00:11', 'fixed', 'fa:16:3e:00:00:11'),
          addr(4, '172.24.4.11', 'floating', 'fa:16:3e:00:00:11'),
        ],
      },
    }, 1),
    server({
      id: S.web2, name: 'web-2', project_id: P.demo, user_id: U.demo.id, host: 'compute-2',
      metadata: { role: 'web' }, created: '2026-01-05T09:02:00Z', updated: '2026-01-05T09:02:40Z',
      addresses: {
        private: [
          addr(4, '10.0.0.12', 'fixed', 'fa:16:3e:00:00:12'),
          addr(4, '172.24.4.12', 'floating', 'fa:16:3e:00:00:12'),
        ],
      },
    }, 2),
    server({
      id: S.db1, name: 'db-1', project_id: P.demo, user_id: U.demo.id, host: 'compute-1', flavor_id: '3',
      status: 'SHUTOFF', vm_state: 'stopped', power_state: 4, metadata: { role: 'db' },
      created: '2026-01-05T09:03:00Z', updated: '2026-01-05T10:00:00Z',
      addresses: {
        private: [addr(4, '10.0.0.13', 'fixed', 'fa:16:3e:00:00:13')],
        storage: [addr(4, '192.168.50.13', 'fixed', 'fa:16:3e:00:01:13')],
      },
    }, 3),
    server({
      id: S.bastion, name: 'bastion', project_id: P.admin, user_id: U.admin.id, host: 'compute-2', key_name: 'admin-key',
      created: '2026-01-05T08:00:00Z',
      addresses: {
        public: [addr(4, '172.24.4.100', 'fixed', 'fa:16:3e:00:00:64')],
      },
    }, 4),
    server({
      id: S.monitor, name: 'monitor', project_id: P.ops, user_id: U.alice.id, host: 'compute-1', key_name: null,
      created: '2026-01-05T08:30:00Z',
      addresses: {
        'ops-net': [
          addr(4, '10.20.0.5', 'fixed', 'fa:16:3e:00:00:05'),
          addr(4, '172.24.4.55', 'floating', 'fa:16:3e:00:00:05'),
        ],
      },
    }, 5),
  ];
  const volumes: SimVolume[] = [
    volume({
      id: V.web1Data, name: 'web-1-data', project_id: P.demo, user_id: U.demo.id, size: 10, status: 'in-use',
      attach_status: 'attached',
      attachments: [{
        id: V.web1Data, attachment_id: 'a77ac000-0000-4000-8000-000000000001', volume_id: V.web1Data,
        server_id: S.web1, device: '/dev/vdb', host_name: 'compute-1', attached_at: '2026-01-05T09:12:00.000000',
      }],
    }),
    volume({ id: V.scratch, name: 'scratch', project_id: P.demo, user_id: U.demo.id, size: 1, created_at: '2026-01-05T09:11:00.000000' }),
    volume({
      id: V.dbData, name: 'db-data', project_id: P.demo, user_id: U.demo.id, size: 20, volume_type: 'ceph-ssd',
      metadata: { backup: 'daily' }, created_at: '2026-01-05T09:12:00.000000',
    }),
    volume({ id: V.adminVol, name: 'admin-vol', project_id: P.admin, user_id: U.admin.id, size: 5, created_at: '2026-01-05T09:13:00.000000' }),
    volume({ id: V.opsLogs, name: 'ops-logs', project_id: P.ops, user_id: U.alice.id, size: 50, created_at: '2026-01-05T09:14:00.000000' }),
  ];
  return {
    servers,
    flavors: [
      { id: '1', name: 'm1.tiny', ram: 512, disk: 1, vcpus: 1, ephemeral: 0, swap: 0, is_public: true, description: null },
      { id: '2', name: 'm1.small', ram: 2048, disk: 20, vcpus: 1, ephemeral: 0, swap: 0, is_public: true, description: null },
      { id: '3', name: 'm1.medium', ram: 4096, disk: 40, vcpus: 2, ephemeral: 0, swap: 0, is_public: true, description: null },
      { id: '4', name: 'm1.large', ram: 8192, disk: 80, vcpus: 4, ephemeral: 0, swap: 0, is_public: true, description: null },
      { id: '42', name: 'gpu.private', ram: 16384, disk: 100, vcpus: 8, ephemeral: 0, swap: 1024, is_public: false, description: 'private flavor' },
    ],
    keypairs: [
      { name: 'demo-key', user_id: U.demo.id, type: 'ssh', created_at: '2026-01-05T08:59:00.000000',
        public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemoKeyDemoKeyDemoKeyDemoKeyDemoKey demo@example',
        fingerprint: 'SHA256:d3m0k3yd3m0k3yd3m0k3yd3m0k3yd3m0k3yd3m0k3y' },
      { name: 'admin-key', user_id: U.admin.id, type: 'ssh', created_at: '2026-01-05T07:59:00.000000',
        public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAdminKeyAdminKeyAdminKeyAdminKeyAdmin admin@example',
        fingerprint: 'SHA256:4dm1nk3y4dm1nk3y4dm1nk3y4dm1nk3y4dm1nk3y4dm' },
    ],
    computeServices: [
      { id: 'c0000000-0000-4000-8000-00000000000a', binary: 'nova-scheduler', host: 'controller', zone: 'internal', status: 'enabled', state: 'up', disabled_reason: null, forced_down: false, updated_at: '2026-01-05T10:00:00.000000' },
      { id: 'c0000000-0000-4000-8000-00000000000b', binary: 'nova-conductor', host: 'controller', zone: 'internal', status: 'enabled', state: 'up', disabled_reason: null, forced_down: false, updated_at: '2026-01-05T10:00:00.000000' },
      { id: 'c0000000-0000-4000-8000-000000000001', binary: 'nova-compute', host: 'compute-1', zone: 'nova', status: 'enabled', state: 'up', disabled_reason: null, forced_down: false, updated_at: '2026-01-05T10:00:00.000000' },
      { id: 'c0000000-0000-4000-8000-000000000002', binary: 'nova-compute', host: 'compute-2', zone: 'nova', status: 'enabled', state: 'up', disabled_reason: null, forced_down: false, updated_at: '2026-01-05T10:00:00.000000' },
    ],
    hypervisors: [
      { id: 'h0000000-0000-4000-8000-000000000001', hypervisor_hostname: 'compute-1.example.org', host: 'compute-1', host_ip: '192.168.1.21', hypervisor_type: 'QEMU', hypervisor_version: 8002000 },
      { id: 'h0000000-0000-4000-8000-000000000002', hypervisor_hostname: 'compute-2.example.org', host: 'compute-2', host_ip: '192.168.1.22', hypervisor_type: 'QEMU', hypervisor_version: 8002000 },
    ],
    volumes,
    snapshots: [{
      id: DEMO.snapshots.dbDaily, name: 'db-data-daily', description: null, volume_id: V.dbData, size: 20,
      status: 'available', project_id: P.demo, user_id: U.demo.id, metadata: {}, progress: '100%',
      created_at: '2026-01-05T11:00:00.000000', updated_at: '2026-01-05T11:00:05.000000',
    }],
    backups: [{
      id: DEMO.backups.dbFull, name: 'db-data-full', description: null, volume_id: V.dbData, snapshot_id: null, size: 20,
      status: 'available', project_id: P.demo, user_id: U.demo.id, container: 'volumebackups', availability_zone: 'nova',
      is_incremental: false, fail_reason: null, object_count: 410, metadata: {},
      created_at: '2026-01-05T12:00:00.000000', updated_at: '2026-01-05T12:03:00.000000', data_timestamp: '2026-01-05T12:00:00.000000',
    }],
    volumeTypes: [
      { id: '7e000000-0000-4000-8000-000000000001', name: 'lvmdriver-1', description: 'default LVM', is_public: true, extra_specs: { volume_backend_name: 'lvmdriver-1' } },
      { id: '7e000000-0000-4000-8000-000000000002', name: 'ceph-ssd', description: 'SSD pool', is_public: true, extra_specs: { volume_backend_name: 'ceph' } },
    ],
    volumeServices: [
      { binary: 'cinder-scheduler', host: 'controller', zone: 'nova', status: 'enabled', state: 'up', disabled_reason: null, updated_at: '2026-01-05T10:00:00.000000' },
      { binary: 'cinder-volume', host: 'controller@lvmdriver-1', zone: 'nova', status: 'enabled', state: 'up', disabled_reason: null, updated_at: '2026-01-05T10:00:00.000000' },
      { binary: 'cinder-backup', host: 'controller', zone: 'nova', status: 'enabled', state: 'up', disabled_reason: null, updated_at: '2026-01-05T10:00:00.000000' },
    ],
  };
}

function regionTwo(): RegionData {
  const r = regionOne();
  const { projects: P, users: U } = DEMO;
  r.servers = [server({
    id: DEMO.servers.webR2, name: 'web-r2', project_id: P.demo, user_id: U.demo.id, host: 'r2-compute-1',
    addresses: { private: [addr(4, '10.1.0.21', 'fixed', 'fa:16:3e:00:02:21'), addr(4, '172.25.4.21', 'floating', 'fa:16:3e:00:02:21')] },
  }, 33)];
  r.volumes = [volume({ id: DEMO.volumes.r2Vol, name: 'r2-vol', project_id: P.demo, user_id: U.demo.id, size: 2 })];
  r.snapshots = [];
  r.backups = [];
  r.computeServices = r.computeServices.map((s) => ({ ...s, id: s.id.replace(/^c/, 'd'), host: s.host.replace('compute', 'r2-compute') }));
  r.hypervisors = [{ id: 'h0000000-0000-4000-8000-000000000021', hypervisor_hostname: 'r2-compute-1.example.org', host: 'r2-compute-1', host_ip: '192.168.2.21', hypervisor_type: 'QEMU', hypervisor_version: 8002000 }];
  return r;
}

/** A tenant VM to put in the demo project (see `DemoSeedOptions.demoProjectVms`). */
export interface TenantVm {
  name: string;
  /** The VM's fixed IPv4 address on the tenant network `private`. */
  fixedIp: string;
  /** A floating IPv4 address; Nova lists it on the same network, after or before the fixed one. */
  floatingIp?: string;
  /** List the floating address before the fixed one (Nova does not promise an order). Default false. */
  floatingFirst?: boolean;
}

/** Options of `demoSeed`. */
export interface DemoSeedOptions {
  /** Replaces the demo project's servers of the first region by these ACTIVE VMs (ids `...-0000000001xx`). */
  demoProjectVms?: TenantVm[];
  /** Extra `available` volumes of the demo project, by region name (ids `f0e1d2c3-...-0000000003xx`, in order). */
  extraVolumes?: Record<string, { name: string; size?: number }[]>;
}

/** The SimServer of a tenant VM of the demo project; `n` numbers it (ids and instance names). */
export function tenantVmServer(vm: TenantVm, n: number): SimServer {
  const { projects: P, users: U } = DEMO;
  const mac = `fa:16:3e:00:01:${(n % 256).toString(16).padStart(2, '0')}`;
  const fixed = addr(4, vm.fixedIp, 'fixed', mac);
  const addresses = vm.floatingIp
    ? vm.floatingFirst ? [addr(4, vm.floatingIp, 'floating', mac), fixed] : [fixed, addr(4, vm.floatingIp, 'floating', mac)]
    : [fixed];
  return server({
    id: `0b1c2d3e-0000-4000-8000-0000000001${n.toString(16).padStart(2, '0')}`, name: vm.name, project_id: P.demo,
    user_id: U.demo.id, host: n % 2 ? 'compute-1' : 'compute-2', addresses: { private: addresses },
  }, 0x100 + n);
}

/** A fresh copy of the demo seed for the given region names (the first gets RegionOne's data, others a small set). */
export function demoSeed(regions: string[] = ['RegionOne'], options: DemoSeedOptions = {}): SimSeed {
  const { projects: P, users: U, domainId } = DEMO;
  const data: Record<string, RegionData> = {};
  regions.forEach((name, i) => (data[name] = i === 0 ? regionOne() : regionTwo()));
  const first = data[regions[0]!];
  if (first && options.demoProjectVms) {
    first.servers = [
      ...first.servers.filter((s) => s.project_id !== P.demo),
      ...options.demoProjectVms.map((vm, i) => tenantVmServer(vm, i + 1)),
    ];
  }
  let extra = 0;
  for (const [region, vols] of Object.entries(options.extraVolumes ?? {})) {
    if (!data[region]) throw new Error(`demoSeed: extraVolumes for unknown region '${region}'`);
    for (const v of vols) {
      const id = `f0e1d2c3-0000-4000-8000-0000000003${(extra++).toString(16).padStart(2, '0')}`;
      data[region].volumes.push(volume({ id, name: v.name, project_id: P.demo, user_id: U.demo.id, size: v.size ?? 1 }));
    }
  }
  return {
    identity: {
      projects: [
        { id: P.admin, name: 'admin', domain_id: domainId },
        { id: P.demo, name: 'demo', domain_id: domainId },
        { id: P.ops, name: 'ops', domain_id: domainId },
      ],
      users: [
        { ...U.admin, domain_id: domainId, roles: { [P.admin]: ['admin', 'member', 'reader'], [P.demo]: ['admin', 'member', 'reader'] } },
        { ...U.demo, domain_id: domainId, roles: { [P.demo]: ['member', 'reader'] } },
        { ...U.alice, domain_id: domainId, roles: { [P.ops]: ['member', 'reader'] } },
      ],
      applicationCredentials: [{ ...DEMO.applicationCredential, user_id: U.demo.id, project_id: P.demo }],
    },
    regions: data,
  };
}
