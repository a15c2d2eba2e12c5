#!/bin/bash
# alternate: old, new, old on the kept database s17
for w in old scale old; do
  echo "=== $w $(date -u +%T)"
  (cd /tmp/wt-$w && BENCH_KEYCLOAK=off BENCH_KEEP_DB=s17 bench/scale/run.sh) > /tmp/ab-$w-$(date -u +%H%M).log 2>&1
  echo "=== done $w $(date -u +%T) $(ls -t /tmp/wt-$w/bench/scale/results | head -1)"
done
