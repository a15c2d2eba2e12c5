#!/usr/bin/env bash
# Mints 100,000 fresh tokens (24 h) on the kept scale database: a seeding instance with the accounts' own costs.
set -euo pipefail
. /work/main/bench/lib.sh
eval "$(sed 's/^KEPT //' /tmp/scalex/kept.env | tr ' ' '\n' | sed 's/^/export K_/')"
APP=/tmp/scalex/app-main
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -f $APP/gatehouse.jar ] || { copy_app /work/main $APP; }
out=/tmp/scalex/remint; rm -rf $out; mkdir -p $out/cwd $out/tokens
port=$(free_port)
(cd $out/cwd && exec env GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT=$port GATEHOUSE_DB_URL="jdbc:postgresql://127.0.0.1:$K_PG_PORT/$K_DB_NAME" \
  GATEHOUSE_DB_USER=$K_DB_ROLE GATEHOUSE_DB_PASSWORD=$K_DB_PASSWORD GATEHOUSE_JWT_SECRET=$K_JWT_SECRET GATEHOUSE_TOKEN_TTL=24h \
  GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES=1000000 GATEHOUSE_REQUEST_RATE=off GATEHOUSE_NETWORK_RATE=off GATEHOUSE_REGISTRATION_RATE=off \
  GATEHOUSE_ARGON2_MEMORY_KIB=8 GATEHOUSE_ARGON2_ITERATIONS=1 GATEHOUSE_ARGON2_PARALLELISM=1 \
  GATEHOUSE_JAR=$APP/gatehouse.jar GATEHOUSE_JAVA=$JAVA setsid bash $APP/gatehouse.sh) >$out/server.log 2>&1 &
srv=$!
for i in $(seq 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/health/ready)" = 200 ] && break; sleep 0.1; done
if [ -n "${SEED:-}" ]; then
PGPASSWORD=$K_DB_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U $K_DB_ROLE -d $K_DB_NAME <<'SQL'
INSERT INTO users (id, username, username_canonical, email, full_name, password_hash, created_at, updated_at)
SELECT gen_random_uuid(), 'scale_' || i, 'scale_' || i, 'scale_' || i || '@example.com', 'Scale User ' || i,
       '$argon2id$v=19$m=8,t=1,p=1$Jn51HrjbeMeiGYiW0DAkqQ$gzyl8q8oO992zFb9J6n1GKBdjsnZTtOtQqtFy1IHffE', now(), now()
FROM generate_series(1, 999999) AS i;
ANALYZE users;
SQL
echo seeded
fi
BENCH_MINT_USERS=100000 BENCH_MINT_THREADS=2 BENCH_MINT_PASSWORD=bench-scale-password BENCH_MINT_DIR=$out/tokens \
  setsid wrk -t2 -c16 -d1800s -s /work/main/bench/load/mint.lua http://127.0.0.1:$port/token > $out/wrk-mint.txt 2>&1 &
w=$!
while kill -0 $w 2>/dev/null; do [ "$(cat $out/tokens/*.txt 2>/dev/null | wc -l)" -ge 100000 ] && break; sleep 5; done
kill -INT $w 2>/dev/null; wait $w || true
cat $out/tokens/*.txt > /tmp/scalex/tokens.new && mv /tmp/scalex/tokens.new /tmp/scalex/tokens.txt
wc -l /tmp/scalex/tokens.txt
pkill -TERM -f "$APP/gatehouse.jar" || true
