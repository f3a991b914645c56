#!/bin/bash
# Scale and speed, side by side with the peer engines, in ONE run (one engine at a time, never in parallel).
#
#   tests/PakRussia.Search.Benchmarks/run-scale.sh [OUT]
#
# Environment (all optional):
#   PEERS     peers folder with npm ci done and the C++ / Lucene.Net harnesses built (default: a copy of ../shared/peers
#             in $WORK; a missing C++ or Lucene.Net harness is built on first use by its build.sh)
#   PASSAGES  contract passages (default $PEERS/data/real.jsonl)     QUERIES (default $PEERS/data/real_queries.txt)
#   BANDS     query bands (default $PEERS/data/real_queries.bands.tsv)
#   WORK      scratch folder for indexes and the published CLI (default /tmp/pakrussia-scale); never inside the repo.
#             Our index is the Lucene folder $WORK/pakrussia/index (kept by bench-contract --keep-index for the later steps).
#   REPEAT    timed passes (default 3, as the peers' real-text figures)   WARMUP (default 1)
#   ENGINES   peers to run (default: sqlite_fts5 sqlite_fts5_porter lucenenet clucene xapian lucenepp sphinx flexsearch postgres;
#             whoosh (10 min to index), minisearch and lunr (~19 and ~34 GB projected at this size) only when listed).
#             lucenenet runs with --porter --id-docvalues --facets --highlight (engines lucenenet, lucenenet+facets,
#             lucenenet+hl), the same analysis and the same three runs as ours (pakrussia, pakrussia+facets, pakrussia+hl);
#             ours also runs pakrussia-text (the text field alone, as the peers search, where the product adds title and section).
#   HTTP_SECONDS  length of each load test (default 30)
#   HTTP_WARMUP   load before it is measured (default 60 s: with both cores busy, .NET's tiered JIT needs tens of
#                 seconds to finish optimising the search path; 5 s measured half the steady rate, see README)
#   SETTLE    seconds to wait at most, before each engine, for the 1-minute load to fall below 1.5 (default 180)
#   SKIP      any of: ours peers kinds parts cold http (space-separated) to leave steps out
# OUT (default /work/bench/results/scale-DATE) gets results.jsonl (one JSON line per engine and mode, the peers'
# contract), the top-k files, logs/ENGINE.log (stderr + /usr/bin/time -v), kinds.jsonl, parts.*.jsonl, cold.json,
# http.*.json and machine.txt; then the table is printed (scale_table.py).
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$REPO/tests/PakRussia.Search.Benchmarks
WORK=${WORK:-/tmp/pakrussia-scale}
OUT=${1:-/work/bench/results/scale-$(date +%Y%m%d-%H%M)}
REPEAT=${REPEAT:-3}; WARMUP=${WARMUP:-1}
ENGINES=${ENGINES:-sqlite_fts5 sqlite_fts5_porter lucenenet clucene xapian lucenepp sphinx flexsearch postgres}
SKIP=${SKIP:-}; HTTP_SECONDS=${HTTP_SECONDS:-30}; HTTP_WARMUP=${HTTP_WARMUP:-60}
mkdir -p "$WORK" "$OUT/logs"
case "$(readlink -f "$OUT")/" in "$REPO"/*) echo "OUT must be outside the repository" >&2; exit 2 ;; esac
case "$(readlink -f "$WORK")/" in "$REPO"/*) echo "WORK must be outside the repository" >&2; exit 2 ;; esac

if [ -z "${PEERS:-}" ]; then
  SHARED=$REPO/../shared/peers; [ -d "$SHARED" ] || SHARED=/work/shared/peers
  PEERS=$WORK/peers
  if [ ! -d "$PEERS" ]; then
    cp -a "$SHARED" "$PEERS"
    (cd "$PEERS" && npm ci --offline >/dev/null 2>&1 || echo "npm ci failed: JS peers will fail (see the peers README)" >&2)
  fi
fi
PASSAGES=${PASSAGES:-$PEERS/data/real.jsonl}
QUERIES=${QUERIES:-$PEERS/data/real_queries.txt}
BANDS=${BANDS:-$PEERS/data/real_queries.bands.tsv}
[ -f "$PASSAGES" ] || { echo "no passages at $PASSAGES: prepare them as the peers README says (real_passages.py)" >&2; exit 2; }
skip() { case " $SKIP " in *" $1 "*) return 0 ;; esac; return 1; }
step() { echo "== $* $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt" >&2; }
# Before each timed engine: wait (at most SETTLE seconds, default 180) for the 1-minute load to fall below 1.5, so an
# engine does not start in the wake of the publish or of the previous engine.
settle() {
  local waited=0
  while [ "$waited" -lt "${SETTLE:-180}" ] && awk '{exit !($1 >= 1.5)}' /proc/loadavg; do sleep 5; waited=$((waited + 5)); done
  [ "$waited" -gt 0 ] && echo "   (waited ${waited} s for the load to settle: $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$OUT/machine.txt" >&2
  return 0
}
TIME=(/usr/bin/time -v)

{
  echo "date: $(date -Is)"; echo "host: $(uname -srm), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB RAM"
  echo "commit: $(git -C "$REPO" rev-parse --short HEAD) ($(git -C "$REPO" status --porcelain | wc -l) files changed)"
  echo "dotnet: $(dotnet --version)"
  echo "engine: Lucene.Net $(sed -n 's/.*Include="Lucene.Net" Version="\([^"]*\)".*/\1/p' "$REPO/Directory.Packages.props") (index folder)"
  case " $ENGINES " in *" sqlite_fts5"*) echo "sqlite_fts5 peer: system sqlite3 $(sqlite3 --version 2>/dev/null | cut -d' ' -f1)" ;; esac
  echo "passages: $PASSAGES ($(wc -l < "$PASSAGES") lines)"; echo "queries: $QUERIES ($(wc -l < "$QUERIES"))"
  echo "repeat $REPEAT warmup $WARMUP; engines: ours $ENGINES"
} > "$OUT/machine.txt"

