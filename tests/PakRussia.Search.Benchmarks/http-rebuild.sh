#!/bin/bash
# HTTP load while a full rebuild runs into the folder being served (issue 14: ">= 2,000 req/s ... also while a full
# rebuild runs"). On demand, not in CI; results on stdout.
#
#   tests/PakRussia.Search.Benchmarks/http-rebuild.sh INDEX JSONL PATHS [SERVE ARGS...]
#
#   INDEX  an index folder to serve and rebuild (use a copy: it is rebuilt from JSONL)
#   JSONL  the passages to rebuild it from (pakrussia index --jsonl)
#   PATHS  one API path per line (run-scale.sh writes them: /api/search?q=...)
#   SERVE ARGS  passed to the benchmark server, e.g. --cache-mb 0
# Environment: LOAD_S (default 120) seconds of measured load after the rebuild started; WARM_S (default 30) before it;
#   PORT (default 5096); CLI and BENCH_DLL (default: built/published here first).
# The server is loaded for WARM_S, the rebuild starts, and 5 s later wrk -t2 -c16 measures LOAD_S seconds; then the
# script waits for the rebuild, prints its time and peak RSS, the generation before and after, and 20 s more of load.
set -u
[ $# -ge 3 ] || { sed -n 2,15p "$0"; exit 2; }
INDEX=$1; JSONL=$2; PATHS=$3; shift 3
REPO=$(cd "$(dirname "$0")/../.." && pwd); HERE=$REPO/tests/PakRussia.Search.Benchmarks
LOAD_S=${LOAD_S:-120}; WARM_S=${WARM_S:-30}; PORT=${PORT:-5096}; WORK=$(mktemp -d)
if [ -z "${CLI:-}" ]; then dotnet publish "$REPO/src/PakRussia.Search.Cli" -c Release -o "$WORK/cli" -v quiet -nologo >&2 || exit 1; CLI=$WORK/cli/pakrussia; fi
if [ -z "${BENCH_DLL:-}" ]; then dotnet build "$HERE" -c Release -v quiet -nologo >&2 || exit 1; BENCH_DLL=$HERE/bin/Release/net10.0/PakRussia.Search.Benchmarks.dll; fi
generation() { curl -s -D - -o /dev/null "http://127.0.0.1:$PORT/api/search?q=russia" | grep -i '^x-index-generation' | tr -d '\r'; }
dotnet "$BENCH_DLL" serve --index "$INDEX" --port "$PORT" "$@" > "$WORK/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.5; done
before=$(generation)
WRK_PATHS=$PATHS wrk -t2 -c16 -d"${WARM_S}s" -s "$HERE/mixed.lua" "http://127.0.0.1:$PORT" > /dev/null
start=$(date +%s)
( /usr/bin/time -v "$CLI" index --jsonl "$JSONL" --index "$INDEX" > "$WORK/rebuild.out" 2> "$WORK/rebuild.err" ) &
rebuild=$!
sleep 5
echo "rebuild started $(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg); serve args: $*"
WRK_PATHS=$PATHS wrk -t2 -c16 -d"${LOAD_S}s" --latency -s "$HERE/mixed.lua" "http://127.0.0.1:$PORT" | tail -1
echo "load ended $(date +%T); rebuild still running: $(kill -0 $rebuild 2>/dev/null && echo yes || echo no)"
wait $rebuild; echo "rebuild exit $? after $(( $(date +%s) - start )) s"
tail -1 "$WORK/rebuild.out"; grep -E "Maximum resident" "$WORK/rebuild.err"
echo "generation before: ${before#*: }; after: $(generation | cut -d' ' -f2)"
echo "20 s more, on the new generation:"
WRK_PATHS=$PATHS wrk -t2 -c16 -d20s --latency -s "$HERE/mixed.lua" "http://127.0.0.1:$PORT" | tail -1
kill $server; wait $server 2>/dev/null; rm -rf "$WORK"
