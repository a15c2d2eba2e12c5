#!/usr/bin/env bash
# $1 label, $2 extra opts
cd /tmp/appb
rm -rf /tmp/dt; L=$1
GATEHOUSE_DEMO=true GATEHOUSE_REQUEST_RATE=off GATEHOUSE_NETWORK_RATE=off GATEHOUSE_JAVA_OPTS="$2 -Xlog:safepoint*=info,gc=info:file=/tmp/tail-$L.log:uptime" GATEHOUSE_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java GATEHOUSE_JAR=/tmp/appb/gatehouse.jar GATEHOUSE_PORT=18090 GATEHOUSE_DATA_DIR=/tmp/dt GATEHOUSE_JWT_SECRET=$(openssl rand -hex 32) setsid bash gatehouse.sh > /tmp/tail-$L.out 2>&1 &
for i in $(seq 800); do [ "$(curl -s -o /dev/null -w '%{http_code}' localhost:18090/health/ready)" = 200 ] && break; sleep 0.05; done
T=$(curl -s -X POST localhost:18090/token -d 'username=johndoe&password=secret' | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
wrk -t2 -c32 -d30s -H "Authorization: Bearer $T" http://127.0.0.1:18090/users/me > /dev/null
echo MEASURE-START >> /tmp/tail-$L.log
date +%s.%N > /tmp/tail-$L.t0
wrk -t2 -c32 -d20s --latency -H "Authorization: Bearer $T" http://127.0.0.1:18090/users/me > /tmp/tail-$L.wrk
pkill -f appb/gatehouse.jar; sleep 2
