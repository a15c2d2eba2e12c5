#!/bin/sh
# Builds Gatehouse's JMH micro-benchmarks and runs them all (about 10 minutes on 2 cores), writing the JSON result
# to bench/jmh/target/jmh-result.json (or $JMH_RESULT) and printing JMH's table. See bench/jmh/README.md.
#
#   bench/jmh/run.sh                        everything, with each class's settings (forks, iterations)
#   bench/jmh/run.sh Argon2                 only benchmarks matching a regular expression
#   bench/jmh/run.sh -f 1 -wi 1 -i 1 -r 200ms   a smoke run (command-line options override the annotations)
#
# Needs the Gatehouse artifacts in the local Maven repository: run `./mvnw -DskipTests -DskipITs install` at the root first.
# Arguments for the Maven build go in MAVEN_ARGS, which Maven (3.9+) itself puts before its command line, e.g. to
# build offline against a private local repository (the same one the install went to):
#   MAVEN_ARGS="-o -Dmaven.repo.local=/tmp/m2-bench" bench/jmh/run.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

# The JDK ./mvnw builds with (21 or newer) also runs the benchmarks; JMH's forks inherit it.
if ! JAVA_HOME=$(sh "$root/.mvn/find-jdk.sh"); then
  echo "run.sh: no JDK 21 or newer found (set JAVA_HOME)" >&2
  exit 1
fi
export JAVA_HOME
java="$JAVA_HOME/bin/java"

# JDK 24+ warns at every JVM start that Maven's Guice and JMH use sun.misc.Unsafe; allow it there (older JDKs
# lack the option). JMH's forks inherit the option from the JVM that starts them.
major=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)
if [ -n "$major" ] && [ "$major" -ge 24 ]; then
  unsafe=--sun-misc-unsafe-memory-access=allow
  MAVEN_OPTS="${MAVEN_OPTS-} $unsafe"
  export MAVEN_OPTS
else
  unsafe=
fi

echo "== building bench/jmh/target/benchmarks.jar${MAVEN_ARGS:+ (MAVEN_ARGS: $MAVEN_ARGS)}"
"$root/mvnw" -q -f "$here/pom.xml" package

result=${JMH_RESULT:-$here/target/jmh-result.json}
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")
load() { cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || uptime; }
# Percent of CPU time other processes use over 3 seconds (Linux), the build above being over.
cpu_busy() {
  [ -r /proc/stat ] || return 0
  a=$(head -n 1 /proc/stat); sleep 3; b=$(head -n 1 /proc/stat)
  printf '%s\n%s\n' "$a" "$b" | awk '{ idle[NR] = $5 + $6; total[NR] = 0; for (i = 2; i <= NF; i++) total[NR] += $i }
    END { t = total[2] - total[1]; if (t > 0) printf "%d", 100 * (1 - (idle[2] - idle[1]) / t) }'
}

busy=$(cpu_busy)
echo "== machine: $cores cores; $("$java" -version 2>&1 | head -n 1); load average $(load); CPU busy before the run: ${busy:-?}%"
if [ -n "$busy" ] && [ "$busy" -gt 20 ]; then
  echo "run.sh: WARNING: other processes keep the CPUs ${busy}% busy; results will be slow and noisy" >&2
fi

# -foe: a benchmark whose set-up or tear-down check fails stops the run with a non-zero status.
# shellcheck disable=SC2086
"$java" $unsafe -jar "$here/target/benchmarks.jar" -foe true -rf json -rff "$result" "$@"

echo "== load average after the run: $(load)"
echo "== JSON result: $result"
