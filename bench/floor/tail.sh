#!/usr/bin/env bash
# The paced tail's floor on this machine: wrk paced as bench/compare paces it (-t2 -c32, each connection pausing
# PAUSE_MS between requests: about half the saturated rate here) against, in turn,
#   helidon    bare Helidon SE's /health/ready (bench/floor's `helidon` level: one route and nothing else)
#   stack      the stack the brief fixes, /health/ready (bench/floor's `stack` level: Helidon SE, and each request a
#              Hibernate query in a transaction on an H2 file database pooled by HikariCP and migrated by Flyway)
#   live       Gatehouse's /health/live (its filters and access log; no token, no database)
#   users-me   Gatehouse's GET /users/me with one RS256 token (what bench/compare scores)
# each started through Gatehouse's launcher, jvm.options and AOT cache (Gatehouse on a fresh embedded database) and
# warmed WARMUP s saturated first. When bare Helidon's p99 is as high as Gatehouse's, the tail belongs to the server
# stack and the shared cores, not to Gatehouse's request path (bench/README.md, "The paced tail's floor"). RSS is
# sampled through each warm-up and paced run (median and highest sample): what the stack holds under load, before
# Gatehouse's own share.
#
# Usage: bench/floor/tail.sh [N]   N rounds (default 3); build first: ./mvnw -DskipTests -DskipITs install
#   PAUSE_MS=1, WARMUP=30 and DURATION=20 seconds; BENCH_RESULTS_DIR (default bench/floor/results/<UTC time>-tail)
set -Eeuo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
ROUNDS=${1:-3} PAUSE_MS=${PAUSE_MS:-1} WARMUP=${WARMUP:-30} DURATION=${DURATION:-20}
for n in "$ROUNDS" "$PAUSE_MS" "$WARMUP" "$DURATION"; do is_uint "$n" && [ "$n" -ge 1 ] || die "N, PAUSE_MS, WARMUP and DURATION must be whole numbers of at least 1"; done
RESULTS=${BENCH_RESULTS_DIR:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)-tail}
JDK=$("$ROOT/.mvn/find-jdk.sh") || die "no JDK 21 or newer found"
export JAVA_HOME=$JDK GATEHOUSE_JAVA="$JDK/bin/java"
[ -f "$ROOT/bootstrap/target/gatehouse.jar" ] || die "build first: ./mvnw -DskipTests -DskipITs install"
install_package wrk wrk
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-tail.XXXXXX") STOP_TIMEOUT_S=20 PID="" BASE=""
cleanup() { rss_sampler_stop; [ -z "$PID" ] || signal_then_kill "$PID" TERM server is_running; autogroup_restore; rm -rf "$WORK"; }
trap cleanup EXIT

log "building bench/floor/target/floor.jar"
floor_build "$ROOT" >"$RESULTS/build.log" 2>&1 || die "build failed; see $RESULTS/build.log"
floor_app "$ROOT" helidon "$WORK/helidon"
floor_app "$ROOT" stack "$WORK/stack"
copy_app "$ROOT" "$WORK/gatehouse"
for app in helidon stack gatehouse; do
  GATEHOUSE_JAR="$WORK/$app/gatehouse.jar" bash "$WORK/$app/gatehouse.sh" --prepare >>"$RESULTS/prepare.log" 2>&1 ||
    die "recording the AOT cache failed; see $RESULTS/prepare.log"
done
paced_script "$PAUSE_MS" "$WORK/paced.lua"
autogroup_off
{
  echo "bench/floor/tail.sh $ROUNDS (PAUSE_MS=$PAUSE_MS WARMUP=$WARMUP DURATION=$DURATION)"
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores," \
    "$("$GATEHOUSE_JAVA" -version 2>&1 | head -n 1), $(autogroup_state)"
  echo "columns: label req/s p50 p90 p99 errors (non-2xx and socket errors) server_cpu_us_per_request (from /proc)" \
    "rss_median_mib rss_max_mib (0.5 s samples through the saturated warm-up and the paced run)"
} | tee "$RESULTS/paced.txt"

serve() { # APP ROUND: starts it, sets PID and BASE once it answers /health/ready
  local port i
  port=$(free_port)
  GATEHOUSE_JAR="$WORK/$1/gatehouse.jar" GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT=$port \
    GATEHOUSE_DATA_DIR="$WORK/data-$1-$2" GATEHOUSE_JWT_SECRET=$(random_hex 32) GATEHOUSE_REQUEST_RATE=off \
    GATEHOUSE_NETWORK_RATE=off setsid bash "$WORK/$1/gatehouse.sh" >"$WORK/server-$1-$2.log" 2>&1 &
  PID=$! BASE=http://127.0.0.1:$port
  for ((i = 0; i < 600; i++)); do
    curl -sf -o /dev/null --max-time 2 "$BASE/health/ready" && return 0
    is_running "$PID" || die "$1 exited during start: $(tail -n 5 "$WORK/server-$1-$2.log")"
    sleep 0.1
  done
  die "$1 was not ready within 60 s"
}
stop() { signal_then_kill "$PID" TERM server is_running; PID=""; }
paced() { # LABEL ROUND URL [wrk options]: the saturated warm-up, then the paced run, one line in paced.txt
  local label=$1 round=$2 url=$3 out ticks
  shift 3
  out="$RESULTS/wrk-$label-$round.txt"
  rss_sampler_start "$PID" "$RESULTS/rss-$label-$round.txt"
  wrk -t2 -c32 -d"${WARMUP}s" "$@" "$url" >/dev/null
  ticks=$(cpu_ticks "$PID")
  wrk -t2 -c32 -d"${DURATION}s" --latency -s "$WORK/paced.lua" "$@" "$url" >"$out"
  ticks=$(($(cpu_ticks "$PID") - ticks))
  rss_sampler_stop
  echo "$label $(rps_of "$out") $(awk '$1 == "50%" || $1 == "90%" || $1 == "99%" { printf "%s ", $2 }' "$out")$(errors_of "$out") $(
    cpu_per_request "$ticks" "$(requests_of "$out")") $(rss_median_mib "$RESULTS/rss-$label-$round.txt") $(
    rss_max_mib "$RESULTS/rss-$label-$round.txt")" | tee -a "$RESULTS/paced.txt"
}

for round in $(seq 1 "$ROUNDS"); do
  serve helidon "$round"
  paced helidon "$round" "$BASE/health/ready"
  stop
  serve stack "$round"
  paced stack "$round" "$BASE/health/ready"
  stop
  serve gatehouse "$round"
  curl -sf -o /dev/null -X POST "$BASE/users/" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"bench-password-1"}' || die "registration failed"
  token=$(curl -sf "$BASE/token" -d 'username=bench&password=bench-password-1' | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || die "no token"
  paced live "$round" "$BASE/health/live"
  paced users-me "$round" "$BASE/users/me" -H "Authorization: Bearer $token"
  stop
done
echo "medians: label p99_ms rss_median_mib rss_max_mib" | tee -a "$RESULTS/paced.txt"
field_of_runs() { awk -v l="$1" -v f="$2" '$1 == l && NF == 9 { print $f }' "$RESULTS/paced.txt"; } # LABEL FIELD
for label in helidon stack live users-me; do
  echo "$label $(field_of_runs "$label" 5 | wrk_ms | median) $(field_of_runs "$label" 8 | median) $(
    field_of_runs "$label" 9 | median)" | tee -a "$RESULTS/paced.txt"
done
log "raw outputs in $RESULTS"
