#!/usr/bin/env python3
"""Summarises a JFR recording as text worth keeping in bench/: allocation by class and by first application frame
(jdk.ObjectAllocationSample weights) and CPU samples (jdk.ExecutionSample) by top frame and by named parts.

A sample's weight is what its thread allocated since that thread's previous sample. A thread's first sample has no
previous one, and for a virtual thread JDK 25 then weighs in what its carrier allocated before it: 2.6-2.8 GB on
one sample each where the whole 15 s run allocated 6.4 GB (bench/README.md, "The paced tail's floor"). First samples are
left out and counted apart; the rest add up to what the GC log says was allocated.

Usage: bench/profile/jfr-summary.py RECORDING.jfr  (the JDK's `jfr` tool from find-jdk, or JFR=/path/to/jfr;
       INCLUSIVE=60 methods listed by their inclusive share of the CPU samples)
"""
import collections, os, re, subprocess, sys

def jfr_print(recording, event):
    tool = os.environ.get("JFR") or os.path.join(
        subprocess.run([os.path.join(os.path.dirname(__file__), "..", "..", ".mvn", "find-jdk.sh")],
                       capture_output=True, text=True).stdout.strip(), "bin", "jfr")
    out = subprocess.run([tool, "print", "--stack-depth", "64", "--events", event, recording],
                         capture_output=True, text=True, check=True).stdout
    return out.split(event + " {")[1:]

def frames(event):
    return [re.sub(r"\(.*", "", f) for f in re.findall(r"^\s+([\w.$<>]+\(.*?\))\s+line:", event, re.M)]

OWNERS = ["dev.gatehouse.", "io.helidon.", "org.hibernate.", "org.h2.", "java.", "jdk.", "sun."]
UNITS = {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}
PARTS = ["AccessLog", "inferCaller", "String.format", "ConsoleHandler.publish", "JwtAccessTokens", "CurrentUserService",
         "CachingUserRepository", "Revoked", "MessageDigest", "Json", "ClientAddress", "Throttle", "validateHostHeader"]

recording = sys.argv[1]
allocations = jfr_print(recording, "jdk.ObjectAllocationSample")
by_class, by_site, total = collections.Counter(), collections.Counter(), 0.0
threads_seen, first_samples = set(), 0.0
for event in allocations:
    weight = re.search(r"weight = ([\d.]+) (\w+)", event)
    if not weight:
        continue
    value = float(weight.group(1)) * UNITS.get(weight.group(2), 1)
    thread = re.search(r"javaThreadId = (\d+)", event)
    if thread and thread.group(1) not in threads_seen:
        threads_seen.add(thread.group(1))
        first_samples += value
        continue
    total += value
    by_class[re.search(r"objectClass = (\S+)", event).group(1)] += value
    stack = frames(event)
    by_site[next((f for f in stack if not f.startswith(("java.", "jdk.", "sun."))), stack[0] if stack else "?")] += value
print(f"allocation samples: {len(allocations)}, sampled weight {total / 1e6:.0f} MB"
      f" (left out: the first sample of each of {len(threads_seen)} threads, {first_samples / 1e6:.0f} MB)")
for name, value in by_class.most_common(12):
    print(f"  {100 * value / total:5.1f} %  class {name}")
for name, value in by_site.most_common(20):
    print(f"  {100 * value / total:5.1f} %  site  {name}")
# Whose code asked for the bytes: the site's library (the JDK's own where no other frame is on the stack).
by_owner = collections.Counter()
for name, value in by_site.items():
    by_owner[next((o for o in OWNERS if name.startswith(o)), "other")] += value
for name, value in by_owner.most_common():
    print(f"  {100 * value / total:5.1f} %  owner {name}")
samples = [frames(e) for e in jfr_print(recording, "jdk.ExecutionSample")]
samples = [s for s in samples if s]
print(f"CPU samples: {len(samples)}")
for name, n in collections.Counter(s[0] for s in samples).most_common(12):
    print(f"  {100 * n / len(samples):5.1f} %  self      {name}")
for part in PARTS:
    n = sum(1 for s in samples if any(part in f for f in s))
    print(f"  {100 * n / len(samples):5.1f} %  including {part}")
# Every method by the share of samples it is on the stack of (itself or what it called): where the time goes from the
# top down, without a list of parts chosen in advance.
for name, n in collections.Counter(f for s in samples for f in set(s)).most_common(int(os.environ.get("INCLUSIVE", "60"))):
    print(f"  {100 * n / len(samples):5.1f} %  inclusive {name}")
