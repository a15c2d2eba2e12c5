#!/usr/bin/env bash
# Gatehouse at scale: bench/load/run.sh on PostgreSQL holding 1,000,000 accounts, with GET /users/me rotating
# through 100,000 distinct users' tokens. See bench/load/README.md (step 2, "At scale") for how the accounts are
# written and the tokens minted; every knob of bench/load/run.sh applies (BENCH_USERS and BENCH_TOKENS included,
# to try other sizes), and GATEHOUSE_USER_CACHE_SIZE sizes the user cache whose hit ratio the table reports.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export BENCH_USERS=${BENCH_USERS:-1000000} BENCH_TOKENS=${BENCH_TOKENS:-100000}
# Minting 100,000 tokens takes ~10 minutes here and the measured runs several more: with the default 15-minute
# lifetime the first tokens would expire mid-run and answer 401. The seeding and measured instances both read this.
export GATEHOUSE_TOKEN_TTL=${GATEHOUSE_TOKEN_TTL:-1h}
# A warm-up long enough for every token to reach the caches (a cold JVM serves ~2,000 req/s at first): with the
# default 30 s the measured run spent its first 90,000 requests on users it had not seen yet (62 % hits at 4651d21).
export BENCH_WARMUP=${BENCH_WARMUP:-120}
export BENCH_RESULTS_DIR=${BENCH_RESULTS_DIR:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}
exec "$HERE/../load/run.sh" "$@"
