#!/usr/bin/env bash
# A/B of start-ups on a busy machine: variants started in turn (A, B, A, B, ...), each through its own launcher copy,
# with the medians of wall time to /health/ready, the process's CPU time at ready (from /proc: what a shared machine
# distorts least) and VmRSS IDLE s after ready. See bench/README.md ("Start and memory").
#
# Usage: bench/start/ab.sh N LABEL=APPDIR[|JVM OPTIONS] ...
#   APPDIR holds gatehouse.jar, libs/, gatehouse.sh and jvm.options with its AOT cache recorded (gatehouse.sh --prepare)
#   RESTART=1  every start of a variant reuses one database (created by an untimed first start); default: fresh each
#   IDLE=3     seconds between ready and the RSS sample
# wall ms to ready, process CPU ms at ready, RSS MiB after IDLE s.
N=$1; shift
J=$("$(cd "$(dirname "$0")/../.." && pwd)/.mvn/find-jdk.sh")/bin/java; HZ=$(getconf CLK_TCK); IDLE=${IDLE:-3}
SECRET=$(openssl rand -hex 32); OUT=$(mktemp -d /tmp/ab.XXXX)
start() { # label app opts data
  local port=$((20000 + RANDOM % 20000)) t0 pid ready="" cpu rss
  t0=$(date +%s%N)
  GATEHOUSE_JAR=$2/gatehouse.jar GATEHOUSE_JAVA=$J GATEHOUSE_JAVA_OPTS="$3" GATEHOUSE_HOST=127.0.0.1 GATEHOUSE_PORT=$port \
    GATEHOUSE_DATA_DIR=$4 GATEHOUSE_JWT_SECRET=$SECRET setsid bash $2/gatehouse.sh > $OUT/$1.log 2>&1 &
  pid=$!
  for i in $(seq 1 6000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://127.0.0.1:$port/health/ready)" = 200 ]; then ready=$((($(date +%s%N) - t0) / 1000000)); break; fi
    kill -0 $pid 2>/dev/null || break; sleep 0.01
  done
  cpu=$(awk -v hz=$HZ '{ print int(($14 + $15) * 1000 / hz) }' /proc/$pid/stat)
  sleep $IDLE
  rss=$(awk '/^VmRSS:/ { print int($2 / 1024) }' /proc/$pid/status)
  kill -TERM $pid; wait $pid 2>/dev/null
  echo "$1 $ready $cpu $rss" | tee -a $OUT/all
}
declare -A APP OPTS
for v in "$@"; do l=${v%%=*}; r=${v#*=}; APP[$l]=${r%%|*}; [[ $r == *"|"* ]] && OPTS[$l]=${r#*|} || OPTS[$l]=""; LABELS+=($l); done
if [ "${RESTART:-0}" = 1 ]; then for l in "${LABELS[@]}"; do rm -rf $OUT/data-$l; start warm-$l ${APP[$l]} "${OPTS[$l]}" $OUT/data-$l >/dev/null; done; fi
for r in $(seq 1 $N); do
  for l in "${LABELS[@]}"; do
    if [ "${RESTART:-0}" = 1 ]; then d=$OUT/data-$l; else d=$OUT/d-$l-$r; fi
    start $l ${APP[$l]} "${OPTS[$l]}" $d; [ "${RESTART:-0}" = 1 ] || rm -rf $d
  done
done
echo "median: label wall_ms cpu_ms rss_mib (load $(cut -d' ' -f1 /proc/loadavg))"
for l in "${LABELS[@]}"; do
  for c in 2 3 4; do grep "^$l " $OUT/all | awk -v c=$c '{print $c}' | sort -n | awk '{a[NR]=$1} END {printf "%s ", a[int((NR+1)/2)]}'; done | sed "s/^/$l /"; echo
done
rm -rf $OUT
