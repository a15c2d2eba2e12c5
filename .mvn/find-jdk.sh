#!/bin/sh
# Prints the home of a JDK >= 21 (Helidon 4's floor) and exits 0, or exits 1 when there is none.
# Order: a suitable JAVA_HOME wins; then the newest JDK found on PATH or in the usual install folders.
# Used by ./mvnw and .ci/run so that a machine whose default java is older still builds.

min=21

major_of() { # $1 = JDK home; prints its feature version or nothing
  [ -x "$1/bin/javac" ] || return 0
  if [ -r "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  [ "$v" = 1 ] && v=8
  printf '%s' "$v"
}

if [ -n "${JAVA_HOME-}" ]; then
  v=$(major_of "$JAVA_HOME")
  if [ -n "$v" ] && [ "$v" -ge "$min" ]; then printf '%s\n' "$JAVA_HOME"; exit 0; fi
fi

best=""; best_v=0
try() {
  v=$(major_of "$1")
  if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best="$1"; best_v="$v"; fi
}
if command -v javac >/dev/null 2>&1; then
  try "$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
fi
for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$home" ] && try "$home"
done

[ -n "$best" ] || exit 1
printf '%s\n' "$best"
