#!/usr/bin/env bash
# Installs (from Debian's packages) and starts a local PostgreSQL on 127.0.0.1:5432, creates the role and
# database the tests use, and prints their URL on the last line of stdout. Idempotent: a second run reuses
# what the first created. Needs root (apt-get, pg_ctlcluster); the server itself runs as user postgres.
#   export ZIPING_TEST_DATABASE_URL="$(scripts/ci-postgres.sh | tail -n 1)"
set -euo pipefail

ROLE="${ZIPING_PG_ROLE:-ziping}"
PASSWORD="${ZIPING_PG_PASSWORD:-ziping-test}"
DB="${ZIPING_PG_DB:-ziping_test}"
PORT="${ZIPING_PG_PORT:-5432}"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

version="$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')"
cluster="$(pg_lsclusters --no-header | awk 'NR==1 {print $2}')"
if [ -z "$version" ]; then
  echo "no PostgreSQL cluster found (pg_lsclusters is empty)" >&2
  exit 1
fi
if ! pg_lsclusters --no-header | awk 'NR==1 {print $4}' | grep -q online; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi

for _ in $(seq 1 30); do
  if su postgres -c "psql -p $PORT -tAc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

psql_admin() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -tAc \"$1\""; }
if [ "$(psql_admin "select 1 from pg_roles where rolname = '$ROLE'")" != "1" ]; then
  psql_admin "create role $ROLE login password '$PASSWORD'" >&2
else
  psql_admin "alter role $ROLE with login password '$PASSWORD'" >&2
fi
if [ "$(psql_admin "select 1 from pg_database where datname = '$DB'")" != "1" ]; then
  psql_admin "create database $DB owner $ROLE" >&2
fi

echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
