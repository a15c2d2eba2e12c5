#!/usr/bin/env bash
# paced JFR of an endpoint on app dir $1, endpoint $2, out $3
set -euo pipefail
. /work/main/bench/lib.sh
APP=$1 EP=$2 OUT=$3; mkdir -p $OUT
J=/usr/lib/jvm/temurin-25-jdk-amd64
port=$((20000 + RANDOM % 20000)); base=http://127.0.0.1:$port; DATA=$(mktemp -d)
GATEHOUSE_JAR=$APP/gatehouse.jar GATEHOUSE_JAVA=$J/bin/java GATEHOUSE_AOT=off GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT=$port \
  GATEHOUSE_DATA_DIR=$DATA GATEHOUSE_JWT_SECRET=$(openssl rand -hex 32) GATEHOUSE_REQUEST_RATE=off GATEHOUSE_NETWORK_RATE=off \
  setsid bash $APP/gatehouse.sh > $OUT/server.log 2>&1 &
pid=$!
for _ in $(seq 1 600); do curl -sf -o /dev/null "$base/health/ready" && break; sleep 0.1; done
curl -sf -X POST "$base/users/" -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-1"}' >/dev/null
token=$(curl -sf "$base/token" -d 'username=bench&password=bench-password-1' | jq -r .access_token)
autogroup_off
wrk -t2 -c32 -d30s -H "Authorization: Bearer $token" "$base$EP" > $OUT/warm.txt
printf 'function delay()\n  return 1\nend\n' > $OUT/paced.lua
$J/bin/jcmd $pid JFR.start name=p settings=profile jdk.ExecutionSample#period=1ms > /dev/null
t1=$(cpu_ticks $pid)
wrk -t2 -c32 -d20s --latency -s $OUT/paced.lua -H "Authorization: Bearer $token" "$base$EP" > $OUT/paced.txt
t2=$(cpu_ticks $pid)
$J/bin/jcmd $pid JFR.dump name=p filename=$OUT/rec.jfr > /dev/null
autogroup_restore
echo "cpu_us_per_req $(awk -v t=$((t2-t1)) -v n=$(requests_of $OUT/paced.txt) 'BEGIN{printf "%.1f", t/100*1e6/n}') p99 $(p99_ms_of $OUT/paced.txt) rps $(rps_of $OUT/paced.txt)" | tee $OUT/figures.txt
kill -TERM $pid; wait $pid 2>/dev/null || true; rm -rf $DATA
