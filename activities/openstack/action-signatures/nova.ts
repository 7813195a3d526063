/**
 * Signatures of the nova.* actions: python-novaclient v2 parameter names and defaults (reference §5.2). Pure data.
 */
import type { ActionSignature } from '../../types';
import { openstackSignature as sig, opt, req } from './params';

const server = [req('server')];
const KW = { acceptsKwargs: true };

/** nova.* signatures. */
export const novaSignatures: ActionSignature[] = [
  sig('nova', 'servers_list', [opt('detailed', true), opt('search_opts'), opt('marker'), opt('limit'), opt('sort_keys'), opt('sort_dirs')],
    'List servers (all pages unless `limit`); `search_opts` filters server-side (name, status, all_tenants, host, ...).'),
  sig('nova', 'servers_get', server, 'Get a server by ID.'),
  sig('nova', 'servers_find', [], 'The one server whose attributes equal all the given ones (NotFound / NoUniqueMatch otherwise).', KW),
  sig('nova', 'servers_findall', [], 'All servers whose attributes equal all the given ones.', KW),
  sig('nova', 'servers_create', [
    req('name'), req('image'), req('flavor'), opt('meta'), opt('files'), opt('reservation_id', false), opt('min_count'), opt('max_count'),
    opt('security_groups'), opt('userdata'), opt('key_name'), opt('availability_zone'), opt('block_device_mapping'),
    opt('block_device_mapping_v2'), opt('nics'), opt('scheduler_hints'), opt('config_drive'), opt('disk_config'), opt('admin_pass'),
    opt('access_ip_v4'), opt('access_ip_v6'), opt('description'), opt('tags'), opt('trusted_image_certificates'), opt('host'),
    opt('hypervisor_hostname'), opt('hostname'),
  ], 'Boot a server; returns it at once (status BUILD).', { ...KW, secretParams: ['admin_pass', 'userdata'] }),
  sig('nova', 'servers_delete', server, 'Delete a server.'),
  sig('nova', 'servers_reboot', [req('server'), opt('reboot_type', 'SOFT')], "Reboot a server ('SOFT' or 'HARD')."),
  sig('nova', 'servers_start', server, 'Start a stopped server.'),
  sig('nova', 'servers_stop', server, 'Stop a server.'),
  sig('nova', 'servers_pause', server, 'Pause a server.'),
  sig('nova', 'servers_unpause', server, 'Unpause a server.'),
  sig('nova', 'servers_suspend', server, 'Suspend a server.'),
  sig('nova', 'servers_resume', server, 'Resume a suspended server.'),
  sig('nova', 'servers_lock', [req('server'), opt('reason')], 'Lock a server (reason needs microversion 2.73).'),
  sig('nova', 'servers_unlock', server, 'Unlock a server.'),
  sig('nova', 'servers_live_migrate', [req('server'), opt('host'), opt('block_migration', 'auto'), opt('disk_over_commit', false), opt('force')],
    "Live-migrate a server (host null = scheduler's choice; block_migration 'auto' from 2.25)."),
  sig('nova', 'servers_migrate', [req('server'), opt('host')], 'Cold-migrate a server (host needs 2.56).'),
  sig('nova', 'servers_confirm_resize', server, 'Confirm a resize or cold migration.'),
  sig('nova', 'servers_set_meta', [req('server'), req('metadata')], 'Add or update server metadata; returns all metadata.'),
  sig('nova', 'servers_update', [req('server'), opt('name'), opt('description'), opt('hostname')], 'Rename a server or change its description.'),
  sig('nova', 'flavors_list', [opt('detailed', true), opt('is_public', true), opt('marker'), opt('min_disk'), opt('min_ram'), opt('limit'), opt('sort_key'), opt('sort_dir')],
    'List flavors.'),
  sig('nova', 'flavors_get', [req('flavor')], 'Get a flavor by ID.'),
  sig('nova', 'flavors_find', [], 'The one flavor whose attributes equal all the given ones.', KW),
  sig('nova', 'flavors_findall', [], 'All flavors whose attributes equal all the given ones.', KW),
  sig('nova', 'keypairs_list', [opt('user_id'), opt('marker'), opt('limit')], "List the user's key pairs."),
  sig('nova', 'hypervisors_list', [opt('detailed', true)], 'List hypervisors (admin).'),
  sig('nova', 'services_list', [opt('host'), opt('binary')], 'List compute services (admin).'),
  sig('nova', 'services_enable', [opt('host'), opt('binary'), opt('service_uuid')],
    'Enable a compute service, named by host + binary or by service_uuid.', KW),
  sig('nova', 'services_disable', [opt('host'), opt('binary'), opt('service_uuid')],
    'Disable a compute service, named by host + binary or by service_uuid.', KW),
  sig('nova', 'services_disable_log_reason', [opt('host'), opt('binary'), opt('reason'), opt('service_uuid')],
    'Disable a compute service with a reason.', KW),
  sig('nova', 'availability_zones_list', [opt('detailed', true)], 'List availability zones (detailed needs admin).'),
];