step "publish (as README says; ReadyToRun too, for the cold start)"
# The contract, the per-kind figures and the servers run the build a user publishes (JIT, as the Lucene.Net peer is
# built); the cold start runs the ReadyToRun build, which starts faster but is slower to reach full speed.
CLI=$WORK/pakrussia-cli
R2R=$WORK/pakrussia-r2r
dotnet publish "$REPO/src/PakRussia.Search.Cli" -c Release -o "$CLI" -v quiet -nologo >&2 || exit 1
# Self-contained, one ReadyToRun composite image of the app and the .NET libraries: generic code over Lucene.Net's
# types is pre-compiled too (docs/performance-history.md: "Cold start, 2026-12-02"). Its intermediate files are removed afterwards: a later
# framework-dependent ReadyToRun publish that found them would build a program that aborts at start.
dotnet publish "$REPO/src/PakRussia.Search.Cli" -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true \
    -p:PublishReadyToRunComposite=true -o "$R2R" -v quiet -nologo >&2 || exit 1
rm -rf "$REPO"/src/*/obj/Release/net10.0/linux-x64 "$REPO"/src/*/bin/Release/net10.0/linux-x64
dotnet build "$HERE" -c Release -v quiet -nologo >&2 || exit 1
BENCH=(dotnet "$HERE/bin/Release/net10.0/PakRussia.Search.Benchmarks.dll")
INDEX=$WORK/pakrussia/index   # bench-contract builds it in WORKDIR/index (a Lucene folder)

if ! skip ours; then
  settle
  step "pakrussia (top-k ids, + facets, + highlights, + text alone: four runs on the same index)"
  rm -rf "$WORK/pakrussia"
  "${TIME[@]}" "$CLI/pakrussia" bench-contract "$PASSAGES" "$QUERIES" --modes and,or --repeat "$REPEAT" --warmup "$WARMUP" \
      --facets --highlight --text-only-too --workdir "$WORK/pakrussia" --keep-index --out "$OUT/pakrussia" 2> "$OUT/logs/pakrussia.log" | tee -a "$OUT/results.jsonl"
  grep -h "Maximum resident set size" "$OUT/logs/pakrussia.log" >&2
fi

if ! skip peers; then
  NODE=(node --expose-gc --max-old-space-size=16384)
  for e in $ENGINES; do
    extra=(); name=$e
    case $e in
      sqlite_fts5_porter) cmd=(/usr/bin/python3 "$PEERS/sqlite_fts5/run.py"); extra=(--tokenize 'porter unicode61') ;;
      sqlite_fts5|xapian|whoosh|postgres|sphinx) cmd=(/usr/bin/python3 "$PEERS/$e/run.py") ;;
      lucenepp|clucene) [ -x "$PEERS/$e/build/${e}_bench" ] || "$PEERS/$e/build.sh" >&2; cmd=("$PEERS/$e/build/${e}_bench") ;;
      lucenenet) [ -f "$PEERS/lucenenet/build/lucenenet_bench.dll" ] || "$PEERS/lucenenet/build.sh" >&2
        cmd=(dotnet "$PEERS/lucenenet/build/lucenenet_bench.dll"); extra=(--porter --id-docvalues --facets --highlight) ;;
      minisearch|flexsearch|lunr) cmd=("${NODE[@]}" "$PEERS/$e/run.js") ;;
      *) echo "unknown engine $e" >&2; continue ;;
    esac
    settle
    step "$name"
    # The in-memory JS harnesses take no --workdir.
    case $e in minisearch|flexsearch|lunr) ;; *) extra+=(--workdir "$WORK/peer-$name") ;; esac
    (cd "$PEERS" && "${TIME[@]}" "${cmd[@]}" "$PASSAGES" "$QUERIES" --modes and,or --repeat "$REPEAT" --warmup "$WARMUP" \
        --out "$OUT/$name" "${extra[@]}" 2> "$OUT/logs/$name.log") \
      | /usr/bin/python3 -c 'import json,sys
