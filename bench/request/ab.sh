#!/usr/bin/env bash
# A/B of the request path: GET /users/me (or ENDPOINT) saturated (wrk -t2 -c32, as bench/compare) on variants started in turn
# (A, B, A, B, ...), each through its own launcher copy on a fresh embedded database, with one registered user and
# an RS256 token (the default). Per run: req/s, p99 and the server's CPU per request (from /proc: what a shared
# machine distorts least). The raw wrk outputs and one line per run go to bench/request/results/<UTC time>/.
# See bench/README.md ("The request path").
#
# Usage: bench/request/ab.sh N LABEL=APPDIR[|JVM OPTIONS] ...
#   APPDIR holds gatehouse.jar, libs/, gatehouse.sh and jvm.options with its AOT cache recorded (gatehouse.sh --prepare;
#   bench/lib.sh's copy_app makes one from a build)
#   WARMUP=40 seconds of load before the measured runs, DURATION=20 seconds per measured run, RUNS=2 per start
#   ENDPOINT=/users/me   the path every run requests (with the token; /health/live measures the path every request
#                takes without the bearer check)
#   PAUSE_MS=N   then as many runs paced as bench/compare paces (each connection pauses N ms between requests; 1 there
#                at ~40,000 req/s saturated): their p99 per run in paced.txt (the tail a pause-free run hides)
# Per start, rss.txt has the server's RSS through the measured runs (median of 0.5 s samples) and its peak (VmHWM), MiB.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib.sh
. "$ROOT/bench/lib.sh"
N=$1; shift
J=$("$ROOT/.mvn/find-jdk.sh")/bin/java
WARMUP=${WARMUP:-40} DURATION=${DURATION:-20} RUNS=${RUNS:-2} ENDPOINT=${ENDPOINT:-/users/me}
OUT="$ROOT/bench/request/results/$(date -u +%Y%m%dT%H%M%SZ)"; mkdir -p "$OUT"; WORK=$(mktemp -d /tmp/request-ab.XXXX)
command -v wrk >/dev/null || die "wrk is missing (bench/load/run.sh installs it)"
autogroup_off
trap 'autogroup_restore; rm -rf "$WORK"' EXIT
variant() { # label app opts round
  local port=$((20000 + RANDOM % 20000)) pid token r t1 t2 requests base
  base=http://127.0.0.1:$port
  GATEHOUSE_JAR=$2/gatehouse.jar GATEHOUSE_JAVA=$J GATEHOUSE_JAVA_OPTS="$3" GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT=$port \
    GATEHOUSE_DATA_DIR=$WORK/data-$1-$4 GATEHOUSE_JWT_SECRET=$(openssl rand -hex 32) GATEHOUSE_REQUEST_RATE=off \
    GATEHOUSE_NETWORK_RATE=off setsid bash "$2/gatehouse.sh" >"$WORK/$1-$4.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    curl -sf -o /dev/null --max-time 2 "$base/health/ready" && break
    kill -0 $pid 2>/dev/null || die "$1 exited during start: $WORK/$1-$4.log"; sleep 0.02
  done
  curl -sf -X POST "$base/users/" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"bench-password-1","email":"bench@example.com","full_name":"Bench User"}' >/dev/null
  token=$(curl -sf "$base/token" -d 'username=bench&password=bench-password-1' | jq -r .access_token)
  wrk -t2 -c32 -d"${WARMUP}s" -H "Authorization: Bearer $token" "$base$ENDPOINT" >/dev/null
  rss_sampler_start "$pid" "$OUT/rss-$1-$4.txt"
  for r in $(seq 1 "$RUNS"); do
    t1=$(cpu_ticks "$pid")
    wrk -t2 -c32 -d"${DURATION}s" --latency -H "Authorization: Bearer $token" "$base$ENDPOINT" >"$OUT/wrk-$1-$4-$r.txt"
    t2=$(cpu_ticks "$pid")
    requests=$(requests_of "$OUT/wrk-$1-$4-$r.txt")
    echo "$1 $(rps_of "$OUT/wrk-$1-$4-$r.txt") \
$(cpu_per_request $((t2 - t1)) "$requests") \
$(awk '$1 == "99%" { print $2 }' "$OUT/wrk-$1-$4-$r.txt") \
$(grep -c 'Non-2xx' "$OUT/wrk-$1-$4-$r.txt" || true)" | tee -a "$OUT/runs.txt"
  done
  if [ -n "${PAUSE_MS:-}" ]; then
    paced_script "$PAUSE_MS" "$WORK/paced.lua"
    for r in $(seq 1 "$RUNS"); do
      wrk -t2 -c32 -d"${DURATION}s" --latency -H "Authorization: Bearer $token" -s "$WORK/paced.lua" "$base$ENDPOINT" \
        >"$OUT/wrk-paced-$1-$4-$r.txt"
      echo "$1 $(rps_of "$OUT/wrk-paced-$1-$4-$r.txt") $(awk '$1 == "99%" { print $2 }' "$OUT/wrk-paced-$1-$4-$r.txt") \
$(grep -c 'Non-2xx' "$OUT/wrk-paced-$1-$4-$r.txt" || true)" | tee -a "$OUT/paced.txt"
    done
  fi
  rss_sampler_stop
  echo "$1 $(rss_median_mib "$OUT/rss-$1-$4.txt") $(awk '/^VmHWM:/ { print int($2 / 1024) }' /proc/$pid/status)" | tee -a "$OUT/rss.txt"
  kill -TERM $pid; wait $pid 2>/dev/null || true
}
declare -A APP OPTS; LABELS=()
for v in "$@"; do l=${v%%=*}; r=${v#*=}; APP[$l]=${r%%|*}; [[ $r == *"|"* ]] && OPTS[$l]=${r#*|} || OPTS[$l]=""; LABELS+=("$l"); done
{ echo "bench/request/ab.sh $N $* (ENDPOINT=$ENDPOINT)"; echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u), load $(cut -d' ' -f1-3 /proc/loadavg), $(autogroup_state)"
  echo "columns: label req/s cpu_us_per_request p99 non2xx_lines${PAUSE_MS:+; paced.txt (${PAUSE_MS} ms pause): label req/s p99 non2xx_lines}; rss.txt: label median_mib peak_mib"; } | tee "$OUT/runs-header.txt"
