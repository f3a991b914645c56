#!/usr/bin/env bash
# Load and soak over a real `pakrussia serve` on loopback (run on demand, not in CI).
#
#  1. Load: 16 concurrent clients (hey) for DURATION seconds over a mixed query set (4 queries x 4 clients), with
#     a full reindex (`pakrussia index --rebuild` over a changed corpus, i.e. a new commit in the same index folder,
#     written by another process while the server reads the old one) in the middle. Reports requests/s, status
#     counts (must be all 200), p50/p99 latency over all requests, and the index generations seen: a curl sampler
#     reads X-Index-Generation on every answer and checks each answer's total against its generation's total.
#  2. Soak: SOAK seconds at half the measured peak rate, sampling the server's RSS (/proc/PID/status) and open
#     file handles (/proc/PID/fd) every 10 s. Growth is printed from the first minute (after 10 s) to the last, and
#     judged from the minute at the soak's midpoint to the last (means), which must be < 10 %: the first minutes are
#     warm-up (the JIT's second tier, the GC sizing its generations; on the seeds anonymous memory rises for ~300 s and
#     then saw-tooths), while a leak grows in the second half too. Use SOAK >= 600 for a steady second half.
#
#     Growth is judged on the anonymous part of RSS (the server's own memory); the file-backed part is the pages of the
#     index folder's files that Lucene maps (MMapDirectory), which grows as queries touch more of them and is bounded by
#     the folder's size (du -sb, printed; an old generation's files are unmapped when its last request is done).
#
# Usage: [REINDEX_AT=seconds] tests/reliability/load.sh [INDEX_OR_EMPTY] [DURATION=30] [SOAK=300] [PORT=5099]
#   REINDEX_AT (default DURATION/2): when the mid-run reindex starts; on a large corpus start it early enough to
#   finish inside the load.
#   With no index, it builds one from a copy of seeds/ in a temp folder (and reindexes that copy mid-run).
#   With an index folder (e.g. the benchmark's scale index, $WORK/pakrussia/index of run-scale.sh), it serves that
#   folder and rebuilds it from --jsonl if JSONL=path is set, else from CORPUS=folder, else the mid-run reindex is skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
index="${1:-}"; duration="${2:-30}"; soak="${3:-300}"; port="${4:-5099}"
cli="$root/src/PakRussia.Search.Cli/bin/Release/net10.0/pakrussia"
command -v hey >/dev/null || { echo "hey is required (Debian: apt-get install hey)"; exit 2; }
dotnet build src/PakRussia.Search.Cli -c Release --nologo -v q >/dev/null
work=$(mktemp -d /tmp/pakrussia-load.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

corpus="${CORPUS:-}"
if [ -z "$index" ]; then
  corpus="$work/corpus"; mkdir -p "$corpus"; cp "$root"/seeds/* "$corpus"/
  index="$work/index"
  "$cli" index --corpus "$corpus" --index "$index" >/dev/null
fi
[ -d "$index" ] || { echo "no index folder at $index (an index is a folder; build one with: pakrussia index --index DIR)"; exit 2; }
index_size() { du -sb "$index" | cut -f1; }
base="http://127.0.0.1:$port"
"$cli" serve --index "$index" --corpus "${corpus:-$work/none}" --port "$port" --requests-per-second 1000000 >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$base/health" >/dev/null || { echo "server did not start:"; cat "$work/server.log"; exit 3; }
echo "server pid $server on $base over $index ($(index_size) bytes)"

queries=("q=russia" "q=pakistan%20afghanistan" "q=%22warm%20waters%22" "q=energy%20OR%20pipeline%20OR%20secur*")

reindex() {
  if [ -n "${JSONL:-}" ]; then "$cli" index --jsonl "$JSONL" --index "$index" >/dev/null
  elif [ -n "$corpus" ]; then
    printf 'A post added during the load test: Pakistan and Russia, again.\n' >"$corpus/zz-load-added.txt"
    "$cli" index --rebuild --corpus "$corpus" --index "$index" >/dev/null
  else echo "(no corpus or JSONL given: reindex skipped)"; return; fi
  echo "reindex done at $(date +%T): $index is $(index_size) bytes ($(ls "$index" | wc -l) files)"
}

sampler() { # one sequential client recording status, generation and total of every answer
  local end=$((SECONDS + duration)) status gen total
  while [ $SECONDS -lt $end ]; do
    status=$(curl -s -D "$work/h" -o "$work/b" -w '%{http_code}' "$base/api/search?q=russia") || status=curl-error
    gen=$(grep -i '^x-index-generation:' "$work/h" 2>/dev/null | tr -d '\r' | awk '{print $2}' | paste -sd, - || true)
    total=$(grep -o '"total":[0-9]*' "$work/b" 2>/dev/null | head -1 | cut -d: -f2 || true)
    echo "$status ${gen:--} ${total:--}" >>"$work/samples"
  done
}

reindex_at="${REINDEX_AT:-$((duration / 2))}"
loaders=(); soakers=()
echo "== load: 16 clients for ${duration}s, reindex at ${reindex_at}s"
: >"$work/samples"
for i in 0 1 2 3; do
  hey -z "${duration}s" -c 4 -o csv "$base/api/search?${queries[$i]}" >"$work/hey-$i.csv" & loaders+=($!)
done
sampler & loaders+=($!)
sleep "$reindex_at"; reindex
wait "${loaders[@]}" 2>/dev/null || true   # (a bare `wait` would wait for the server too)

cat "$work"/hey-*.csv | awk -F, 'NR>1 && $1 ~ /^[0-9.]+$/ {print $1, $7}' >"$work/all"
n=$(wc -l <"$work/all")
rps=$(awk -v n="$n" -v d="$duration" 'BEGIN {printf "%.0f", n / d}')
echo "requests: $n ($rps/s)"
echo "status codes: $(awk '{print $2}' "$work/all" | sort | uniq -c | tr '\n' ' ')"
sort -n "$work/all" | awk '{a[NR]=$1} END {printf "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", a[int(NR*0.5)]*1000, a[int(NR*0.99)]*1000, a[NR]*1000}'
echo "sampler: $(wc -l <"$work/samples") answers; (status generation total) count:"
sort "$work/samples" | uniq -c | awk '{print "   ", $2, $3, $4, $1, "answers"}'
# Every answer is a 200 from exactly one generation, and one generation always gives the same total.
bad=$(awk '$1 != 200 || $2 ~ /,/ || $2 == "-" || $3 == "-"' "$work/samples" | wc -l)
mixed=$(awk '$1 == 200 {print $2, $3}' "$work/samples" | sort -u | awk '{print $1}' | uniq -d | wc -l)
echo "sampler answers not a 200 from exactly one generation: $bad; generations with more than one total: $mixed"
bad=$((bad + mixed))
errors=$(awk '$2 != 200' "$work/all" | wc -l)

echo "== soak: ${soak}s at half the peak rate ($((rps / 2))/s), RSS and fds every 10 s"
per_client=$(( rps / 2 / 8 )); [ "$per_client" -lt 1 ] && per_client=1
for i in 0 1 2 3; do
  hey -z "${soak}s" -c 2 -q "$per_client" -o csv "$base/api/search?${queries[$i]}" >"$work/soak-$i.csv" & soakers+=($!)
done
samples=()
for t in $(seq 0 10 "$soak"); do
  read -r rss anon file < <(awk '/^VmRSS/ {r=$2} /^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {print r, a, f}' /proc/"$server"/status)
  fds=$(ls /proc/"$server"/fd | wc -l)
  echo "  t=${t}s rss=${rss} kB (anonymous ${anon}, file-backed ${file}) fds=${fds}"; samples+=("$rss $fds $anon $file")
  [ "$t" -lt "$soak" ] && sleep 10
done
wait "${soakers[@]}" 2>/dev/null || true
soakn=$(cat "$work"/soak-*.csv | awk -F, 'NR>1 && $1 ~ /^[0-9.]+$/' | wc -l)
soakerr=$(cat "$work"/soak-*.csv | awk -F, 'NR>1 && $1 ~ /^[0-9.]+$/ && $7 != 200' | wc -l)
# Growth compares the mean of the first minute after 10 s of warm-up with the mean of the last minute: the GC makes
# single samples saw-tooth by up to ~15 % on a large index.
mean() { printf '%s\n' "${samples[@]:$1:$2}" | awk -v f="$3" '{s += $f; n++} END {printf "%.0f", s / n}'; }
k=$(( ${#samples[@]} - 1 < 6 ? ${#samples[@]} - 1 : 6 ))
first=("$(mean 1 "$k" 1)" "$(mean 1 "$k" 2)" "$(mean 1 "$k" 3)" "$(mean 1 "$k" 4)")
last=("$(mean $(( ${#samples[@]} - k )) "$k" 1)" "$(mean $(( ${#samples[@]} - k )) "$k" 2)" "$(mean $(( ${#samples[@]} - k )) "$k" 3)" "$(mean $(( ${#samples[@]} - k )) "$k" 4)")
growth() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f", (b - a) * 100 / a}'; }
middle=$(( ${#samples[@]} / 2 ))
mid=("$(mean "$middle" "$k" 1)" "$(mean "$middle" "$k" 2)" "$(mean "$middle" "$k" 3)" "$(mean "$middle" "$k" 4)")
echo "soak: $soakn requests, $soakerr not 200; means of the first and last $k samples: RSS ${first[0]} -> ${last[0]} kB ($(growth "${first[0]}" "${last[0]}") %):" \
  "anonymous (heap, the server's own memory) ${first[2]} -> ${last[2]} kB ($(growth "${first[2]}" "${last[2]}") %)," \
  "file-backed (the index files' pages mapped by Lucene) ${first[3]} -> ${last[3]} kB of $(( $(index_size) / 1024 )) kB on disk; fds ${first[1]} -> ${last[1]}"
echo "soak, second half: means of the $k samples from t=$(( middle * 10 ))s and of the last $k: anonymous ${mid[2]} -> ${last[2]} kB ($(growth "${mid[2]}" "${last[2]}") %), RSS ${mid[0]} -> ${last[0]} kB ($(growth "${mid[0]}" "${last[0]}") %), fds ${mid[1]} -> ${last[1]}"
flat=$(awk -v a="${mid[2]}" -v b="${last[2]}" -v f="${mid[1]}" -v g="${last[1]}" 'BEGIN {print ((b - a) * 100 / a < 10 && (g - f) * 100 / f < 10) ? 1 : 0}')
[ "$flat" -eq 1 ] || echo "soak: anonymous memory or file handles grew by 10 % or more in the second half"
[ "$errors" -eq 0 ] && [ "$bad" -eq 0 ] && [ "$soakerr" -eq 0 ] && [ "$flat" -eq 1 ]
