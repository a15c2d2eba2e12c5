#!/usr/bin/env bash
# A scale database kept across variant runs: 1,000,000 accounts (SQL) and 100,000 tokens of 24 h (logins).
set -euo pipefail
. /work/main/bench/lib.sh
name=gatehouse_variants pw=$(random_hex 16) secret=$(random_hex 32)
su postgres -c "psql -X -q -v ON_ERROR_STOP=1" <<SQL
DROP DATABASE IF EXISTS $name WITH (FORCE);
DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='gatehouse_variants') THEN CREATE ROLE gatehouse_variants LOGIN; END IF; END \$\$;
ALTER ROLE gatehouse_variants WITH LOGIN PASSWORD '$pw';
CREATE DATABASE $name OWNER gatehouse_variants;
SQL
echo "KEPT DB_NAME=$name DB_ROLE=gatehouse_variants DB_PASSWORD=$pw JWT_SECRET=$secret PG_PORT=5432" > /tmp/scalex/kept.env
SEED=1 /tmp/scalex/remint.sh