for round in $(seq 1 "$N"); do for l in "${LABELS[@]}"; do variant "$l" "${APP[$l]}" "${OPTS[$l]}" "$round"; done; done
echo "median: label req/s cpu_us_per_request" | tee "$OUT/medians.txt"
for l in "${LABELS[@]}"; do
  echo "$l $(awk -v l="$l" '$1 == l { print $2 }' "$OUT/runs.txt" | median) \
$(awk -v l="$l" '$1 == l { print $3 }' "$OUT/runs.txt" | median)" | tee -a "$OUT/medians.txt"
done
if [ -n "${PAUSE_MS:-}" ]; then
  echo "median paced p99, ms: label p99" | tee -a "$OUT/medians.txt"
  for l in "${LABELS[@]}"; do
    echo "$l $(awk -v l="$l" '$1 == l { print $3 }' "$OUT/paced.txt" | wrk_ms | median)" | tee -a "$OUT/medians.txt"
  done
fi
echo "RSS through the measured runs, MiB: label median_of_starts highest_peak" | tee -a "$OUT/medians.txt"
for l in "${LABELS[@]}"; do
  echo "$l $(awk -v l="$l" '$1 == l { print $2 }' "$OUT/rss.txt" | median) \
$(awk -v l="$l" '$1 == l && $3 > m { m = $3 } END { print m }' "$OUT/rss.txt")" | tee -a "$OUT/medians.txt"
done
log "raw outputs in $OUT"
