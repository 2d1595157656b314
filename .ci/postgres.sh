#!/usr/bin/env bash
# CI: a local PostgreSQL server for tests/store/test_postgres.py (Debian, run as root).
# Installs the distribution's server, starts its cluster and creates role desk (password desk,
# CREATEROLE) owning database desk_test. Exports nothing: the caller sets
#   DESK_TEST_PG_URL=postgresql://desk:desk@127.0.0.1:5432/desk_test
# Safe to run twice. About 10 s on a warm apt cache (install ~8 s, start ~2 s).
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }
fi

# The distribution's version (15 on Debian 12); a cluster named main is made by the package.
version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -qx online; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'desk'")" != 1 ]; then
  psql_admin "CREATE ROLE desk LOGIN PASSWORD 'desk'"
fi
# CREATEROLE: Desk makes one login role per staff member and group roles per database
# (tests/store/test_pg_roles.py); attributes are not inherited, so the owner needs it itself.
psql_admin "ALTER ROLE desk CREATEROLE"
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = 'desk_test'")" != 1 ]; then
  psql_admin "CREATE DATABASE desk_test OWNER desk ENCODING 'UTF8' TEMPLATE template0"
fi
echo "postgres.sh: PostgreSQL $version ready, database desk_test owned by desk"
