#!/bin/bash
# Before and after on one index, beside the Lucene.Net harness: two commits of the engine and the harness, alternated
# for ROUNDS rounds (A, B, harness, then B, A, harness, ...), each a full `bench-contract` of the 300 queries over the same
# kept index, so machine noise (±30% between runs here) falls on all three alike. Prints the median of the rounds.
#
#   tests/PakRussia.Search.Benchmarks/run-ab.sh COMMIT_A COMMIT_B [OUT]
#
# Both commits must read the same index schema (the index is built once, by A). Environment (all optional):
#   PEERS     peers folder with the Lucene.Net harness built (default /work/bench/peers)
#   PASSAGES  (default $PEERS/data/real.jsonl)   QUERIES (default $PEERS/data/real_queries.txt)
#   WORK      scratch folder: worktrees, published CLIs, the two indexes (default /tmp/pakrussia-ab); never in the repo
#   ROUNDS    (default 6, even)   MODES (default and,or)   LINES  extra bench-contract options (default: none: top-10 ids;
#             e.g. "--facets --highlight" for those lines too; the harness then gets the same)
# OUT (default /work/bench/results/ab-DATE) gets round-N.{a,b,harness}.jsonl and the table (ab_table.py).
set -eu
REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$REPO/tests/PakRussia.Search.Benchmarks
A=${1:?commit A}; B=${2:?commit B}
OUT=${3:-/work/bench/results/ab-$(date +%Y%m%d-%H%M)}
PEERS=${PEERS:-/work/bench/peers}
PASSAGES=${PASSAGES:-$PEERS/data/real.jsonl}; QUERIES=${QUERIES:-$PEERS/data/real_queries.txt}
WORK=${WORK:-/tmp/pakrussia-ab}; ROUNDS=${ROUNDS:-6}; MODES=${MODES:-and,or}; LINES=${LINES:-}
for d in "$OUT" "$WORK"; do
  mkdir -p "$d"
  case "$(readlink -f "$d")/" in "$REPO"/*) echo "$d must be outside the repository" >&2; exit 2 ;; esac
done
HARNESS=$PEERS/lucenenet/build/lucenenet_bench.dll
[ -f "$HARNESS" ] || (cd "$PEERS" && ./lucenenet/build.sh)
[ -f "$PASSAGES" ] || { echo "no passages at $PASSAGES: prepare them as the peers README says" >&2; exit 2; }

publish() { # COMMIT NAME
  local tree=$WORK/src-$2
  rm -rf "$tree"; git -C "$REPO" worktree prune
  git -C "$REPO" worktree add -f --detach "$tree" "$1" >/dev/null
  dotnet publish "$tree/src/PakRussia.Search.Cli" -c Release -o "$WORK/cli-$2" >"$OUT/publish-$2.log" 2>&1
  git -C "$REPO" worktree remove --force "$tree"
}
publish "$A" a
publish "$B" b
git -C "$REPO" rev-parse "$A" "$B" >"$OUT/commits.txt"

cd "$OUT" # bench-contract and the harness write their top-k files into the current folder
ours() { # NAME ROUND [extra]
  local name=$1 round=$2; shift 2
  "$WORK/cli-$name/pakrussia" bench-contract "$PASSAGES" "$QUERIES" --modes "$MODES" --repeat 3 --warmup 1 $LINES \
    --workdir "$WORK/index" "$@" >"round-$round.$name.jsonl" 2>>"$OUT/stderr.log"
}
harness() { # ROUND [extra]
  local round=$1; shift
  dotnet "$HARNESS" "$PASSAGES" "$QUERIES" --modes "$MODES" --repeat 3 --warmup 1 --porter --id-docvalues $LINES \
    --workdir "$WORK/harness" "$@" >"round-$round.harness.jsonl" 2>>"$OUT/stderr.log"
}
[ -d "$WORK/index/index" ] || ours a 0 --keep-index
[ -d "$WORK/harness" ] || harness 0 --keep-index
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt" >&2
  # The build timed second in a round was the slower in both runs of 2026-12-03, whichever it was: odd rounds run A
  # first, even rounds B first, so that position falls on both alike.
  if [ $((round % 2)) -eq 1 ]; then first=a; second=b; else first=b; second=a; fi
  ours "$first" "$round" --reuse-index
  ours "$second" "$round" --reuse-index
  harness "$round" --reuse-index
done
python3 "$HERE/ab_table.py" "$OUT" | tee "$OUT/table.md"
