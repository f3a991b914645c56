#!/bin/bash
# Growth (issue 14): the same 300 queries at about 64k, 200k, 638k and 2M passages, one size after another.
#
#   tests/PakRussia.Search.Benchmarks/run-growth.sh OUT [SIZES]
#
# Environment: PEERS (with data/real.jsonl and data/real_queries.txt), WORK (scratch, default /tmp/pakrussia-growth;
# the indexes are deleted after each size), CLI (a published pakrussia; default: published here), REPEAT (3), WARMUP (1).
# Each size: bench-contract builds the index from the passage set (index_s, MB, peak RSS) and times top-10 with facets off
# and on, AND and OR. OUT gets growth.jsonl (one line per size and line), logs/, and docs/growth.svg is drawn by
# growth_chart.py from it.
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd); HERE=$REPO/tests/PakRussia.Search.Benchmarks
OUT=${1:?OUT}; SIZES=${2:-"64000 200000 638206 2000000"}
PEERS=${PEERS:-/work/bench/peers}; WORK=${WORK:-/tmp/pakrussia-growth}; REPEAT=${REPEAT:-3}; WARMUP=${WARMUP:-1}
mkdir -p "$OUT/logs" "$WORK"; OUT=$(cd "$OUT" && pwd)
case "$(readlink -f "$WORK")/" in "$REPO"/*) echo "WORK must be outside the repository" >&2; exit 2 ;; esac
if [ -z "${CLI:-}" ]; then dotnet publish "$REPO/src/PakRussia.Search.Cli" -c Release -o "$WORK/cli" -v quiet -nologo >&2 || exit 1; CLI=$WORK/cli/pakrussia; fi
# shellcheck disable=SC2086
python3 "$HERE/growth_sets.py" "$PEERS/data/real.jsonl" "$WORK/sets" $SIZES >&2 || exit 1
: > "$OUT/growth.jsonl"
for n in $SIZES; do
  echo "== $n passages $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt" >&2
  rm -rf "$WORK/w"
  # From $WORK: bench-contract writes its top-k files under results/ in the working folder, never in the repository.
  (cd "$WORK" && /usr/bin/time -v "$CLI" bench-contract "$WORK/sets/passages-$n.jsonl" "$PEERS/data/real_queries.txt" --modes and,or \
      --repeat "$REPEAT" --warmup "$WARMUP" --facets --workdir "$WORK/w") 2> "$OUT/logs/$n.log" \
    | python3 -c 'import json,sys
for l in sys.stdin:
    r=json.loads(l); r["passages_asked"]=int(sys.argv[1]); print(json.dumps(r), flush=True)' "$n" | tee -a "$OUT/growth.jsonl" >&2
  grep -h "Maximum resident set size" "$OUT/logs/$n.log" | sed "s/^/   $n: /" | tee -a "$OUT/machine.txt" >&2
done
rm -rf "$WORK/w"
python3 "$HERE/growth_chart.py" "$OUT/growth.jsonl" "$REPO/docs/growth.svg"