for l in sys.stdin:
    # Our name for the run (sqlite_fts5_porter for sqlite_fts5 --tokenize ...), keeping a harness suffix (+facets, +hl).
    r=json.loads(l); suffix=r.get("engine","").partition("+")[2]
    r["engine"]=sys.argv[1]+("+"+suffix if suffix else ""); print(json.dumps(r), flush=True)' "$name" | tee -a "$OUT/results.jsonl"
    [ "${PIPESTATUS[0]}" -ne 0 ] && echo "!! $name failed, see $OUT/logs/$name.log" >&2
    grep -h "Maximum resident set size" "$OUT/logs/$name.log" >&2
    rm -rf "$WORK/peer-$name"
  done
fi

if ! skip kinds; then
  step "per-kind latencies"
  "${BENCH[@]}" kinds --index "$INDEX" --bands "$BANDS" --repeat "$REPEAT" --warmup "$WARMUP" > "$OUT/kinds.jsonl" 2> "$OUT/logs/kinds.log"
  cat "$OUT/logs/kinds.log" >&2
fi

if ! skip parts; then
  step "where the time goes (parts)"
  "${BENCH[@]}" parts --index "$INDEX" --queries "$QUERIES" --repeat 1 > "$OUT/parts.and.jsonl"
  "${BENCH[@]}" parts --index "$INDEX" --queries "$QUERIES" --repeat 1 --any > "$OUT/parts.or.jsonl"
fi

if ! skip cold; then
  step "CLI cold start on the seeds"
  SEEDS_INDEX=$WORK/seeds/index
  "$R2R/pakrussia" index --corpus "$REPO/seeds" --index "$SEEDS_INDEX" --rebuild > /dev/null
  # First: as a user runs it (the corpus folder is checked for changes, then the search); second: the index alone.
  (cd "$WORK" && hyperfine --warmup 3 --runs 30 --export-json "$OUT/cold.json" \
      "$R2R/pakrussia --version" \
      "$R2R/pakrussia search --corpus $REPO/seeds --index $SEEDS_INDEX 'gas pipeline'" \
      "$R2R/pakrussia search --corpus /nonexistent --index $SEEDS_INDEX --json 'Afghanistan Taliban'" >&2)
fi

if ! skip http; then
  # 300 real queries as API URLs (AND, facets on: what the page asks for).
  /usr/bin/python3 -c 'import sys,urllib.parse
for q in open(sys.argv[1]):
    q=q.strip()
    if q: print("/api/search?q="+urllib.parse.quote(q))' "$QUERIES" > "$WORK/paths.txt"
  http_run() { # name port command...
    local name=$1 port=$2; shift 2
    "$@" > "$OUT/logs/http-$name.server.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.5; done
    step "http $name: warm-up ${HTTP_WARMUP} s, then wrk -t2 -c16 -d${HTTP_SECONDS}s (mixed URLs)"
    WRK_PATHS=$WORK/paths.txt wrk -t2 -c16 -d"${HTTP_WARMUP}s" -s "$HERE/mixed.lua" "http://127.0.0.1:$port" > /dev/null
    WRK_PATHS=$WORK/paths.txt wrk -t2 -c16 -d"${HTTP_SECONDS}s" --latency -s "$HERE/mixed.lua" "http://127.0.0.1:$port" > "$OUT/logs/http-$name.wrk.txt"
    tail -1 "$OUT/logs/http-$name.wrk.txt" > "$OUT/http.$name.json"; cat "$OUT/http.$name.json" >&2
    step "http $name: hey -z ${HTTP_SECONDS}s -c 16 on one URL (gas pipeline)"
    hey -z "${HTTP_SECONDS}s" -c 16 "http://127.0.0.1:$port/api/search?q=gas+pipeline" > "$OUT/logs/http-$name.hey.txt"
    grep -E "Requests/sec|50%|99%|\[[0-9]+\]" "$OUT/logs/http-$name.hey.txt" >&2
    grep -E "VmHWM" "/proc/$pid/status" >> "$OUT/logs/http-$name.server.log" 2>/dev/null
    kill "$pid"; wait "$pid" 2>/dev/null
  }
  # The app as built by the product, with its per-client rate limit raised (loopback = one client). The 300 queries
  # repeat, so after the first pass the server's cache of recent answers serves them all: once as shipped (64 MB of
  # answers), once with the cache off, what every first-time search costs.
  http_run bench 5099 "${BENCH[@]}" serve --index "$INDEX" --port 5099
  http_run bench-nocache 5097 "${BENCH[@]}" serve --index "$INDEX" --port 5097 --cache-mb 0
  # pakrussia serve as shipped: 200 requests/s per client address, so a one-address load test sees 429s.
  http_run shipped 5098 "$CLI/pakrussia" serve --index "$INDEX" --corpus /nonexistent-corpus --port 5098
fi

step "done"
/usr/bin/python3 "$HERE/scale_table.py" "$OUT"
