/**
 * Signatures of the cinder.* actions: python-cinderclient v3 parameter names and defaults (reference §5.3). Pure data.
 */
import type { ActionSignature } from '../../types';
import { openstackSignature as sig, opt, req } from './params';

const KW = { acceptsKwargs: true };
const listParams = [opt('detailed', true), opt('search_opts'), opt('marker'), opt('limit'), opt('sort')];

/** cinder.* signatures. */
export const cinderSignatures: ActionSignature[] = [
  sig('cinder', 'volumes_list', [...listParams, opt('sort_key'), opt('sort_dir')],
    'List volumes (all pages unless `limit`); `search_opts` e.g. {all_tenants: 1, project_id: ...}.'),
  sig('cinder', 'volumes_get', [req('volume_id')], 'Get a volume by ID.'),
  sig('cinder', 'volumes_find', [], 'The one volume whose attributes equal all the given ones.', KW),
  sig('cinder', 'volumes_findall', [], 'All volumes whose attributes equal all the given ones.', KW),
  sig('cinder', 'volumes_create', [
    req('size'), opt('consistencygroup_id'), opt('group_id'), opt('snapshot_id'), opt('source_volid'), opt('name'), opt('description'),
    opt('volume_type'), opt('user_id'), opt('project_id'), opt('availability_zone'), opt('metadata'), opt('imageRef'),
    opt('scheduler_hints'), opt('backup_id'),
  ], 'Create a volume (size in GB); returns it at once (status creating).'),
  sig('cinder', 'volumes_delete', [req('volume'), opt('cascade', false)], 'Delete a volume (cascade: with its snapshots).'),
  sig('cinder', 'volumes_extend', [req('volume'), req('new_size')], 'Grow a volume to new_size GB.'),
  sig('cinder', 'volumes_set_metadata', [req('volume'), req('metadata')], 'Add or update volume metadata; returns all metadata.'),
  sig('cinder', 'volumes_reset_state', [req('volume'), req('state'), opt('attach_status'), opt('migration_status')],
    "Reset a volume's state in the database (admin)."),
  sig('cinder', 'volume_snapshots_create', [req('volume_id'), opt('force', false), opt('name'), opt('description'), opt('metadata')],
    'Snapshot a volume (force: even when in-use).'),
  sig('cinder', 'volume_snapshots_get', [req('snapshot_id')], 'Get a snapshot by ID.'),
  sig('cinder', 'volume_snapshots_list', listParams, 'List snapshots.'),
  sig('cinder', 'volume_snapshots_find', [], 'The one snapshot whose attributes equal all the given ones.', KW),
  sig('cinder', 'volume_snapshots_findall', [], 'All snapshots whose attributes equal all the given ones.', KW),
  sig('cinder', 'volume_snapshots_delete', [req('snapshot'), opt('force', false)], 'Delete a snapshot.'),
  sig('cinder', 'backups_create', [
    req('volume_id'), opt('container'), opt('name'), opt('description'), opt('incremental', false), opt('force', false),
    opt('snapshot_id'), opt('metadata'), opt('availability_zone'),
  ], 'Back up a volume (or one of its snapshots); returns {id, name, links} at once (status creating).'),
  sig('cinder', 'backups_get', [req('backup_id')], 'Get a backup by ID.'),
  sig('cinder', 'backups_list', listParams, 'List backups.'),
  sig('cinder', 'backups_find', [], 'The one backup whose attributes equal all the given ones.', KW),
  sig('cinder', 'backups_findall', [], 'All backups whose attributes equal all the given ones.', KW),
  sig('cinder', 'backups_delete', [req('backup'), opt('force', false)], 'Delete a backup.'),
  sig('cinder', 'restores_restore', [req('backup_id'), opt('volume_id'), opt('name')],
    'Restore a backup to a new volume (or to volume_id); returns {backup_id, volume_id, volume_name}.'),
  sig('cinder', 'volume_types_list', [opt('search_opts'), opt('is_public')], 'List volume types.'),
  sig('cinder', 'services_list', [opt('host'), opt('binary')], 'List block-storage services (admin).'),
  sig('cinder', 'quotas_get', [req('tenant_id'), opt('usage', false)], "A project's block-storage quotas (usage: with in_use counts)."),
];
