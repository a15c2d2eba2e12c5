#!/usr/bin/env bash
# Cold start and memory of Gatehouse through its launcher, robust to a busy machine: N starts on a fresh
# embedded database each, the time to /health/ready (min and median), the idle RSS 5 s after ready, the classes
# loaded and, with BENCH_NMT=1, the JVM's native memory summary (NMT) of the last start. See bench/README.md.
#
# Usage: bench/start/run.sh [N]   (default 5; needs bootstrap/target/gatehouse.jar)
# Knobs (environment):
#   BENCH_APP=DIR           a folder holding gatehouse.jar, libs/, gatehouse.sh and jvm.options (default: a copy of
#                           this checkout's build in a temporary folder, whose AOT cache is recorded first, not timed)
#   GATEHOUSE_JAVA_OPTS     extra JVM options for every start (an A/B of an option)
#   GATEHOUSE_AOT=off       starts without the AOT cache
#   BENCH_NMT=1             adds -XX:NativeMemoryTracking=summary and keeps `jcmd VM.native_memory summary`
#   BENCH_IDLE_S=5          seconds between ready and the idle RSS sample
#   BENCH_RESULTS_DIR=bench/start/results/<UTC time>
set -Eeuo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
RUNS=${1:-5}
IDLE_S=${BENCH_IDLE_S:-5}
is_uint "$RUNS" && [ "$RUNS" -ge 1 ] && [ "$RUNS" -le 50 ] || die "N must be 1..50"
RESULTS=${BENCH_RESULTS_DIR:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}
JDK=$("$ROOT/.mvn/find-jdk.sh") || die "no JDK 21 or newer found"
export GATEHOUSE_JAVA="$JDK/bin/java"
STOP_TIMEOUT_S=20 SERVER_PID="" WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-start.XXXXXX")
cleanup() {
  local rc=$?
  [ -z "$SERVER_PID" ] || signal_then_kill "$SERVER_PID" TERM server is_running
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
mkdir -p "$RESULTS"
if [ -n "${BENCH_APP:-}" ]; then
  APP=$(cd "$BENCH_APP" && pwd)
else
  [ -f "$ROOT/bootstrap/target/gatehouse.jar" ] || die "build first: ./mvnw -DskipTests package"
  APP="$WORK/app"
  copy_app "$ROOT" "$APP"
  log "recording the AOT cache (not timed)"
  GATEHOUSE_JAR="$APP/gatehouse.jar" bash "$APP/gatehouse.sh" --prepare >"$RESULTS/prepare.log" 2>&1 || die "prepare failed; see $RESULTS"
fi
EXTRA=${GATEHOUSE_JAVA_OPTS:-}
[ "${BENCH_NMT:-0}" = 1 ] && EXTRA="$EXTRA -XX:NativeMemoryTracking=summary"

: >"$RESULTS/starts.txt"
for ((run = 1; run <= RUNS; run++)); do
  port=$(free_port)
  data="$WORK/data-$run"
  t0=$(date +%s%N)
  GATEHOUSE_JAR="$APP/gatehouse.jar" GATEHOUSE_JAVA_OPTS="$EXTRA" GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT=$port \
    GATEHOUSE_DATA_DIR="$data" GATEHOUSE_JWT_SECRET="$(random_hex 32)" setsid bash "$APP/gatehouse.sh" >"$RESULTS/server-$run.log" 2>&1 &
  SERVER_PID=$!
  ready_ms=""
  for ((i = 0; i < 1200; i++)); do
    is_running "$SERVER_PID" || die "the server exited; see $RESULTS/server-$run.log"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health/ready" || true)" = 200 ]; then
      ready_ms=$((($(date +%s%N) - t0) / 1000000)); break
    fi
    sleep 0.02
  done
  [ -n "$ready_ms" ] || die "not ready in time"
  sleep "$IDLE_S"
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
  classes=$("$JDK/bin/jcmd" "$SERVER_PID" VM.class_hierarchy 2>/dev/null | wc -l)
  threads=$(ls "/proc/$SERVER_PID/task" | wc -l)
  if [ "${BENCH_NMT:-0}" = 1 ] && [ "$run" = "$RUNS" ]; then
    "$JDK/bin/jcmd" "$SERVER_PID" VM.native_memory summary >"$RESULTS/nmt-idle.txt" 2>&1 || true
  fi
  printf '%s %s %s %s\n' "$ready_ms" "$rss" "$classes" "$threads" >>"$RESULTS/starts.txt"
  log "start $run: ready after $ready_ms ms, idle RSS $(mib "$rss") MiB, $classes classes, $threads threads"
  signal_then_kill "$SERVER_PID" TERM server is_running
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
done
{
  echo "# Start-up, $(date -u +%Y%m%dT%H%M%SZ)"
  echo
  echo "- commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); $RUNS starts; extra options: '${EXTRA# }'; AOT ${GATEHOUSE_AOT:-auto}"
  echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  sort -n "$RESULTS/starts.txt" | awk '{ ms[NR] = $1 } END { printf "- ready ms: min %d, median %d, max %d\n", ms[1], ms[int((NR + 1) / 2)], ms[NR] }'
  sort -n -k2 "$RESULTS/starts.txt" | awk '{ r[NR] = $2 } END { printf "- idle RSS MiB: min %.0f, median %.0f, max %.0f\n", r[1] / 1024, r[int((NR + 1) / 2)] / 1024, r[NR] / 1024 }'
  awk '{ c = $3; t = $4 } END { printf "- classes loaded: %d; threads: %d\n", c, t }' "$RESULTS/starts.txt"
} >"$RESULTS/results.md"
cat "$RESULTS/results.md"
