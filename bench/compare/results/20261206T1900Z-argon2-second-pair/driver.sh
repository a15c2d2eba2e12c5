#!/usr/bin/env bash
# The second pair of bench/compare/results/20261206T1755Z-argon2-gc-variants, in the other order.
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
D=bench/compare/results/20261206T1900Z-argon2-second-pair
run() { local label=$1; shift; env "$@" BENCH_SYSTEMS=gatehouse-h2 BENCH_WARMUP=60 BENCH_RESULTS_DIR=$D/$label bash bench/compare/run.sh > $D/$label.log 2>&1; echo "$label $(cat $D/$label/gatehouse-h2/figures.txt)"; }
run m7 GATEHOUSE_ARGON2_MEMORY_KIB=7168 GATEHOUSE_ARGON2_ITERATIONS=5
run base X=1
