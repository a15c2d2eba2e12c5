# Shell helpers shared by the benchmarks (bench/load/run.sh, bench/compare/run.sh): sourced, not run.

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

is_uint() { case $1 in '' | *[!0-9]*) return 1 ;; *) return 0 ;; esac; }

have_root() { [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }

as_root() { # runs "$@" as root
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else die "need root (or passwordless sudo) to run: $*"
  fi
}

# Sends $2 (TERM, INT) to process $1, waits up to STOP_TIMEOUT_S while "$4 $1" says it is alive, then SIGKILLs it;
# $3 names it in the log.
signal_then_kill() {
  local pid=$1 signal=$2 name=$3 alive=$4 i
  kill -"$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT_S * 10; i++)); do
    "$alive" "$pid" || return 0
    sleep 0.1
  done
  if "$alive" "$pid"; then
    log "$name ($pid) ignored SIG$signal for ${STOP_TIMEOUT_S}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
}
is_running() { kill -0 "$1" 2>/dev/null; }

install_package() { # $1 = command, $2 = Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || die "$1 is missing and there is no apt-get: install the $2 package"
  log "installing $2 (apt-get)"
  as_root timeout 300 apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq "$2" >/dev/null
  command -v "$1" >/dev/null 2>&1 || die "installing $2 did not provide $1"
}

psql_admin() { # psql as the postgres superuser on the system cluster at $PG_PORT; SQL on stdin, extra args in "$@"
  local cmd="psql -X -q -v ON_ERROR_STOP=1 -p $PG_PORT -d postgres $*"
  if [ "$(id -u)" = 0 ]; then (cd / && timeout 60 su postgres -c "$cmd")
  else (cd / && timeout 60 sudo -n -u postgres sh -c "$cmd")
  fi
}

# Stops the system cluster $PG_VERSION/$PG_CLUSTER that a bench started, unless somebody else has connected to it
# in the meantime: the machine is left as the bench found it.
stop_cluster_we_started() {
  local others
  others=$(echo "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid();" |
    psql_admin -At 2>/dev/null || echo '?')
  if [ "$others" = 0 ]; then
    as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop && log "stopped PostgreSQL $PG_VERSION/$PG_CLUSTER (the bench started it)"
  else
    log "left PostgreSQL $PG_VERSION/$PG_CLUSTER running: other clients are connected"
  fi
}

# Finds the system PostgreSQL 15 cluster and starts it when down: sets PG_VERSION, PG_CLUSTER, PG_PORT, and
# PG_STARTED=1 when it started it (stop_cluster_we_started stops it again); else SYSTEM_PG_PROBLEM says why, status 1.
SYSTEM_PG_PROBLEM=""
use_system_pg() {
  local status=""
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    SYSTEM_PG_PROBLEM="no system PostgreSQL (pg_lsclusters not found)"; return 1
  fi
  read -r PG_VERSION PG_CLUSTER PG_PORT status < <(pg_lsclusters -h | awk '$1 == "15" { print $1, $2, $3, $4; exit }') || true
  if [ -z "${PG_VERSION:-}" ]; then
    SYSTEM_PG_PROBLEM="no PostgreSQL 15 cluster (pg_lsclusters lists none)"; return 1
  fi
  if ! have_root; then
    SYSTEM_PG_PROBLEM="the system PostgreSQL needs root or passwordless sudo (pg_ctlcluster, su postgres)"; return 1
  fi
  if [ "$status" != online ]; then
    log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
    if ! as_root timeout 60 pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start; then
      SYSTEM_PG_PROBLEM="could not start PostgreSQL $PG_VERSION/$PG_CLUSTER"; return 1
    fi
    PG_STARTED=1
  fi
}

random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

free_port() { # prints a free TCP port on this machine
  local candidate i
  for ((i = 0; i < 50; i++)); do
    candidate=$((20000 + RANDOM % 40000))
    if [ -z "$(ss -Htln "sport = :$candidate" 2>/dev/null)" ]; then echo "$candidate"; return 0; fi
  done
  die "found no free port in 50 tries"
}

# Samples and formatting shared by the result tables.
commas() { sed -e ':a' -e 's/^\([0-9]\{1,\}\)\([0-9]\{3\}\)/\1,\2/' -e 'ta'; }
fmt_int() { printf '%.0f' "$1" | commas; }
ms_of_us() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a == a + 0 && a >= b) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a == a + 0 && a <= b) }'; }
verdict() { if "$@"; then echo PASS; else echo MISS; fi; }
# The value of key $2 in a figures.txt ($1: key=value pairs on one line, as bench/compare and bench/load write it).
figure() { tr ' ' '\n' <"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# Copies what a deployment runs into folder $2 (created): the build of checkout $1 (bootstrap/target/gatehouse.jar
# and libs/) with the launcher and its jvm.options. A private copy, so a rebuild during a bench cannot pull the jar
# from under the server, and each copy records its own AOT cache beside its jar.
copy_app() {
  mkdir -p "$2"
  cp -r "$1/bootstrap/target/gatehouse.jar" "$1/bootstrap/target/libs" "$1/bootstrap/src/main/launcher/gatehouse.sh" \
    "$1/bootstrap/src/main/launcher/jvm.options" "$2/"
}

# bench/floor's build in checkout $1 (floor_build), and its service at level $2 (jdk, helidon or stack) laid out in
# folder $3 as copy_app lays out Gatehouse (floor_app): the same launcher and jvm.options, the level set in the latter.
floor_build() { "$1/mvnw" -B -ntp -q -f "$1/bench/floor/pom.xml" package; }
floor_app() {
  mkdir -p "$3"
  cp "$1/bench/floor/target/floor.jar" "$3/gatehouse.jar"
  cp -r "$1/bench/floor/target/libs" "$1/bootstrap/src/main/launcher/gatehouse.sh" "$1/bootstrap/src/main/launcher/jvm.options" "$3/"
  echo "-Dgatehouse.floor=$2" >>"$3/jvm.options"
}

# Gatehouse logs one access line per request (hundreds of MiB in a load run, 80 MB gzipped at scale): keeps a log's
# first and last 200 lines, where the start, the errors of a failed phase and the stop are.
keep_ends() {
  local lines
  lines=$(wc -l <"$1")
  [ "$lines" -gt 400 ] || return 0
  { head -n 200 "$1"; echo "[… $((lines - 400)) lines left out …]"; tail -n 200 "$1"; } >"$1.kept" && mv "$1.kept" "$1"
}

# Linux's autogroup scheduling (on by default) shares the CPU fairly between sessions, not threads: the server (started
# with setsid), wrk and PostgreSQL each form a group, and on two saturated cores the scheduler serves the groups in
# turns, which adds tens to hundreds of milliseconds to a same-machine benchmark's tail whatever the server does
# (GET /health/live included; bench/README.md, "The saturated tail"). A deployment's clients are other machines, so the
# load benchmarks turn it off for their run and restore it at exit; BENCH_AUTOGROUP=keep leaves it as it is.
AUTOGROUP_KNOB=/proc/sys/kernel/sched_autogroup_enabled AUTOGROUP_RESTORE=""
autogroup_off() {
  [ "${BENCH_AUTOGROUP:-off}" = keep ] && return 0
  [ -r "$AUTOGROUP_KNOB" ] && [ "$(cat "$AUTOGROUP_KNOB")" = 1 ] || return 0
  if as_root sh -c "echo 0 > $AUTOGROUP_KNOB" 2>/dev/null; then
    AUTOGROUP_RESTORE=1
    log "autogroup scheduling off for this run (restored at exit; BENCH_AUTOGROUP=keep leaves it on)"
  else
    log "could not turn autogroup scheduling off: the saturated tail will include its turns"
  fi
}
autogroup_restore() {
  [ -n "$AUTOGROUP_RESTORE" ] || return 0
  as_root sh -c "echo $AUTOGROUP_RESTORE > $AUTOGROUP_KNOB" 2>/dev/null || log "could not turn autogroup scheduling back on"
  AUTOGROUP_RESTORE=""
}
# One line for a results file: how the scheduler shared the CPU during the run.
autogroup_state() {
  if [ ! -r "$AUTOGROUP_KNOB" ]; then echo "no autogroup scheduling in this kernel"
  elif [ "$(cat "$AUTOGROUP_KNOB")" = 1 ]; then echo "autogroup scheduling on (BENCH_AUTOGROUP=keep, or it could not be turned off)"
  else echo "autogroup scheduling off during the run$([ -n "$AUTOGROUP_RESTORE" ] && echo ", on again after it")"
  fi
}

# RSS while a load runs, not only after it: rss_sampler_start PID FILE writes "seconds KiB" lines to FILE every
# 0.5 s until rss_sampler_stop; rss_median_kib (_mib) FILE is the median of those samples (a peak, VmHWM, is one
# instant; the median is what the process holds through the load).
RSS_SAMPLER_PID=""
rss_sampler_start() {
  (while [ -r "/proc/$1/status" ]; do
    awk -v t="$(date +%s.%N)" '/^VmRSS:/ { print t, $2 }' "/proc/$1/status" 2>/dev/null || break
    sleep 0.5
  done) >"$2" &
  RSS_SAMPLER_PID=$!
}
rss_sampler_stop() {
  [ -n "$RSS_SAMPLER_PID" ] || return 0
  kill "$RSS_SAMPLER_PID" 2>/dev/null || true
  wait "$RSS_SAMPLER_PID" 2>/dev/null || true
  RSS_SAMPLER_PID=""
}
# wrk's latencies on stdin (850.00us, 3.04ms, 1.20s), one a line, in milliseconds.
wrk_ms() { awk '{ v = $1; m = v ~ /us$/ ? 0.001 : v ~ /ms$/ ? 1 : 1000; sub(/[a-z]+$/, "", v); print v * m }'; }
# What one wrk output file ($1, run with --latency) says: requests per second, requests, p99 in ms, and errors
# (non-2xx or 3xx answers plus socket errors).
rps_of() { awk '$1 == "Requests/sec:" { print $2 }' "$1"; }
requests_of() { awk '/requests in/ { print $1 }' "$1"; }
p99_ms_of() { awk '$1 == "99%" { print $2 }' "$1" | wrk_ms | awk '{ printf "%.2f\n", $1 }'; }
errors_of() { awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i }
  END { print n + 0 }' "$1"; }
# Process $1's CPU time so far (user and system), in clock ticks (getconf CLK_TCK a second).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# CPU time per request: $1 clock ticks spent over $2 requests, in $3 (us, the default, or ms), printed with $4 (%.1f).
cpu_per_request() {
  awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" -v scale="$([ "${3:-us}" = ms ] && echo 1e3 || echo 1e6)" -v f="${4:-%.1f}" \
    'BEGIN { printf f, t / hz * scale / n }'
}
# A wrk script that paces the load as bench/compare does: each connection pauses $1 ms between an answer and its next
# request; written to file $2 (pass it with -s).
paced_script() { printf 'function delay()\n  return %d\nend\n' "$1" >"$2"; }
# The median of the numbers on stdin, one a line (the lower middle one of an even count).
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
rss_median_kib() { awk '{ print $2 }' "$1" | median; }
rss_median_mib() { mib "$(rss_median_kib "$1")"; }
rss_max_mib() { mib "$(awk '$2 > max { max = $2 } END { print max + 0 }' "$1")"; } # the highest of those samples
