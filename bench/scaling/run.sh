#!/usr/bin/env bash
# Beyond one database (issue 16, docs/scaling.md): what one Gatehouse instance asks of PostgreSQL per login, per refresh
# and per GET /users/me, and how many logins per second it takes to saturate the database, with the login throttle and
# the revoked access tokens in PostgreSQL (as by default) and then on Redis (GATEHOUSE_REDIS_URL).
#
#   bench/scaling/run.sh            writes bench/scaling/results/<UTC time>/ (raw outputs) and prints the table
#
# Needs: the system PostgreSQL 15 (pg_ctlcluster 15 main; started if down, as root), redis-server, wrk, and
# bootstrap/target/gatehouse.jar (./mvnw -o -pl bootstrap -am package -DskipTests). Gatehouse runs as a user runs it:
# a copy of the build started by its launcher with jvm.options and a recorded AOT cache. Password hashing is set cheap
# (argon2 1 MiB, t=1) so that the database, not the hash, is what a login costs; say so next to every figure.
#   BENCH_USERS=100 BENCH_OPS=100 BENCH_SECONDS=20 BENCH_CONNECTIONS=16 BENCH_WARMUP=30 (seconds of logins before the
#   measured run, so that the JIT has compiled the login path)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$ROOT/bench/lib.sh"

