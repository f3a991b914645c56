#!/usr/bin/env bash
# Compares admission settings (`pakrussia serve --concurrent-queries N`) on one index: for each N, a fresh server,
# the load test's four queries warmed once, then 16 clients (4 per query, hey) for DURATION seconds; prints requests/s,
# status codes and latency. Run on demand (not in CI), on a quiet machine. No reindex: see load.sh for that.
#
# Usage: tests/reliability/admission.sh INDEX_DIR [DURATION=45] N [N ...]
#   INDEX_DIR is an index folder (Lucene), e.g. the benchmark's: tests/reliability/admission.sh /tmp/pakrussia-scale/pakrussia/index 45 2 4 64
#   CLI=path/to/pakrussia and SLOTS_ARG=" " run another build without the option (a build from before admission).
set -uo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 3 ] || { echo "usage: $0 INDEX_DIR [DURATION] N [N ...]"; exit 2; }
command -v hey >/dev/null || { echo "hey is required (Debian: apt-get install hey)"; exit 2; }
if [ -z "${CLI:-}" ]; then dotnet build src/PakRussia.Search.Cli -c Release --nologo -v q >/dev/null; fi
cli="${CLI:-$PWD/src/PakRussia.Search.Cli/bin/Release/net10.0/pakrussia}"
index=$1; d=$2; shift 2
[ -d "$index" ] || { echo "no index folder at $index (an index is a folder; build one with: pakrussia index --index DIR)"; exit 2; }
echo "index $index: $(du -sb "$index" | cut -f1) bytes"
work=$(mktemp -d /tmp/pakrussia-admission.XXXXXX); trap 'rm -rf "$work"' EXIT
queries=("q=russia" "q=pakistan%20afghanistan" "q=%22warm%20waters%22" "q=energy%20OR%20pipeline%20OR%20secur*")
for slots in "$@"; do
  port=$((5200 + slots % 700))
  "$cli" serve --index "$index" --corpus "$work/none" --port $port --requests-per-second 1000000 ${SLOTS_ARG:---concurrent-queries $slots} >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
  for q in "${queries[@]}"; do curl -s -o /dev/null "http://127.0.0.1:$port/api/search?$q"; done   # generation open, records and caches warm
  loaders=()
  for i in 0 1 2 3; do hey -z "${d}s" -c 4 -o csv "http://127.0.0.1:$port/api/search?${queries[$i]}" >"$work/hey-$i.csv" & loaders+=($!); done
  wait "${loaders[@]}"
  cat "$work"/hey-*.csv | awk -F, 'NR>1 && $1 ~ /^[0-9.]+$/ {print $1, $7}' >"$work/all"
  n=$(wc -l <"$work/all")
  codes=$(awk '{print $2}' "$work/all" | sort | uniq -c | awk '{printf "%s x %s  ", $1, $2}')
  lat=$(sort -n "$work/all" | awk '{a[NR]=$1} END {printf "p50 %.1f ms, p99 %.1f ms, max %.1f ms", a[int(NR*0.5)]*1000, a[int(NR*0.99)]*1000, a[NR]*1000}')
  echo "concurrent queries $slots: $n requests ($((n / d))/s), status $codes; $lat"
  kill $pid; wait $pid 2>/dev/null
done
