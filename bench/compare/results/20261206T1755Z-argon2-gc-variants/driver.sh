#!/usr/bin/env bash
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
run() { local label=$1; shift; env "$@" BENCH_SYSTEMS=gatehouse-h2 BENCH_WARMUP=60 BENCH_RESULTS_DIR=bench/compare/results/20261206T1755Z-argon2-gc-variants/$label bash bench/compare/run.sh > bench/compare/results/20261206T1755Z-argon2-gc-variants/$label.log 2>&1; echo "$label $(cat bench/compare/results/20261206T1755Z-argon2-gc-variants/$label/gatehouse-h2/figures.txt)"; }
run base X=1
run m7 GATEHOUSE_ARGON2_MEMORY_KIB=7168 GATEHOUSE_ARGON2_ITERATIONS=5
run m7gc4 GATEHOUSE_ARGON2_MEMORY_KIB=7168 GATEHOUSE_ARGON2_ITERATIONS=5 GATEHOUSE_JAVA_OPTS=-XX:GCTimeRatio=4
run gc4 GATEHOUSE_JAVA_OPTS=-XX:GCTimeRatio=4
