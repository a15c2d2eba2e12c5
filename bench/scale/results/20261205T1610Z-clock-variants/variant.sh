#!/usr/bin/env bash
# variant.sh LABEL "JVM options" [ENV=VAL ...]: the kept scale database, warm-up 60 s, saturated 20 s, paced 30 s
set -euo pipefail
label=$1 opts=$2; shift 2
. /work/main/bench/lib.sh
eval "$(sed 's/^KEPT //' /tmp/scalex/kept.env | tr ' ' '\n' | sed 's/^/export K_/')"
SRC=${SRC:-/work/main}; APP=${APP:-/tmp/scalex/app-$(basename $SRC)}
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
if [ ! -f $APP/gatehouse.aot ]; then copy_app $SRC $APP; GATEHOUSE_JAR=$APP/gatehouse.jar GATEHOUSE_JAVA=$JAVA bash $APP/gatehouse.sh --prepare >/dev/null 2>&1; fi
out=/tmp/scalex/v-$label; rm -rf $out; mkdir -p $out/cwd
port=$(free_port)
(cd $out/cwd && exec env GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT=$port GATEHOUSE_DB_URL="jdbc:postgresql://127.0.0.1:$K_PG_PORT/$K_DB_NAME" \
  GATEHOUSE_DB_USER=$K_DB_ROLE GATEHOUSE_DB_PASSWORD=$K_DB_PASSWORD GATEHOUSE_JWT_SECRET=$K_JWT_SECRET GATEHOUSE_TOKEN_TTL=24h \
  GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES=1000000 GATEHOUSE_REQUEST_RATE=off GATEHOUSE_NETWORK_RATE=off GATEHOUSE_REGISTRATION_RATE=off \
  GATEHOUSE_JAR=$APP/gatehouse.jar GATEHOUSE_JAVA=$JAVA GATEHOUSE_JAVA_OPTS="$opts -Xlog:gc*,safepoint:file=$out/gc.log:uptime" "$@" setsid bash $APP/gatehouse.sh) >$out/server.log 2>&1 &
srv=$!
for i in $(seq 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/health/ready)" = 200 ] && break; sleep 0.1; done
pid=$(pgrep -P $srv java || echo $srv); [ "$(cat /proc/$pid/comm)" = java ] || pid=$(pgrep -f "$APP/gatehouse.jar" | head -1)
export BENCH_METHOD=GET BENCH_BODY="" BENCH_CONTENT_TYPE="" BENCH_BEARER=x BENCH_TOKENS_FILE=${TOKENS_FILE:-/tmp/scalex/tokens.txt}
W() { setsid wrk -t2 -c32 -d$1s --latency -s ${LUA:-/work/main/bench/load/count.lua} http://127.0.0.1:$port/users/me > $out/$2.txt 2>&1; }
W 60 warmup
t1=$(awk '{print $14+$15}' /proc/$pid/stat); W 20 sat; t2=$(awk '{print $14+$15}' /proc/$pid/stat)
export BENCH_PAUSE_MS=2; W 30 paced; unset BENCH_PAUSE_MS
[ -n "${HISTO:-}" ] && { jcmd $pid GC.class_histogram > $out/histo.txt 2>&1; jcmd $pid VM.stringtable > $out/stringtable.txt 2>&1; jcmd $pid VM.native_memory summary > $out/nmt.txt 2>&1 || true; }
rss=$(awk '/VmHWM/{print int($2/1024)}' /proc/$pid/status)
kill -TERM $srv $pid 2>/dev/null; wait $srv 2>/dev/null || true
req=$(awk '/^BENCH /{for(i=2;i<=NF;i++){split($i,a,"=");if(a[1]=="requests")print a[2]}}' $out/sat.txt)
cpu=$(awk -v t=$((t2-t1)) -v n=$req 'BEGIN{printf "%.1f", t/100*1e6/n}')
lat() { awk '/^BENCH_LATENCY_US/{print $2, $4, $5}' $out/$1.txt; }
rps() { awk '/^BENCH /{for(i=2;i<=NF;i++){split($i,a,"=");if(a[1]=="rps")print a[2]}}' $out/$1.txt; }
gcs=$(grep -E 'Pause (Young|Remark|Cleanup).*ms$' $out/gc.log | awk '{d=$NF; sub(/ms/,"",d); if ($0~/Remark/) r++; n++; s+=d; if(d>m)m=d} END{printf "pauses=%d remarks=%d mean=%.2fms max=%.1fms", n, r, s/n, m}')
echo "$label | opts='$opts' $* | sat $(rps sat) req/s $(lat sat) cpu=${cpu}us | paced $(rps paced) $(lat paced) | peakRSS=${rss}MiB | $gcs" | tee -a /tmp/scalex/variants.txt
