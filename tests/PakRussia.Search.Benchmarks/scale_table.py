#!/usr/bin/env python3
"""Prints the results of run-scale.sh (OUT folder) as markdown tables, with the targets of issues 7 and 13."""
import json
import os
import re
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "."


def lines(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    return [json.loads(l) for l in open(path) if l.strip().startswith("{")]


def rss_gb(engine):
    base = engine.split("+")[0]
    path = os.path.join(out, "logs", base + ".log")
    if not os.path.exists(path):
        return None
    m = re.findall(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
    return int(m[-1]) / 1048576 if m else None


def num(value, fmt):
    return "" if value is None else format(value, fmt)


rows = lines("results.jsonl")
print("| engine | mode | passages | index_s | index MB | p50 ms | p95 ms | p99 ms | qps | peak RSS GB |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
# Engines as the runs name them: pakrussia, pakrussia+facets, pakrussia+hl, lucenenet, lucenenet+facets, lucenenet+hl,
# sqlite_fts5_porter, ... (the peak RSS is the process's, from logs/BASE.log, shared by a base's runs).
for r in rows:
    rss = rss_gb(r["engine"])
    index_bytes = r.get("index_bytes")
    print(f"| {r['engine']} | {r['mode']} | {r['passages']} | {num(r.get('index_s'), '.1f')} | "
          f"{'' if index_bytes is None else f'{index_bytes / 1e6:.0f}'} | {num(r.get('query_p50_ms'), '.3f')} | "
          f"{num(r.get('query_p95_ms'), '.3f')} | {num(r.get('query_p99_ms'), '.3f')} | {num(r.get('qps_single_thread'), '.0f')} | "
          f"{num(rss, '.2f')} |")

by = {(r["engine"], r["mode"]): r for r in rows}
ours = by.get(("pakrussia", "and"))
print()
if ours:
    print(f"pakrussia indexing: {ours['index_passages_per_s']:.0f} passages/s, {ours['index_mb_per_s']:.2f} MB/s of text "
          f"({ours['text_mb']} MB), index_s {ours['index_s']} (excl. the second JSON parse: {ours['index_s_excl_parse']}), "
          f"build peak RSS {ours['build_peak_rss_mb']:.0f} MB, process peak {ours['peak_rss_mb']:.0f} MB")
    raw = by.get(("sqlite_fts5", "and"))
    if raw:
        ratio = raw["index_s"] / ours["index_s"]
        print(f"target indexing >= 70% of raw FTS5: {ratio:.0%} ({'met' if ratio >= 0.7 else 'MISSED'})")
    rss = rss_gb("pakrussia")
    if rss:
        print(f"target peak RSS <= 1 GB: {rss:.2f} GB ({'met' if rss <= 1 else 'MISSED'})")
    for mode in ("and", "or"):
        o, p = by.get(("pakrussia", mode)), by.get(("sqlite_fts5_porter", mode))
        if o and p:
            r50, r99 = o["query_p50_ms"] / p["query_p50_ms"], o["query_p99_ms"] / p["query_p99_ms"]
            ok = r50 <= 1.3 and r99 <= 1.3
            print(f"target {mode} no facets <= 1.3x FTS5 porter: p50 {r50:.2f}x, p99 {r99:.2f}x ({'met' if ok else 'MISSED'})")
        f = by.get(("pakrussia+facets", mode))
        if f:
            ok = f["query_p50_ms"] <= 10 and f["query_p99_ms"] <= 100
            print(f"target {mode} facets p50 <= 10 ms, p99 <= 100 ms: {f['query_p50_ms']:.2f} / {f['query_p99_ms']:.2f} ({'met' if ok else 'MISSED'})")
    # Lucene.Net with the same analysis (--porter), ids from doc values, and the same three runs: ids, +facets, +hl.
    lnet = by.get(("lucenenet", "and"))
    if lnet and lnet.get("index_s"):
        print(f"vs lucenenet: index_s {ours['index_s']:.1f} / {lnet['index_s']:.1f} s ({ours['index_s'] / lnet['index_s']:.2f}x), "
              f"index {ours['index_bytes'] / 1e6:.0f} / {lnet['index_bytes'] / 1e6:.0f} MB")
    for ours_name, suffix in (("pakrussia", ""), ("pakrussia-text", ""), ("pakrussia", "+facets"), ("pakrussia", "+hl")):
        for mode in ("and", "or"):
            o, p = by.get((ours_name + suffix, mode)), by.get(("lucenenet" + suffix, mode))
            if o and p and p["query_p50_ms"] and p["query_p99_ms"]:
                print(f"{ours_name}{suffix} vs lucenenet{suffix} {mode}: p50 {o['query_p50_ms']:.3f} / {p['query_p50_ms']:.3f} ms "
                      f"({o['query_p50_ms'] / p['query_p50_ms']:.2f}x), p99 {o['query_p99_ms']:.3f} / {p['query_p99_ms']:.3f} ms "
                      f"({o['query_p99_ms'] / p['query_p99_ms']:.2f}x)")
    fb = [f"{r['engine']} {r['mode']}: {r['and_fallback_queries']}" for r in rows if r.get("and_fallback_queries")]
    print("AND queries that fell back to OR: " + (", ".join(fb) if fb else "none"))

kinds = lines("kinds.jsonl")
if kinds:
    print()
    print("| kind | n | facets off p50 / p95 / p99 ms | qps | facets on p50 / p95 / p99 ms | qps | zero-hit | suggested |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    pairs = {}
    for k in kinds:
        pairs.setdefault(k["kind"], {})[k["facets"]] = k
    for name, p in pairs.items():
        off, on = p.get(False), p.get(True)
        def cell(k):
            return f"{k['p50_ms']:.2f} / {k['p95_ms']:.2f} / {k['p99_ms']:.2f} | {k['qps_single_thread']:.0f}" if k else " | "
        any_ = off or on
        print(f"| {name} | {any_['queries']} | {cell(off)} | {cell(on)} | {any_['zero_hit']} | {any_['suggested']} |")

for mode in ("and", "or"):
    parts = lines(f"parts.{mode}.jsonl")
    if parts:
        print()
        n = next((p["n"] for p in parts if p["step"] == "compile" and "n" in p), None)
        print(f"where the time goes ({mode.upper()}, {'' if n is None else f'{n} '}executions per step): " +
              "; ".join(f"{p['step']} p50 {p['p50_ms']:.3f} / p99 {p['p99_ms']:.3f} ms" for p in parts))

cold = os.path.join(out, "cold.json")
if os.path.exists(cold):
    print()
    for r in json.load(open(cold))["results"]:
        print(f"cold start: {r['command']}: mean {r['mean'] * 1000:.0f} ms, median {r['median'] * 1000:.0f} ms, "
              f"min {r['min'] * 1000:.0f} ms ({'met' if r['median'] <= 0.1 else 'MISSED'} <= 100 ms)")

# Issue 14's target: >= 2,000 req/s with p99 <= 25 ms and no errors. "bench" serves the repeated 300 queries from
# the cache of recent answers; "bench-nocache" searches each one; "shipped" keeps the per-client limit (429s).
for name in ("bench", "bench-nocache", "shipped"):
    h = lines(f"http.{name}.json")
    if h:
        h = h[-1]
        errors = h["non_2xx"] + h["connect_errors"] + h["read_errors"] + h["write_errors"] + h["timeouts"]
        ok = h["rps"] >= 2000 and errors == 0 and h["p99_ms"] <= 25
        print(f"http {name} (wrk -c16 30 s, mixed): {h['rps']:.0f} req/s, p50 {h['p50_ms']:.1f} ms, p99 {h['p99_ms']:.1f} ms, "
              f"non-2xx {h['non_2xx']}, socket errors {errors - h['non_2xx']} ({'met' if ok else 'MISSED'})")
