"""Turns bench/scaling/run.sh's raw outputs into docs/scaling.md's table: python3 summarize.py <results dir> <ops>."""
import re
import sys
from pathlib import Path

out, ops = Path(sys.argv[1]), int(sys.argv[2])


def snapshots(variant):
    """label -> {'db': [xact, ins, upd, del, reads], 'tables': {name: [ins, upd, del]}, 'statements': n}"""
    shots, current = {}, None
    for line in (out / f"{variant}-stats.txt").read_text().splitlines():
        if line.startswith("== "):
            current = shots.setdefault(line[3:], {"tables": {}})
        elif line.startswith("db|"):
            current["db"] = [int(x) for x in line.split("|")[1:]]
        elif line.startswith("statements "):
            current["statements"] = int(line.split()[1])
        elif "|" in line:
            name, *numbers = line.split("|")
            current["tables"][name] = [int(x) for x in numbers]
    return shots


def delta(after, before, count):
    # Rows written are counted in Gatehouse's tables: the database-wide counters (pg_stat_database) also count the
    # system catalogs, which autovacuum's ANALYZE writes whenever it runs.
    written = {}
    for name, numbers in after["tables"].items():
        rows = sum(numbers) - sum(before["tables"].get(name, [0, 0, 0]))
        if rows:
            written[name] = rows
    return {
        "transactions": (after["db"][0] - before["db"][0]) / count,
        "statements": (after["statements"] - before["statements"]) / count,
        "rows": sum(written.values()),
        "tables": {name: rows / count for name, rows in written.items()},
    }


def wrk(variant):
    text = (out / f"{variant}-wrk-login.txt").read_text()
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    p99 = re.search(r"99%\s+(\S+)", text).group(1)
    return requests, rate, int(non2xx.group(1)) if non2xx else 0, p99


print("| per operation (one instance, PostgreSQL 15) | " + " | ".join(["throttle + revocations in PostgreSQL", "on Redis"]) + " |")
print("|---|---|---|")
rows = {}
for variant in ("postgresql", "redis"):
    s = snapshots(variant)
    phases = [("login", s[f"after {ops} logins"], s[f"before {ops} logins"], ops),
              ("refresh", s[f"after {ops} refreshes"], s[f"after {ops} logins"], ops),
              ("GET /users/me", s[f"after {ops} /users/me"], s[f"after {ops} refreshes"], ops)]
    for name, after, before, count in phases:
        d = delta(after, before, count)
        tables = ", ".join(f"{t} {v:.1f}" for t, v in sorted(d["tables"].items(), key=lambda kv: -kv[1]))
        rows.setdefault(name, []).append(
            f"{d['transactions']:.1f} transactions, {d['statements']:.1f} write statements, {d['rows'] / count:.1f} rows written"
            + (f" ({tables})" if tables else ""))
    requests, rate, non2xx, p99 = wrk(variant)
    w = delta(s["after wrk"], s["before wrk"], requests)
    cpu = (out / f"{variant}-cpu.txt").read_text().split()
    tick, pg, gh = int(cpu[1]), int(cpu[3]), int(cpu[5])
    rd = int(cpu[7]) if len(cpu) > 7 else None  # runs before 2026-12-06 did not read redis-server's
    pg_ms = pg / tick / requests * 1000
    gh_ms = gh / tick / requests * 1000
    rows.setdefault("logins/s under wrk (its connections and accounts: run.txt)", []).append(f"{rate:,.0f} ({non2xx} non-2xx), p99 {p99}")
    rows.setdefault("write statements / rows per login under load", []).append(f"{w['statements']:.1f} / {w['rows'] / requests:.1f}")
    rows.setdefault("PostgreSQL CPU per login", []).append(f"{pg_ms:.2f} ms")
    rows.setdefault("Gatehouse CPU per login (argon2 1 MiB, t=1)", []).append(f"{gh_ms:.2f} ms")
    if rd is not None:
        # Idle in the PostgreSQL variant but for its own timers: what Redis costs is the difference.
        rows.setdefault("redis-server CPU per login", []).append(f"{rd / tick / requests * 1000:.2f} ms")
    rows.setdefault("logins/s one PostgreSQL core can serve (1000 / its CPU per login)", []).append(f"{1000 / pg_ms:,.0f}" if pg_ms else "n/a")
for name, values in rows.items():
    print(f"| {name} | " + " | ".join(values) + " |")
