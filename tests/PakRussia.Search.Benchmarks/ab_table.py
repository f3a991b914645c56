#!/usr/bin/env python3
"""The table of a run-ab.sh folder: per line (engine, mode), the median p50 and p99 over the rounds of A, B and the
harness's matching line, with the range, and each build's ratio to the harness within the median."""
import glob
import json
import os
import re
import statistics
import sys

folder = sys.argv[1]
runs = {}  # (who, engine-suffix, mode) -> list of (p50, p99)
for path in sorted(glob.glob(os.path.join(folder, "round-*.*.jsonl"))):
    m = re.match(r"round-(\d+)\.(\w+)\.jsonl$", os.path.basename(path))
    if not m or m.group(1) == "0":
        continue  # round 0 built the indexes: not a timed comparison
    who = m.group(2)
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        engine = row["engine"]
        suffix = engine[engine.find("+"):] if "+" in engine else ("-text" if engine.endswith("-text") else "")
        runs.setdefault((who, suffix, row["mode"]), []).append((row["query_p50_ms"], row["query_p99_ms"]))

def cell(values):
    if not values:
        return "", None
    p50 = statistics.median(v[0] for v in values)
    p99 = statistics.median(v[1] for v in values)
    lo, hi = min(v[0] for v in values), max(v[0] for v in values)
    return f"{p50:.3f} ({lo:.3f}–{hi:.3f}) / {p99:.2f}", p50

lines = sorted({(s, m) for (_, s, m) in runs})
print("| line | mode | A p50 (range) / p99 ms | B p50 (range) / p99 ms | harness p50 (range) / p99 ms | A / harness | B / harness |")
print("| --- | --- | --- | --- | --- | ---: | ---: |")
for suffix, mode in lines:
    a, a50 = cell(runs.get(("a", suffix, mode), []))
    b, b50 = cell(runs.get(("b", suffix, mode), []))
    h, h50 = cell(runs.get(("harness", suffix, mode), []))
    ra = f"{a50 / h50:.2f}×" if a50 and h50 else ""
    rb = f"{b50 / h50:.2f}×" if b50 and h50 else ""
    print(f"| pakrussia{suffix or ''} | {mode} | {a} | {b} | {h} | {ra} | {rb} |")
rounds = {r for (w, _, _), v in runs.items() for r in range(len(v))}
print(f"\n{len(rounds)} rounds; commits: {' '.join(open(os.path.join(folder, 'commits.txt')).read().split())}")
