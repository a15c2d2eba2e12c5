#!/usr/bin/env bash
# Gatehouse against Keycloak, side by side on this machine, one system at a time: each is started the way its
# users start it, given the same user and client, warmed up, then driven with the same wrk commands. Writes one
# table with the ratios, CPU per request and RSS. See bench/compare/README.md.
#
# Usage: bench/compare/run.sh     (root or passwordless sudo: apt-get for wrk/jq/unzip, and the system PostgreSQL)
# Knobs (environment):
#   BENCH_KEYCLOAK_VERSION=26.7.3  org.keycloak:keycloak-quarkus-dist from Maven Central (cached in ~/.cache)
#   BENCH_SYSTEMS="keycloak gatehouse-h2 gatehouse-pg"   which to measure, in this order
#   BENCH_WARMUP=150              seconds of warm-up per system (GET userinfo, then 10 s of logins)
#   BENCH_DURATION=30             seconds of each measured wrk run
#   BENCH_LOGIN_ACCOUNTS=32       accounts the login runs use in turn (same in both systems): an account admits one
#                                 password check at a time in Gatehouse, so one account would measure its turn
#   BENCH_RESULTS_DIR=bench/compare/results/<UTC time>
#   BENCH_AUTOGROUP=off           off: Linux's autogroup scheduling is off during the run (bench/lib.sh says why); keep
set -Eeuo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

KC_VERSION=${BENCH_KEYCLOAK_VERSION:-26.7.3}
SYSTEMS=${BENCH_SYSTEMS:-keycloak gatehouse-h2 gatehouse-pg}
WARMUP=${BENCH_WARMUP:-150}
DURATION=${BENCH_DURATION:-30}
LOGIN_ACCOUNTS=${BENCH_LOGIN_ACCOUNTS:-32}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=${BENCH_RESULTS_DIR:-$HERE/results/$STAMP}
THREADS=2 CONNECTIONS=32 LOGIN_CONNECTIONS=8 READY_TIMEOUT_S=180 STOP_TIMEOUT_S=30
USER_NAME=bench_user USER_PASSWORD="bench-$(random_hex 12)" CLIENT=bench-app

is_uint "$WARMUP" && [ "$WARMUP" -ge 10 ] && [ "$WARMUP" -le 1200 ] || die "BENCH_WARMUP must be 10..1200 seconds"
is_uint "$LOGIN_ACCOUNTS" && [ "$LOGIN_ACCOUNTS" -ge 1 ] && [ "$LOGIN_ACCOUNTS" -le 1000 ] || die "BENCH_LOGIN_ACCOUNTS must be 1..1000"
is_uint "$DURATION" && [ "$DURATION" -ge 1 ] && [ "$DURATION" -le 600 ] || die "BENCH_DURATION must be 1..600 seconds"
for system in $SYSTEMS; do
  case $system in keycloak | gatehouse-h2 | gatehouse-pg) ;; *) die "unknown system in BENCH_SYSTEMS: $system" ;; esac
done

WORK="" SERVER_PID="" WRK_PID="" DB_NAME="" DB_ROLE=gatehouse_compare DB_PASSWORD=$(random_hex 16) PG_PORT=""
PG_VERSION="" PG_CLUSTER="" PG_STARTED=0
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  signal_then_kill "$SERVER_PID" TERM "$1" is_running
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -z "$WRK_PID" ] || kill -TERM "$WRK_PID" 2>/dev/null || true
  rss_sampler_stop
  stop_server server
  if [ -n "$DB_NAME" ]; then
    printf 'DROP DATABASE IF EXISTS "%s" WITH (FORCE);\nDROP ROLE IF EXISTS %s;\n' "$DB_NAME" "$DB_ROLE" | psql_admin || true
  fi
  [ "$PG_STARTED" = 0 ] || stop_cluster_we_started
  [ -z "$WORK" ] || rm -rf "$WORK"
  autogroup_restore
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
autogroup_off

