#!/usr/bin/env bash
# Allocation and CPU profile of GET /users/me under load (measures that hold on a busy machine): starts Gatehouse
# through its launcher on a fresh embedded database, warms /users/me up with wrk, then records JFR ("profile"
# settings) and the GC log over a measured wrk run. Prints the bytes allocated per request (from the serial
# collector's log: what each young collection found allocated since the last) and keeps the recording, its text
# summary (jfr-summary.py) and the GC log under bench/profile/results/<UTC time>/.
#
# Usage: bench/profile/run.sh    Knobs: BENCH_WARMUP=15, BENCH_DURATION=15 (seconds), BENCH_JAVA_OPTS (extra options)
#   BENCH_PAUSE_MS=N  profile /users/me paced as bench/compare paces it (wrk -t2 -c32, each connection pausing N ms;
#                     warmed saturated at the same 32 connections), with a CPU sample every millisecond, and print the
#                     server's CPU per request (from /proc) and the p99: where a paced request's time goes
# The AOT cache is off here (JFR's module makes the JDK refuse it); it does not change what a request allocates.
set -Eeuo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
OUT=${BENCH_RESULTS_DIR:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}
JDK=$("$ROOT/.mvn/find-jdk.sh") || die "no JDK 21 or newer found"
[ -f "$ROOT/bootstrap/target/gatehouse.jar" ] || die "build first: ./mvnw -DskipTests package"
install_package wrk wrk
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
STOP_TIMEOUT_S=20 PID="" DATA=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-profile.XXXXXX")
cleanup() { local rc=$?; [ -z "$PID" ] || signal_then_kill "$PID" TERM server is_running; autogroup_restore; rm -rf "$DATA"; exit "$rc"; }
trap cleanup EXIT
port=$(free_port)
base="http://127.0.0.1:$port"
GATEHOUSE_JAVA="$JDK/bin/java" GATEHOUSE_AOT=off GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT="$port" GATEHOUSE_DATA_DIR="$DATA" \
  GATEHOUSE_JWT_SECRET="$(random_hex 32)" GATEHOUSE_REQUEST_RATE=off GATEHOUSE_NETWORK_RATE=off GATEHOUSE_REGISTRATION_RATE=off \
  GATEHOUSE_JAVA_OPTS="-Xlog:gc:file=$OUT/gc.log ${BENCH_JAVA_OPTS:-}" setsid bash "$ROOT/bootstrap/src/main/launcher/gatehouse.sh" \
  >"$OUT/server.log" 2>&1 &
PID=$!
for ((i = 0; i < 1200; i++)); do curl -sf -o /dev/null "$base/health/ready" && break; is_running "$PID" || die "the server exited"; sleep 0.1; done
password="profile-$(random_hex 8)"
curl -sf -o /dev/null -X POST "$base/users/" -H 'Content-Type: application/json' -d "{\"username\":\"profile_user\",\"password\":\"$password\"}"
token=$(curl -sf -X POST "$base/token" -d "username=profile_user&password=$password" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "no token"
load="-t1 -c4" sampling="" paced=""
if [ -n "${BENCH_PAUSE_MS:-}" ]; then
  load="-t2 -c32" sampling="jdk.ExecutionSample#period=1ms"
  paced_script "$BENCH_PAUSE_MS" "$DATA/paced.lua"
  paced="-s $DATA/paced.lua"
  autogroup_off
fi
# shellcheck disable=SC2086 # the wrk options are words
wrk $load -d"${BENCH_WARMUP:-15}s" -H "Authorization: Bearer $token" "$base/users/me" >"$OUT/wrk-warmup.txt"
# shellcheck disable=SC2086
"$JDK/bin/jcmd" "$PID" JFR.start name=profile settings=profile $sampling >/dev/null
"$JDK/bin/jcmd" "$PID" GC.run >/dev/null
sleep 0.5
mark=$(wc -l <"$OUT/gc.log")
ticks=$(cpu_ticks "$PID")
# shellcheck disable=SC2086
wrk $load -d"${BENCH_DURATION:-15}s" --latency $paced -H "Authorization: Bearer $token" "$base/users/me" >"$OUT/wrk-users-me.txt"
ticks=$(($(cpu_ticks "$PID") - ticks))
"$JDK/bin/jcmd" "$PID" GC.run >/dev/null
sleep 0.5
"$JDK/bin/jcmd" "$PID" JFR.dump name=profile filename="$OUT/users-me.jfr" >/dev/null
signal_then_kill "$PID" TERM server is_running
PID=""
requests=$(requests_of "$OUT/wrk-users-me.txt")
tail -n +$((mark + 1)) "$OUT/gc.log" | grep -o '[0-9]*M->[0-9]*M' | awk -F'[M>-]' -v req="$requests" -v c="$(git -C "$ROOT" rev-parse --short HEAD)" \
  'NR > 1 { alloc += $1 - prev } { prev = $4 } END { printf "commit %s: %d requests, %d MiB allocated, %.0f bytes per request\n", c, req, alloc, alloc * 1048576 / req }' \
  | tee "$OUT/allocation.txt"
echo "$(rps_of "$OUT/wrk-users-me.txt") req/s, p99 $(p99_ms_of "$OUT/wrk-users-me.txt") ms," \
  "server CPU $(cpu_per_request "$ticks" "$requests") us per request (JFR recording)" | tee -a "$OUT/allocation.txt"
JFR="$JDK/bin/jfr" "$HERE/jfr-summary.py" "$OUT/users-me.jfr" >"$OUT/summary.txt"
rm -f "$OUT/users-me.jfr" # large; the summary is what is kept
# One access line per request: keep the start and the end of the server's log.
lines=$(wc -l <"$OUT/server.log")
if [ "$lines" -gt 100 ]; then
  { head -n 50 "$OUT/server.log"; echo "[… $((lines - 100)) access lines left out …]"; tail -n 50 "$OUT/server.log"; } >"$OUT/server.log.kept"
  mv "$OUT/server.log.kept" "$OUT/server.log"
fi
log "raw outputs in $OUT"
