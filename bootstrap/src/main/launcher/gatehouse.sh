#!/usr/bin/env bash
# Runs the Gatehouse jar with its JVM options (jvm.options beside this script) and, on JDK 25+, an
# ahead-of-time cache of the classes it loads at start, which the script records once per build of the
# jar (about 10 s) and reuses on every later start: a start then costs about half the CPU (bench/README.md).
#
#   gatehouse.sh             start Gatehouse (settings from GATEHOUSE_* variables, see the README)
#   gatehouse.sh --prepare   only record the AOT cache if it is missing or older than the jar, then exit
#   gatehouse.sh COMMAND ... run one administrative command (gatehouse.sh help lists them) with the same
#                            settings; it uses an up-to-date AOT cache but never spends the time to record one
#
# Environment:
#   GATEHOUSE_JAR        the jar to run (default: bootstrap/target/gatehouse.jar of this checkout);
#                        its libs/ folder must sit beside it
#   GATEHOUSE_JAVA       the java to use (default: a JDK 21+ found by .mvn/find-jdk.sh, JAVA_HOME first)
#   GATEHOUSE_AOT        auto (default: use/record the cache on JDK 25+) or off
#   GATEHOUSE_AOT_CACHE  where the AOT cache lives (default: beside the jar, as gatehouse.aot, when that folder is
#                        writable, else $XDG_CACHE_HOME/gatehouse or ~/.cache/gatehouse); a place that cannot be
#                        written only means starting without the cache, never failing to start
#   GATEHOUSE_JAVA_OPTS  extra JVM options, after jvm.options (so they win)
#   MALLOC_ARENA_MAX     glibc's malloc arenas (default here: 2, see below; set it to override)
set -Eeuo pipefail

# argon2id takes its 19 MiB per hash from malloc, on whichever carrier thread runs it; glibc gives threads arenas
# of their own (up to 8 per core) and keeps each freed block for reuse. Two arenas, as many as hashes run at once
# on two cores, keep that reuse (a hash does not fault its memory in afresh) but bound what stays: after 4 threads
# hashed, RSS kept 91 MiB more with glibc's default and 37 MiB with 2 arenas (bench/memory/run.sh argon2). Trimming
# instead (MALLOC_TRIM_THRESHOLD_ or MALLOC_MMAP_THRESHOLD_ at 1 MiB) keeps nothing but costs each hash 2.3x its CPU.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
JAR=${GATEHOUSE_JAR:-$ROOT/bootstrap/target/gatehouse.jar}
AOT=${GATEHOUSE_AOT:-auto}

[ -f "$JAR" ] || { echo "gatehouse.sh: no jar at $JAR (build it with ./mvnw -DskipTests package)" >&2; exit 1; }
case $AOT in auto | off) ;; *) echo "gatehouse.sh: GATEHOUSE_AOT must be auto or off, got '$AOT'" >&2; exit 2 ;; esac

if [ -n "${GATEHOUSE_JAVA:-}" ]; then
  JAVA=$GATEHOUSE_JAVA
elif [ -f "$ROOT/.mvn/find-jdk.sh" ]; then
  # A suitable JAVA_HOME wins, else the newest JDK 21+ installed (the default java may be older).
  JDK=$(sh "$ROOT/.mvn/find-jdk.sh") || { echo "gatehouse.sh: no JDK 21+ found; set GATEHOUSE_JAVA" >&2; exit 1; }
  JAVA=$JDK/bin/java
else
  JAVA=java
fi

