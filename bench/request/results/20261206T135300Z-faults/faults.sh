#!/usr/bin/env bash
set -euo pipefail
. /work/main/bench/lib.sh
APP=$1; J=/usr/lib/jvm/temurin-25-jdk-amd64
port=$((20000 + RANDOM % 20000)); base=http://127.0.0.1:$port; DATA=$(mktemp -d)
GATEHOUSE_JAR=$APP/gatehouse.jar GATEHOUSE_JAVA=$J/bin/java GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT=$port \
  GATEHOUSE_DATA_DIR=$DATA GATEHOUSE_JWT_SECRET=$(openssl rand -hex 32) GATEHOUSE_REQUEST_RATE=off GATEHOUSE_NETWORK_RATE=off \
  setsid bash $APP/gatehouse.sh > /tmp/prof/faults-server.log 2>&1 &
pid=$!
for _ in $(seq 1 600); do curl -sf -o /dev/null "$base/health/ready" && break; sleep 0.1; done
curl -sf -X POST "$base/users/" -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-1"}' >/dev/null
token=$(curl -sf "$base/token" -d 'username=bench&password=bench-password-1' | jq -r .access_token)
autogroup_off
f() { awk '{print "minflt", $10, "majflt", $12, "ticks", $14+$15}' /proc/$pid/stat; }
echo "after start: $(f)"
for r in 1 2 3 4 5 6; do
  wrk -t2 -c32 -d20s -H "Authorization: Bearer $token" "$base/users/me" > /tmp/prof/f-$r.txt
  echo "run $r $(rps_of /tmp/prof/f-$r.txt) req/s: $(f) rss $(awk '/VmRSS/{print $2}' /proc/$pid/status) kB"
done
autogroup_restore
kill -TERM $pid; wait $pid 2>/dev/null || true; rm -rf $DATA
