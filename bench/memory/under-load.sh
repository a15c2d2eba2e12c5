#!/usr/bin/env bash
# Where RSS under load goes, for JVM options in turn: each variant starts the launcher (jvm.options, AOT cache) on a
# fresh embedded database in demo mode, saturates GET /users/me (2 threads, 32 connections), runs logins (8
# connections), saturates again, and reads RSS after each phase, the collector's log and NMT at the end.
#
# Usage: bench/memory/under-load.sh [LABEL='OPTIONS' ...]     e.g.  base='' xmx160='-Xmx160m'
#        (needs ./mvnw -DskipTests -DskipITs package first, and wrk)
# Knobs: BENCH_FIRST=60 BENCH_LOGINS=20 BENCH_SECOND=30 (seconds of each phase),
#        BENCH_RESULTS_DIR=bench/memory/results/<UTC time>-under-load, BENCH_AUTOGROUP=off (see bench/lib.sh)
set -Eeuo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

FIRST=${BENCH_FIRST:-60} LOGINS=${BENCH_LOGINS:-20} SECOND=${BENCH_SECOND:-30} STOP_TIMEOUT_S=30
for n in "$FIRST" "$LOGINS" "$SECOND"; do is_uint "$n" && [ "$n" -ge 1 ] && [ "$n" -le 600 ] || die "phases are 1..600 seconds"; done
RESULTS=${BENCH_RESULTS_DIR:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)-under-load}
JDK=$("$ROOT/.mvn/find-jdk.sh")
[ -f "$ROOT/bootstrap/target/gatehouse.jar" ] || die "build first: ./mvnw -DskipTests -DskipITs package"
install_package wrk wrk
[ $# -gt 0 ] || set -- "base="
mkdir -p "$RESULTS"
WORK=$(mktemp -d)
SERVER_PID=
cleanup() { rss_sampler_stop; if [ -n "$SERVER_PID" ]; then signal_then_kill "$SERVER_PID" TERM gatehouse is_running; fi; rm -rf "$WORK"; autogroup_restore; }
trap cleanup EXIT
autogroup_off

rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
rate() { awk '/^Requests\/sec:/ { printf "%d", $2 }' "$1"; }
p99() { awk '$1 == "99%" { print $2 }' "$1"; }

{
  echo "# RSS under load, $(date -u +%FT%TZ), commit $(git -C "$ROOT" rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg); $(autogroup_state)"
  echo "Phases: /users/me saturated ${FIRST} s, logins ${LOGINS} s, /users/me saturated ${SECOND} s."
  echo
  echo "| variant | options | idle RSS | after first | after logins | after second | median under load | peak (VmHWM) | /users/me req/s (first, second) | p99 second | full GCs | heap committed at end |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$RESULTS/results.md"

printf 'wrk.method = "POST"\nwrk.body = "username=johndoe&password=secret"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n' >"$WORK/login.lua"
for variant in "$@"; do
  label=${variant%%=*} options=${variant#*=} out="$RESULTS/$label"
  mkdir -p "$out"
  app="$WORK/$label"
  copy_app "$ROOT" "$app"
  GATEHOUSE_JAR="$app/gatehouse.jar" GATEHOUSE_JAVA="$JDK/bin/java" bash "$app/gatehouse.sh" --prepare >"$out/prepare.log" 2>&1 || true
  port=$(free_port)
  (GATEHOUSE_DEMO=true GATEHOUSE_PORT=$port GATEHOUSE_DATA_DIR="$app/data" GATEHOUSE_REQUEST_RATE=off GATEHOUSE_NETWORK_RATE=off \
    GATEHOUSE_JAVA_OPTS="-XX:NativeMemoryTracking=summary -Xlog:gc:file=$out/gc.log $options" \
    GATEHOUSE_JAR="$app/gatehouse.jar" GATEHOUSE_JAVA="$JDK/bin/java" exec bash "$app/gatehouse.sh") >"$app/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.25; done
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { tail -n 40 "$app/server.log" >&2; die "$label: not ready"; }
  pid=$SERVER_PID
  idle=$(rss_mib "$pid")
  rss_sampler_start "$pid" "$out/rss.txt"
  token=$(curl -s -X POST "http://127.0.0.1:$port/token" -d username=johndoe -d password=secret | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  wrk -t2 -c32 -d"${FIRST}s" -H "Authorization: Bearer $token" "http://127.0.0.1:$port/users/me" >"$out/wrk-first.txt"
  first=$(rss_mib "$pid")
  wrk -t2 -c8 -d"${LOGINS}s" -s "$WORK/login.lua" "http://127.0.0.1:$port/token" >"$out/wrk-logins.txt"
  logins=$(rss_mib "$pid")
  wrk -t2 -c32 -d"${SECOND}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port/users/me" >"$out/wrk-second.txt"
  second=$(rss_mib "$pid")
  rss_sampler_stop
  median=$(rss_median_mib "$out/rss.txt")
  peak=$(awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$pid/status")
  "$JDK/bin/jcmd" "$pid" VM.native_memory summary >"$out/nmt.txt" 2>&1 || true
  "$JDK/bin/jcmd" "$pid" GC.heap_info >"$out/heap.txt" 2>&1 || true
  heap=$(awk '/Java Heap/ { if (match($0, /committed=[0-9]+KB/)) printf "%d MiB", substr($0, RSTART + 10, RLENGTH - 12) / 1024 }' "$out/nmt.txt")
  fulls=$(grep -c 'Pause Full' "$out/gc.log" || true)
  signal_then_kill "$SERVER_PID" TERM gatehouse is_running
  SERVER_PID=
  gzip -9 "$out/gc.log" # kept with the results (the repository ignores *.log)
  # Its log holds a line per request: only the start and the end are kept.
  { head -n 30 "$app/server.log"; echo "…"; tail -n 30 "$app/server.log"; } >"$out/server-log-ends.txt"
  rm -rf "$app"
  echo "| $label | \`${options:-(launcher defaults)}\` | $idle | $first | $logins | $second | $median | $peak | $(rate "$out/wrk-first.txt"), $(rate "$out/wrk-second.txt") | $(p99 "$out/wrk-second.txt") | $fulls | $heap |" \
    >>"$RESULTS/results.md"
  log "$label: idle $idle MiB, after first $first, after logins $logins, after second $second MiB, median under load $median, peak $peak MiB"
done
echo "RSS in MiB. Median: RSS sampled every 0.5 s through the three phases. Raw: rss.txt, wrk outputs, gc.log.gz, nmt.txt, heap.txt, the server log's ends per variant." >>"$RESULTS/results.md"
cat "$RESULTS/results.md"
