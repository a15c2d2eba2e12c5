#!/bin/bash
JCMD=/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd
for w in scale old; do
  echo "=== $w $(date -u +%T)"
  (cd /tmp/wt-$w && BENCH_KEYCLOAK=off BENCH_KEEP_DB=s17 bench/scale/run.sh) > /tmp/ab3-$w.log 2>&1 &
  until grep -q "GET /health/live baseline" /tmp/ab3-$w.log 2>/dev/null; do sleep 2; done
  pid=$(pgrep -f "gatehouse.jar" | head -1)
  $JCMD $pid GC.class_histogram > /tmp/hist-$w.txt 2>&1
  $JCMD $pid GC.heap_info > /tmp/heapinfo-$w.txt 2>&1
  wait
  echo "=== done $w $(date -u +%T) $(ls -t /tmp/wt-$w/bench/scale/results | head -1)"
done