# ---------------------------------------------------------------- tools, Keycloak, Gatehouse
install_package wrk wrk
install_package curl curl
install_package jq jq
install_package unzip unzip
JDK=$("$ROOT/.mvn/find-jdk.sh") || die "no JDK 21 or newer found"
JAVA="$JDK/bin/java"
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-compare.XXXXXX")

if [[ " $SYSTEMS " == *" keycloak "* ]]; then
  CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/gatehouse-bench"
  ZIP="$CACHE/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [ ! -f "$ZIP" ]; then
    log "fetching Keycloak $KC_VERSION from Maven Central (org.keycloak:keycloak-quarkus-dist, zip)"
    mkdir -p "$CACHE"
    (cd "$ROOT" && JAVA_HOME="$JDK" ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
      -DoutputDirectory="$CACHE") >"$WORK/keycloak-fetch.log" 2>&1 || { tail -n 20 "$WORK/keycloak-fetch.log" >&2; die "could not fetch Keycloak"; }
  fi
  unzip -q "$ZIP" -d "$WORK"
  KC_HOME="$WORK/keycloak-$KC_VERSION"
  [ -x "$KC_HOME/bin/kc.sh" ] || die "no bin/kc.sh in $ZIP"
fi
if [[ " $SYSTEMS " == *" gatehouse-"* ]]; then
  [ -f "$ROOT/bootstrap/target/gatehouse.jar" ] || (cd "$ROOT" && JAVA_HOME="$JDK" ./mvnw -B -q -DskipTests package) || die "the build failed"
  copy_app "$ROOT" "$WORK/app"
  log "recording the launcher's AOT cache for the copy of the jar (not timed)"
  GATEHOUSE_JAR="$WORK/app/gatehouse.jar" GATEHOUSE_JAVA="$JAVA" bash "$WORK/app/gatehouse.sh" --prepare >"$WORK/prepare.log" 2>&1 ||
    { cat "$WORK/prepare.log" >&2; die "the launcher could not prepare"; }
fi
if [[ " $SYSTEMS " == *" gatehouse-pg "* ]]; then
  use_system_pg || die "gatehouse-pg needs the system PostgreSQL 15: $SYSTEM_PG_PROBLEM; or leave it out of BENCH_SYSTEMS"
  DB_NAME="gatehouse_compare_$$"
  printf "CREATE ROLE %s LOGIN PASSWORD '%s';\nCREATE DATABASE \"%s\" OWNER %s;\n" "$DB_ROLE" "$DB_PASSWORD" "$DB_NAME" "$DB_ROLE" | psql_admin ||
    die "could not create the database"
fi

# ---------------------------------------------------------------- one system
# The Java process (the launchers exec it or start it as their child): CPU and RSS are read from it.
java_pid_of() { # $1 = pid of the launcher
  local pid=$1 child
  for _ in 1 2 3; do
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ] && { echo "$pid"; return 0; }
    child=$(pgrep -P "$pid" | head -n 1) || true
    [ -n "$child" ] || break
    pid=$child
  done
  echo "$1"
}
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
await() { # $1 = url answering 200 once the system is ready; prints ms since $2 (ns)
  local i
  for ((i = 0; i < READY_TIMEOUT_S * 20; i++)); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited during start; see $RESULTS"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = 200 ]; then
      echo $((($(date +%s%N) - $2) / 1000000)); return 0
    fi
    sleep 0.05
  done
  die "not ready within ${READY_TIMEOUT_S}s: $1"
}
# wrk without a per-request script (a fast server's cost is near wrk's own, and they share the cores); every
# answer must be 200, which wrk's "Non-2xx or 3xx responses" line would tell.
measure() { # $1 = output file, $2 = connections, $3 = seconds, $4 = url, then wrk options
  local out=$1 connections=$2 seconds=$3 url=$4
  shift 4
  setsid wrk -t"$THREADS" -c"$connections" -d"${seconds}s" --latency "$@" "$url" >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || die "wrk failed; see $out"
  WRK_PID=""
}