feature_version() { # the JDK's feature release number, e.g. 25; from its release file, as starting a JVM costs 0.1 s
  local home
  home=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
  if [ -r "$home/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release"
  else
    "$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
  fi
}

FEATURE=$(feature_version)
if ! [ "$FEATURE" -ge 21 ] 2>/dev/null; then
  echo "gatehouse.sh: $JAVA is Java ${FEATURE:-of unknown version}; Gatehouse needs 21 or newer (set GATEHOUSE_JAVA)" >&2
  exit 1
fi

OPTIONS=("@$HERE/jvm.options")
# What threads free, glibc keeps in their arenas for reuse: argon2's blocks, the JIT compilers' arenas, what start-up
# allocated. The JVM hands it back to the system every second (malloc_trim from a thread of its own, paused during
# safepoints): the same load left 237 MiB instead of 318, 178 MiB at rest instead of 187, at the same throughput and
# logins/s (bench/README.md, "ninth measurement"). A product switch from JDK 23; absent or experimental in JDK 21.
if [ "$FEATURE" -ge 23 ]; then OPTIONS+=(-XX:TrimNativeHeapInterval=1000); fi
# shellcheck disable=SC2206 # word splitting of the extra options is intended
EXTRA=(${GATEHOUSE_JAVA_OPTS:-})

# The cache: beside the jar (recorded into the image by the Dockerfile), else in the user's cache folder, so that a
# jar installed read-only (root-owned /opt, a read-only image layer) does not attempt a 10 s recording that fails
# at every start. One cache per jar path in the cache folder: two installs must not take turns re-recording.
aot_cache_path() {
  if [ -n "${GATEHOUSE_AOT_CACHE:-}" ]; then
    printf '%s\n' "$GATEHOUSE_AOT_CACHE"
  elif [ -w "$(dirname "$JAR")" ] || [ -f "${JAR%.jar}.aot" ]; then
    printf '%s\n' "${JAR%.jar}.aot"
  else
    local key
    key=$(printf '%s' "$JAR" | cksum | cut -d' ' -f1)
    printf '%s\n' "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/gatehouse/gatehouse-$key.aot"
  fi
}
CACHE=$(aot_cache_path)
# Serving (no arguments) or --prepare; anything else is an administrative command, passed on untouched.
SERVING=false
case ${1:-} in "" | --prepare) SERVING=true ;; esac
if [ "$AOT" = auto ] && [ "$FEATURE" -ge 25 ]; then
  # The JDK refuses a cache recorded for another jar (it checks size and time) or another JDK, so record a new one
  # when the jar, a library, the options or the JDK (its release file) changed since.
  release=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")/release
  [ -f "$release" ] || release=""
  newest=$(find "$JAR" "$(dirname "$JAR")/libs" "$HERE/jvm.options" ${release:+"$release"} -newer "$CACHE" -print -quit 2>/dev/null || true)
  if [ "$SERVING" = true ] && { [ ! -f "$CACHE" ] || [ -n "$newest" ]; }; then
    if ! mkdir -p "$(dirname "$CACHE")" 2>/dev/null || ! { : >"$CACHE.tmp"; } 2>/dev/null; then
      echo "gatehouse.sh: cannot write the AOT cache $CACHE; starting without it (set GATEHOUSE_AOT_CACHE to a writable file)" >&2
    else
      echo "gatehouse.sh: recording the AOT cache $CACHE (once per build, ~10 s)" >&2
      rm -f "$CACHE" "$CACHE.tmp"
      if ! "$JAVA" "${OPTIONS[@]}" "${EXTRA[@]}" "-XX:AOTCacheOutput=$CACHE.tmp" -Xlog:aot*=error -Xlog:cds*=error \
          -jar "$JAR" --aot-training >"$CACHE.log" 2>&1; then
        echo "gatehouse.sh: recording the AOT cache failed (see $CACHE.log); starting without it" >&2
      fi
      if [ -s "$CACHE.tmp" ]; then mv -f "$CACHE.tmp" "$CACHE" && newest=""; else rm -f "$CACHE.tmp"; fi
    fi
  fi
  # A command never records the cache (a 10 s detour for a 3 s command); nobody uses an outdated one. A cache the
  # JVM cannot use after all (damaged, another JDK build) costs only the start without it: AOTMode stays auto.
  if [ -f "$CACHE" ] && [ -z "$newest" ]; then
    OPTIONS+=("-XX:AOTCache=$CACHE" -Xlog:aot*=error -Xlog:cds*=error)
  fi
fi

if [ "${1:-}" = --prepare ]; then
  exit 0
fi
exec "$JAVA" "${OPTIONS[@]}" "${EXTRA[@]}" -jar "$JAR" "$@"
