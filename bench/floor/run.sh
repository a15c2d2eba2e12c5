#!/usr/bin/env bash
# The start-up floor of Gatehouse's fixed stack against Gatehouse itself: four services started in turn through
# Gatehouse's launcher, jvm.options and AOT cache (bench/start/ab.sh), each on a fresh embedded database:
#   jdk       the JDK's own HTTP server answering /health/ready
#   helidon   Helidon SE answering it
#   stack     Helidon SE + H2 + HikariCP + Flyway + Hibernate (one table; ready asks Hibernate for a count)
#   gatehouse this checkout's build
# Medians of wall time to ready, CPU time at ready and idle RSS. What the stack costs before a line of Gatehouse is
# what no change to Gatehouse can take away (bench/README.md, "The floor of the stack").
#
# Usage: bench/floor/run.sh [N]   (default 5 rounds; needs `./mvnw -DskipTests -DskipITs install` at the root first)
#   RESTART=1 restarts each on one database (created by an untimed first start) instead of a fresh one each time
#   MAVEN_ARGS="-o" for an offline build; BENCH_RESULTS_DIR (default bench/floor/results/<UTC time>)
set -Eeuo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
ROUNDS=${1:-5}
is_uint "$ROUNDS" && [ "$ROUNDS" -ge 1 ] && [ "$ROUNDS" -le 50 ] || die "N must be 1..50"
RESULTS=${BENCH_RESULTS_DIR:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}
JDK=$("$ROOT/.mvn/find-jdk.sh") || die "no JDK 21 or newer found"
export JAVA_HOME=$JDK GATEHOUSE_JAVA="$JDK/bin/java"
[ -f "$ROOT/bootstrap/target/gatehouse.jar" ] || die "build first: ./mvnw -DskipTests -DskipITs install"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-floor.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$RESULTS"

log "building bench/floor/target/floor.jar"
floor_build "$ROOT" >"$RESULTS/build.log" 2>&1 || die "build failed; see $RESULTS/build.log"
VARIANTS=()
for level in jdk helidon stack; do
  floor_app "$ROOT" "$level" "$WORK/$level"
  VARIANTS+=("$level=$WORK/$level")
done
copy_app "$ROOT" "$WORK/gatehouse"
VARIANTS+=("gatehouse=$WORK/gatehouse")
for variant in "${VARIANTS[@]}"; do
  log "recording the AOT cache of ${variant%%=*} (not timed)"
  GATEHOUSE_JAR="${variant#*=}/gatehouse.jar" bash "${variant#*=}/gatehouse.sh" --prepare >>"$RESULTS/prepare.log" 2>&1 \
    || die "recording failed; see $RESULTS/prepare.log"
  ls -l "${variant#*=}/gatehouse.aot" >>"$RESULTS/prepare.log"
done

{
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . || echo ' (with uncommitted changes)')," \
    "$ROUNDS rounds, $([ "${RESTART:-0}" = 1 ] && echo 'restarts on one database per variant' || echo 'a fresh database each start')," \
    "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $("$GATEHOUSE_JAVA" -version 2>&1 | head -n 1)"
  for variant in "${VARIANTS[@]}"; do
    echo "${variant%%=*}: AOT cache $(du -m "${variant#*=}/gatehouse.aot" | cut -f1) MB"
  done
} >"$RESULTS/results.txt"
log "starting each in turn, $ROUNDS rounds"
IDLE=${IDLE:-5} bash "$ROOT/bench/start/ab.sh" "$ROUNDS" "${VARIANTS[@]}" | tee -a "$RESULTS/results.txt"
log "results in $RESULTS/results.txt"
