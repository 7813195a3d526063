import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signatures } from '../../activities/openstack/signatures';
import { actions } from '../../activities/openstack';

const byName = (n: string) => signatures.find((s) => s.name === n)!;

describe('OpenStack action signatures', () => {
  it('names nova and cinder actions after the Mistral mapping, with their Python class', () => {
    expect(byName('nova.servers_list').className).toBe('NovaAction');
    expect(byName('cinder.volumes_list').className).toBe('CinderAction');
    const names = signatures.map((s) => s.name);
    for (const n of ['nova.services_disable', 'nova.services_enable', 'nova.servers_live_migrate', 'cinder.restores_restore',
      'cinder.volume_snapshots_create', 'cinder.backups_create', 'cinder.quotas_get', 'nova.availability_zones_list']) {
      expect(names).toContain(n);
    }
  });

  it('uses python-novaclient/cinderclient parameter names and defaults, plus action_region=""', () => {
    expect(byName('nova.servers_list').params).toEqual([
      { name: 'detailed', required: false, default: true },
      { name: 'search_opts', required: false, default: null },
      { name: 'marker', required: false, default: null },
      { name: 'limit', required: false, default: null },
      { name: 'sort_keys', required: false, default: null },
      { name: 'sort_dirs', required: false, default: null },
      { name: 'action_region', required: false, default: '' },
    ]);
    expect(byName('nova.servers_reboot').params.slice(0, 2)).toEqual([
      { name: 'server', required: true },
      { name: 'reboot_type', required: false, default: 'SOFT' },
    ]);
    const backup = byName('cinder.backups_create').params;
    expect(backup[0]).toEqual({ name: 'volume_id', required: true });
    expect(backup.find((p) => p.name === 'incremental')).toEqual({ name: 'incremental', required: false, default: false });
    expect(byName('cinder.volumes_create').params.filter((p) => p.required).map((p) => p.name)).toEqual(['size']);
    expect(byName('nova.servers_find').acceptsKwargs).toBe(true);
    expect(byName('nova.servers_get').acceptsKwargs).toBeUndefined();
    expect(byName('nova.servers_create').secretParams).toEqual(['admin_pass', 'userdata']);
  });

  it('has an implementation for every signature, and nothing else', () => {
    expect(actions.map((a) => a.signature.name).sort()).toEqual(signatures.map((s) => s.name).sort());
  });

  it('stays pure data: the signature files import nothing but types and each other', () => {
    const dir = join(__dirname, '../../activities/openstack');
    const files = [join(dir, 'signatures.ts'), ...readdirSync(join(dir, 'action-signatures')).map((f) => join(dir, 'action-signatures', f))];
    for (const f of files) {
      const imports = [...readFileSync(f, 'utf8').matchAll(/^import\s+(type\s+)?.*from\s+'([^']+)'/gm)];
      for (const m of imports) {
        const typeOnly = Boolean(m[1]);
        expect(typeOnly || m[2]!.startsWith('./'), `${f} imports ${m[2]}`).toBe(true);
      }
    }
  });
});
