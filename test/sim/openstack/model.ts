/**
 * The simulator's in-memory data model: Keystone identities, and per-region Nova and Cinder resources. Plain
 * objects, mutated by the service handlers; status transitions are scheduled as `Pending` steps and applied when
 * their time has come (see `clock.ts`).
 */

export interface SimUser {
  id: string;
  name: string;
  domain_id: string;
  password: string;
  /** project id → role names. */
  roles: Record<string, string[]>;
}

export interface SimProject {
  id: string;
  name: string;
  domain_id: string;
}

export interface SimApplicationCredential {
  id: string;
  name: string;
  secret: string;
  user_id: string;
  project_id: string;
}

export interface SimToken {
  id: string;
  user_id: string;
  project_id: string | null;
  methods: string[];
  issued_at: number;
  expires_at: number;
  application_credential_id?: string;
}

export interface SimAddress {
  version: 4 | 6;
  addr: string;
  'OS-EXT-IPS:type': 'fixed' | 'floating';
  'OS-EXT-IPS-MAC:mac_addr': string;
}

export interface SimServer {
  id: string;
  name: string;
  project_id: string;
  user_id: string;
  status: string;
  vm_state: string;
  task_state: string | null;
  power_state: number;
  host: string;
  availability_zone: string;
  flavor_id: string;
  image_id: string;
  key_name: string | null;
  metadata: Record<string, string>;
  addresses: Record<string, SimAddress[]>;
  created: string;
  updated: string;
  launched_at: string | null;
  locked: boolean;
  locked_reason: string | null;
  description: string | null;
  tags: string[];
  security_groups: string[];
  instance_name: string;
  /** Removed from listings once its pending delete completes. */
  deleted?: boolean;
}

export interface SimFlavor {
  id: string;
  name: string;
  ram: number;
  disk: number;
  vcpus: number;
  ephemeral: number;
  swap: number;
  is_public: boolean;
  description: string | null;
}

export interface SimKeypair {
  name: string;
  user_id: string;
  public_key: string;
  fingerprint: string;
  type: 'ssh' | 'x509';
  created_at: string;
}

export interface SimComputeService {
  id: string;
  binary: string;
  host: string;
  zone: string;
  status: 'enabled' | 'disabled';
  state: 'up' | 'down';
  disabled_reason: string | null;
  forced_down: boolean;
  updated_at: string;
}

export interface SimHypervisor {
  id: string;
  hypervisor_hostname: string;
  host: string;
  host_ip: string;
  hypervisor_type: string;
  hypervisor_version: number;
}

export interface SimAttachment {
  id: string;
  server_id: string;
  attachment_id: string;
  volume_id: string;
  device: string;
  host_name: string | null;
  attached_at: string;
}

export interface SimVolume {
  id: string;
  name: string | null;
  description: string | null;
  size: number;
  status: string;
  project_id: string;
  user_id: string;
  availability_zone: string;
  volume_type: string;
  bootable: boolean;
  encrypted: boolean;
  multiattach: boolean;
  snapshot_id: string | null;
  source_volid: string | null;
  metadata: Record<string, string>;
  attachments: SimAttachment[];
  attach_status: 'attached' | 'detached';
  migration_status: string | null;
  host: string;
  created_at: string;
  updated_at: string | null;
}

export interface SimSnapshot {
  id: string;
  name: string | null;
  description: string | null;
  volume_id: string;
  size: number;
  status: string;
  project_id: string;
  user_id: string;
  metadata: Record<string, string>;
  progress: string;
  created_at: string;
  updated_at: string | null;
}

export interface SimBackup {
  id: string;
  name: string | null;
  description: string | null;
  volume_id: string;
  snapshot_id: string | null;
  size: number;
  status: string;
  project_id: string;
  user_id: string;
  container: string | null;
  availability_zone: string;
  is_incremental: boolean;
  fail_reason: string | null;
  object_count: number;
  metadata: Record<string, string>;
  created_at: string;
  updated_at: string | null;
  data_timestamp: string;
}

export interface SimVolumeType {
  id: string;
  name: string;
  description: string | null;
  is_public: boolean;
  extra_specs: Record<string, string>;
}

export interface SimVolumeService {
  binary: string;
  host: string;
  zone: string;
  status: 'enabled' | 'disabled';
  state: 'up' | 'down';
  disabled_reason: string | null;
  updated_at: string;
}

/** Everything one region holds (Nova and Cinder are regional; Keystone is global). */
export interface RegionData {
  servers: SimServer[];
  flavors: SimFlavor[];
  keypairs: SimKeypair[];
  computeServices: SimComputeService[];
  hypervisors: SimHypervisor[];
  volumes: SimVolume[];
  snapshots: SimSnapshot[];
  backups: SimBackup[];
  volumeTypes: SimVolumeType[];
  volumeServices: SimVolumeService[];
}

/** Keystone's global data. */
export interface IdentityData {
  users: SimUser[];
  projects: SimProject[];
  applicationCredentials: SimApplicationCredential[];
}

/** The whole seed: identities plus one `RegionData` per region name. */
export interface SimSeed {
  identity: IdentityData;
  regions: Record<string, RegionData>;
}