run_system() { # $1 = system
  local system=$1 out="$RESULTS/$1" port base t0 ready_ms pid rss_idle me_url token_url userinfo_url token_form token t1 t2 r
  mkdir -p "$out"
  port=$(free_port)
  base="http://127.0.0.1:$port"
  log "$system: starting on $base"
  t0=$(date +%s%N)
  case $system in
    keycloak)
      KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$USER_PASSWORD" JAVA_HOME="$JDK" \
        setsid "$KC_HOME/bin/kc.sh" start-dev --http-port="$port" --http-management-port="$(free_port)" \
        >"$out/server.log" 2>&1 &
      SERVER_PID=$!
      ready_ms=$(await "$base/realms/master/.well-known/openid-configuration" "$t0") ;;
    gatehouse-*)
      mkdir -p "$WORK/$system"
      (cd "$WORK/$system" && exec env GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT="$port" GATEHOUSE_JWT_SECRET="$(random_hex 32)" \
        GATEHOUSE_REQUEST_RATE=off GATEHOUSE_NETWORK_RATE=off GATEHOUSE_REGISTRATION_RATE=off GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES=1000000 \
        $([ "$system" = gatehouse-pg ] && echo "GATEHOUSE_DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME GATEHOUSE_DB_USER=$DB_ROLE GATEHOUSE_DB_PASSWORD=$DB_PASSWORD") \
        GATEHOUSE_JAR="$WORK/app/gatehouse.jar" GATEHOUSE_JAVA="$JAVA" setsid bash "$WORK/app/gatehouse.sh") >"$out/server.log" 2>&1 &
      SERVER_PID=$!
      ready_ms=$(await "$base/health/ready" "$t0") ;;
  esac
  pid=$(java_pid_of "$SERVER_PID")
  sleep 5
  rss_idle=$(rss_kib "$pid")
  log "$system: ready after $ready_ms ms, idle RSS $((rss_idle / 1024)) MiB"

  # The same user (and, for Keycloak, a realm and a public client allowed the password grant).
  case $system in
    keycloak)
      local admin
      admin=$(curl -sf "$base/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
        -d username=admin --data-urlencode "password=$USER_PASSWORD" | jq -r .access_token)
      kc() { curl -sf -X POST "$base/admin/realms$1" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "$2"; }
      kc "" '{"realm":"bench","enabled":true,"accessTokenLifespan":900}' || die "could not create the realm"
      kc /bench/clients "{\"clientId\":\"$CLIENT\",\"publicClient\":true,\"directAccessGrantsEnabled\":true}" || die "could not create the client"
      kc /bench/users "{\"username\":\"$USER_NAME\",\"enabled\":true,\"emailVerified\":true,\"firstName\":\"Bench\",\"lastName\":\"User\",
        \"email\":\"$USER_NAME@example.com\",\"credentials\":[{\"type\":\"password\",\"value\":\"$USER_PASSWORD\",\"temporary\":false}]}" ||
        die "could not create the user"
      for ((i = 2; i <= LOGIN_ACCOUNTS; i++)); do
        kc /bench/users "{\"username\":\"${USER_NAME}_$i\",\"enabled\":true,\"emailVerified\":true,\"firstName\":\"Bench\",\"lastName\":\"User\",
          \"email\":\"${USER_NAME}_$i@example.com\",\"credentials\":[{\"type\":\"password\",\"value\":\"$USER_PASSWORD\",\"temporary\":false}]}" ||
          die "could not create login account $i"
      done
      token_url="$base/realms/bench/protocol/openid-connect/token"
      me_url="$base/realms/bench/protocol/openid-connect/userinfo"
      token_form="grant_type=password&client_id=$CLIENT&scope=openid&username=$USER_NAME&password=$USER_PASSWORD" ;;
    gatehouse-*)
      curl -sf -X POST "$base/users/" -H 'Content-Type: application/json' -d "{\"username\":\"$USER_NAME\",\"password\":\"$USER_PASSWORD\",
        \"email\":\"$USER_NAME@example.com\",\"full_name\":\"Bench User\"}" >/dev/null || die "could not register the user"
      for ((i = 2; i <= LOGIN_ACCOUNTS; i++)); do
        curl -sf -X POST "$base/users/" -H 'Content-Type: application/json' \
          -d "{\"username\":\"${USER_NAME}_$i\",\"password\":\"$USER_PASSWORD\"}" >/dev/null || die "could not register login account $i"
      done
      token_url="$base/token"
      me_url="$base/users/me"
      token_form="username=$USER_NAME&password=$USER_PASSWORD" ;;
  esac
  fresh_token() { curl -sf -X POST "$token_url" -H 'Content-Type: application/x-www-form-urlencoded' -d "$token_form" | jq -r .access_token; }
  # The logins go over LOGIN_ACCOUNTS accounts in turn (bench/load/logins.lua picks the next body per request: a
  # Lua call per login is nothing next to a password hash), the same accounts and form in both systems.
  echo "$token_form" >"$WORK/login-bodies.txt"
  for ((i = 2; i <= LOGIN_ACCOUNTS; i++)); do
    sed "s/username=$USER_NAME\&/username=${USER_NAME}_$i\\&/" <<<"$token_form" >>"$WORK/login-bodies.txt"
  done
  export BENCH_LOGIN_BODIES="$WORK/login-bodies.txt" BENCH_LOGIN_THREADS="$THREADS"

  token=$(fresh_token)
  [ -n "$token" ] && [ "$token" != null ] || die "$system: no token"
  log "$system: warm-up ${WARMUP}s (GET user info, then 10 s of logins)"
  measure "$out/wrk-warmup-me.txt" "$CONNECTIONS" $((WARMUP > 20 ? WARMUP - 10 : 10)) "$me_url" -H "Authorization: Bearer $token"
  measure "$out/wrk-warmup-login.txt" "$LOGIN_CONNECTIONS" 10 "$token_url" -s "$ROOT/bench/load/logins.lua"

  token=$(fresh_token) # Keycloak's tokens last 5 minutes by default (15 here); a fresh one outlives the runs
  log "$system: GET user info saturated, ${DURATION}s"
  rss_sampler_start "$pid" "$out/rss-during-load.txt"
  t1=$(cpu_ticks "$pid")
  measure "$out/wrk-me.txt" "$CONNECTIONS" "$DURATION" "$me_url" -H "Authorization: Bearer $token"
  t2=$(cpu_ticks "$pid")
  local me_rps me_requests me_cpu_us paced_pause
  me_rps=$(rps_of "$out/wrk-me.txt")
  me_requests=$(requests_of "$out/wrk-me.txt")
  me_cpu_us=$(cpu_per_request $((t2 - t1)) "$me_requests" us %.0f)
  # Paced at about half the saturated rate: each connection pauses so that 32 of them offer rps / 2.
  paced_pause=$(awk -v rps="$me_rps" -v c="$CONNECTIONS" 'BEGIN { p = c / (rps / 2) * 1000; printf "%d", (p < 1 ? 1 : p) }')
  paced_script "$paced_pause" "$WORK/paced.lua"
  log "$system: GET user info paced (${paced_pause} ms pause per connection), ${DURATION}s"
  measure "$out/wrk-me-paced.txt" "$CONNECTIONS" "$DURATION" "$me_url" -H "Authorization: Bearer $token" -s "$WORK/paced.lua"
  log "$system: logins, ${DURATION}s"
  t1=$(cpu_ticks "$pid")
  measure "$out/wrk-login.txt" "$LOGIN_CONNECTIONS" "$DURATION" "$token_url" -s "$ROOT/bench/load/logins.lua"
  t2=$(cpu_ticks "$pid")
  local login_cpu_ms
  login_cpu_ms=$(cpu_per_request $((t2 - t1)) "$(requests_of "$out/wrk-login.txt")" ms)
  rss_sampler_stop
  local rss_load peak rss_median
  rss_load=$(rss_kib "$pid")
  rss_median=$(rss_median_kib "$out/rss-during-load.txt")
  peak=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
  stop_server "$system"
  keep_ends "$out/server.log"
  printf '%s\n' "system=$system ready_ms=$ready_ms rss_idle_kib=$rss_idle rss_load_kib=$rss_load rss_peak_kib=$peak rss_load_median_kib=$rss_median" \
    "me_rps=$me_rps me_p99_ms=$(p99_ms_of "$out/wrk-me.txt") me_errors=$(errors_of "$out/wrk-me.txt") me_cpu_us=$me_cpu_us" \
    "paced_rps=$(rps_of "$out/wrk-me-paced.txt") paced_p99_ms=$(p99_ms_of "$out/wrk-me-paced.txt") paced_errors=$(errors_of "$out/wrk-me-paced.txt") paced_pause_ms=$paced_pause" \
    "login_rps=$(rps_of "$out/wrk-login.txt") login_p99_ms=$(p99_ms_of "$out/wrk-login.txt") login_errors=$(errors_of "$out/wrk-login.txt") login_cpu_ms=$login_cpu_ms" \
    | tr '\n' ' ' >"$out/figures.txt"
  echo >>"$out/figures.txt"
  log "$system: $(cat "$out/figures.txt")"
}

LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)
for system in $SYSTEMS; do run_system "$system"; done

# ---------------------------------------------------------------- the table
value() { figure "$RESULTS/$1/figures.txt" "$2"; }
whole() { local v; read -r v; fmt_int "$v"; }
in_mib() { local v; read -r v; mib "$v"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == a + 0 && b == b + 0 && b > 0) printf "%.2f×", a / b; else print "" }'; }
ROWS=(
  "GET user info saturated ($CONNECTIONS conn), req/s|me_rps|whole"
  "… p99 at saturation, ms|me_p99_ms|cat"
  "… server CPU per request, µs|me_cpu_us|whole"
  "… errors (non-200 + socket)|me_errors|cat"
  "GET user info paced at ~half the saturated rate, req/s|paced_rps|whole"
  "… p99, ms|paced_p99_ms|cat"
  "… errors|paced_errors|cat"
  "logins/s ($LOGIN_CONNECTIONS conn over $LOGIN_ACCOUNTS accounts)|login_rps|cat"
  "… p99, ms|login_p99_ms|cat"
  "… server CPU per login, ms|login_cpu_ms|cat"
  "… errors|login_errors|cat"
  "cold start to ready, ms|ready_ms|whole"
  "RSS idle, MiB|rss_idle_kib|in_mib"
  "RSS through the measured load (median of 0.5 s samples), MiB|rss_load_median_kib|in_mib"
  "RSS after load (peak), MiB|rss_peak_kib|in_mib"
)
TABLE=$(
  header="| |" rule="|---|"
  for system in $SYSTEMS; do header="$header $system |"; rule="$rule---|"; done
  [[ " $SYSTEMS " == *" keycloak "* ]] && for system in $SYSTEMS; do
    [ "$system" = keycloak ] || { header="$header $system ÷ keycloak |"; rule="$rule---|"; }
  done
  echo "$header"; echo "$rule"
  for row in "${ROWS[@]}"; do
    IFS='|' read -r label key format <<<"$row"
    line="| $label |"
    for system in $SYSTEMS; do line="$line $(value "$system" "$key" | $format) |"; done
    [[ " $SYSTEMS " == *" keycloak "* ]] && for system in $SYSTEMS; do
      [ "$system" = keycloak ] || line="$line $(ratio "$(value "$system" "$key")" "$(value keycloak "$key")") |"
    done
    echo "$line"
  done
)
{
  echo "# Gatehouse and Keycloak side by side, $STAMP"
  echo
  echo "$TABLE"
  echo
  echo "- commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown); Keycloak $KC_VERSION (\`kc.sh start-dev\`, its default dev-file H2); Gatehouse through its launcher and jvm.options"
  echo "- each warmed ${WARMUP}s, then wrk -t$THREADS, ${DURATION}s per run, on the same machine (it shares the $(nproc) cores); load average at the start $LOADAVG_START; $(autogroup_state)"
  echo "- JDK: $("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "- raw outputs: <system>/wrk-*.txt, <system>/server.log (its first and last 200 lines), <system>/figures.txt, <system>/rss-during-load.txt (seconds, KiB)"
} >"$RESULTS/results.md"
cat "$RESULTS/results.md"