USERS=${BENCH_USERS:-100}
OPS=${BENCH_OPS:-100}
SECONDS_LOAD=${BENCH_SECONDS:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
WARMUP=${BENCH_WARMUP:-30}
PASSWORD=scaling-password-1
OUT=${BENCH_RESULTS_DIR:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
JDK=$("$ROOT/.mvn/find-jdk.sh")
JAR="$ROOT/bootstrap/target/gatehouse.jar"
[ -f "$JAR" ] || die "build the jar first: ./mvnw -o -pl bootstrap -am package -DskipTests"
install_package wrk wrk
install_package redis-server redis-server

# PostgreSQL: the system cluster, started if down, and then stopped at the end unless others connected meanwhile
# (lib.sh's use_system_pg and stop_cluster_we_started, as the other benches leave it).
PG_STARTED=0
use_system_pg || die "$SYSTEM_PG_PROBLEM"
DB_ROLE=gh_scaling
DB_PASSWORD=$(random_hex 12)
echo "DROP ROLE IF EXISTS $DB_ROLE; CREATE ROLE $DB_ROLE LOGIN PASSWORD '$DB_PASSWORD';" | psql_admin >/dev/null 2>&1 \
  || echo "ALTER ROLE $DB_ROLE PASSWORD '$DB_PASSWORD';" | psql_admin >/dev/null

STOP_TIMEOUT_S=20 GATEHOUSE_PID= REDIS_PID= DB_NAME= APP=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-scaling.XXXXXX")
cleanup() {
  [ -n "$GATEHOUSE_PID" ] && signal_then_kill "$GATEHOUSE_PID" TERM server is_running || true
  rm -rf "$APP"
  autogroup_restore
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  [ -n "$DB_NAME" ] && echo "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE);" | psql_admin >/dev/null 2>&1 || true
  echo "DROP ROLE IF EXISTS $DB_ROLE;" | psql_admin >/dev/null 2>&1 || true
  [ "$PG_STARTED" = 0 ] || stop_cluster_we_started
}
trap cleanup EXIT
autogroup_off
{ echo "commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . 2>/dev/null || echo ' (with changes)')"
  echo "start $(date -u +%FT%TZ) $(uptime)"; echo "$(autogroup_state)"
  echo "accounts $USERS; sequential requests of each kind $OPS; wrk -t2 -c$CONNECTIONS, ${WARMUP}s warm-up, ${SECONDS_LOAD}s measured"
} > "$OUT/run.txt"
copy_app "$ROOT" "$APP"
log "recording the launcher's AOT cache for the copy of the jar (not timed)"
GATEHOUSE_JAR="$APP/gatehouse.jar" GATEHOUSE_JAVA="$JDK/bin/java" bash "$APP/gatehouse.sh" --prepare > "$OUT/prepare.log" 2>&1 ||
  die "the launcher could not prepare (see $OUT/prepare.log)"

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --loglevel warning \
  > "$OUT/redis-server.log" 2>&1 &
REDIS_PID=$!

# Statement-level counts: every INSERT/UPDATE/DELETE of the bench database goes to the server log (log_statement=mod,
# set on that database only); rows and transactions come from pg_stat_database and pg_stat_user_tables.
PG_LOG=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $7 }')
stats() { # $1 = label: one line of database counters and one per table, appended to $OUT/$VARIANT-stats.txt
  # A PostgreSQL 15 backend hands its counters over when it goes idle, but at most once a second, and one that went
  # idle sooner after its last report does so only after 10 s (PGSTAT_IDLE_INTERVAL): the pool's idle connections
  # would otherwise credit one phase's rows to the next.
  sleep 11
  { echo "== $1"
    echo "SELECT pg_stat_clear_snapshot(); SELECT 'db', xact_commit, tup_inserted, tup_updated, tup_deleted, tup_returned + tup_fetched
          FROM pg_stat_database WHERE datname = '$DB_NAME';
          SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables ORDER BY relname;" | psql_admin -At -d "$DB_NAME"
    echo "statements $(grep -ci "@$DB_NAME .*\(statement\|execute [^:]*\): *\(insert\|update\|delete\)" <(grep -ai "$DB_NAME" "$PG_LOG") || true)"
  } >> "$OUT/$VARIANT-stats.txt"
}
ticks_of_each() { # clock ticks so far of every postgres process of the cluster together, of Gatehouse, of redis-server
  local pg=0 p
  for p in $(pgrep -u postgres postgres); do pg=$((pg + $(cpu_ticks "$p" 2>/dev/null || echo 0))); done
  echo "$pg $(cpu_ticks "$GATEHOUSE_PID") $(cpu_ticks "$REDIS_PID")"
}

token_field() { { cat; echo; } | sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"; }

for VARIANT in postgresql redis; do
  DB_NAME=gh_scaling_$(random_hex 4)
  echo "CREATE DATABASE $DB_NAME OWNER $DB_ROLE;" | psql_admin >/dev/null
  echo "ALTER DATABASE $DB_NAME SET log_statement = 'mod';" | psql_admin >/dev/null
  PORT=$(free_port)
  extra=()
  [ "$VARIANT" = redis ] && extra=(GATEHOUSE_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0")
  [ "$VARIANT" = redis ] && redis-cli -p "$REDIS_PORT" flushall >/dev/null
  env GATEHOUSE_JAR="$APP/gatehouse.jar" GATEHOUSE_JAVA="$JDK/bin/java" GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT="$PORT" GATEHOUSE_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME" GATEHOUSE_DB_USER=$DB_ROLE \
    GATEHOUSE_DB_PASSWORD="$DB_PASSWORD" GATEHOUSE_JWT_SECRET="$(random_hex 32)" GATEHOUSE_ARGON2_MEMORY_KIB=1024 \
    GATEHOUSE_ARGON2_ITERATIONS=1 GATEHOUSE_REQUEST_RATE=off GATEHOUSE_NETWORK_RATE=off GATEHOUSE_REGISTRATION_RATE=off \
    GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES=1000000 "${extra[@]}" \
    setsid bash "$APP/gatehouse.sh" > "$OUT/$VARIANT-gatehouse.log" 2>&1 &
  GATEHOUSE_PID=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null || die "$VARIANT: Gatehouse did not become ready (see $OUT/$VARIANT-gatehouse.log)"
  log "$VARIANT: registering $USERS users"
  for i in $(seq 1 "$USERS"); do
    curl -s -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"username\":\"scaling_$i\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/users/"
  done
  login() { curl -s -d "username=scaling_$1&password=$PASSWORD" "http://127.0.0.1:$PORT/token"; }
  answer=$(login 1); access=$(echo "$answer" | token_field access_token); refresh=$(echo "$answer" | token_field refresh_token)
  [ -n "$access" ] || die "$VARIANT: no token: $answer"

  stats "before $OPS logins"
  : > "$OUT/$VARIANT-refresh-tokens.txt"
  for i in $(seq 1 "$OPS"); do login $(( (i % USERS) + 1 )) | token_field refresh_token >> "$OUT/$VARIANT-refresh-tokens.txt"; done
  stats "after $OPS logins"
  # One refresh per session: a session's refreshes have a budget of their own.
  refreshed=0
  while read -r refresh; do
    [ -n "$(curl -s -d "grant_type=refresh_token&refresh_token=$refresh" "http://127.0.0.1:$PORT/token" | token_field refresh_token)" ] \
      && refreshed=$((refreshed + 1))
  done < "$OUT/$VARIANT-refresh-tokens.txt"
  [ "$refreshed" = "$OPS" ] || die "$VARIANT: $refreshed of $OPS refreshes succeeded"
  rm -f "$OUT/$VARIANT-refresh-tokens.txt"
  stats "after $OPS refreshes"
  for i in $(seq 1 "$OPS"); do curl -s -o /dev/null -H "Authorization: Bearer $access" "http://127.0.0.1:$PORT/users/me"; done
  stats "after $OPS /users/me"

  log "$VARIANT: wrk, $CONNECTIONS connections, ${WARMUP}s then ${SECONDS_LOAD}s of logins over $USERS accounts"
  BENCH_USERS=$USERS BENCH_PASSWORD=$PASSWORD wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HERE/login.lua" "http://127.0.0.1:$PORT" > /dev/null
  stats "before wrk"
  read -r pg0 gh0 rd0 < <(ticks_of_each)
  BENCH_USERS=$USERS BENCH_PASSWORD=$PASSWORD wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_LOAD}s" --latency -s "$HERE/login.lua" \
    "http://127.0.0.1:$PORT" > "$OUT/$VARIANT-wrk-login.txt"
  read -r pg1 gh1 rd1 < <(ticks_of_each)
  stats "after wrk"
  echo "cpu_ticks_per_second $(getconf CLK_TCK) postgres $((pg1 - pg0)) gatehouse $((gh1 - gh0)) redis $((rd1 - rd0))" > "$OUT/$VARIANT-cpu.txt"
  curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^gatehouse_db_pool' > "$OUT/$VARIANT-pool.txt" || true
  signal_then_kill "$GATEHOUSE_PID" TERM server is_running; GATEHOUSE_PID=
  keep_ends "$OUT/$VARIANT-gatehouse.log"
  echo "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE);" | psql_admin >/dev/null; DB_NAME=
done
echo "end $(date -u +%FT%TZ) $(uptime)" >> "$OUT/run.txt"
/usr/bin/python3 "$HERE/summarize.py" "$OUT" "$OPS" | tee "$OUT/summary.md"
