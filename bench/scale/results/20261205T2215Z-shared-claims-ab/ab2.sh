#!/bin/bash
for w in scale old; do
  echo "=== $w $(date -u +%T)"
  (cd /tmp/wt-$w && BENCH_JAVA_OPTS="-Xlog:gc*:file=/tmp/gc-$w.log" BENCH_KEYCLOAK=off BENCH_KEEP_DB=s17 bench/scale/run.sh) > /tmp/ab2-$w.log 2>&1
  echo "=== done $w $(date -u +%T) $(ls -t /tmp/wt-$w/bench/scale/results | head -1)"
done
