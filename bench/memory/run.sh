#!/usr/bin/env bash
# Memory footprints that decide settings, measured in one process each (robust on a busy machine):
#   bench/memory/run.sh [USERS]                 heap bytes per entry of the user cache (UserCacheFootprint.java;
#                                               needs ./mvnw -DskipTests package -pl adapters-persistence -am)
#   bench/memory/run.sh argon2 [THREADS ROUNDS] RSS argon2id leaves behind and CPU per hash (Argon2Footprint.java),
#                                               under glibc's default, the launcher's MALLOC_ARENA_MAX=2 (with and
#                                               without the JVM trimming every second), glibc trimming at each free
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JDK=$("$ROOT/.mvn/find-jdk.sh")
if [ "${1:-}" = argon2 ]; then
  M2="$HOME/.m2/repository"
  CP="$M2/de/mkammerer/argon2-jvm/2.12/argon2-jvm-2.12.jar:$M2/de/mkammerer/argon2-jvm-nolibs/2.12/argon2-jvm-nolibs-2.12.jar"
  CP="$CP:$M2/net/java/dev/jna/jna/5.16.0/jna-5.16.0.jar"
  # environment | JVM options: glibc's defaults, the launcher's arenas, the launcher's arenas and JVM trimming (JDK 23+),
  # trimming by glibc at every free
  for variant in "GLIBC_DEFAULTS=1|" "MALLOC_ARENA_MAX=2|" "MALLOC_ARENA_MAX=2|-XX:TrimNativeHeapInterval=1000" \
    "MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=1048576|"; do
    malloc=${variant%%|*} options=${variant#*|}
    printf '%-50s %-34s ' "$malloc" "$options"
    # shellcheck disable=SC2086 # the variant's words are meant to split
    env -u MALLOC_ARENA_MAX $malloc "$JDK/bin/java" -XX:+UseSerialGC -Xmx64m $options --enable-native-access=ALL-UNNAMED \
      -cp "$CP" "$HERE/Argon2Footprint.java" "${2:-4}" "${3:-8}" | tail -n 1
  done
  exit 0
fi
V=0.1.0-SNAPSHOT
CP="$ROOT/adapters-persistence/target/gatehouse-adapters-persistence-$V.jar:$ROOT/application/target/gatehouse-application-$V.jar"
CP="$CP:$ROOT/application/target/gatehouse-application-$V-tests.jar:$ROOT/domain/target/gatehouse-domain-$V.jar"
CP="$CP:$ROOT/support/target/gatehouse-support-$V.jar"
exec "$JDK/bin/java" -XX:+UseSerialGC -Xmx1g -cp "$CP" "$HERE/UserCacheFootprint.java" "${1:-100000}"
