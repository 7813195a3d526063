#!/bin/sh
# Creates the Temporal databases in PostgreSQL and brings both schemas to the version this admin-tools image ships.
# Idempotent: run by docker-compose.temporal.yml on every `up`.
set -eu
: "${POSTGRES_SEEDS:=postgresql}" "${DB_PORT:=5432}" "${POSTGRES_USER:=temporal}"
export SQL_PASSWORD="${SQL_PASSWORD:-${POSTGRES_PWD:-temporal}}"
tool() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"; }
schema_dir=/etc/temporal/schema/postgresql/v12
for db in temporal temporal_visibility; do
  sub=temporal
  [ "$db" = temporal_visibility ] && sub=visibility
  echo "== $db"
  tool --db "$db" create 2>/dev/null || echo "database $db already exists"
  tool --db "$db" setup-schema -v 0.0
  tool --db "$db" update-schema -d "$schema_dir/$sub/versioned"
done
echo "PostgreSQL schemas are up to date"
