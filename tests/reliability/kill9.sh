#!/usr/bin/env bash
# The full kill -9 harness: kills a real `pakrussia index --rebuild` of an index folder at random points RUNS times
# (default 200; while it adds documents, merges or commits) and checks after each kill that the previous commit still
# answers the same queries (same totals and top ids) and that Lucene's CheckIndex finds it whole; the next build must
# leave no stray files of the killed ones. Prints the summary line (kills mid-build, i.e. after the dead writer had
# written files the last commit does not use / before it wrote any / builds that finished before the kill).
# It runs DurabilityTests.Rebuild_KilledAtRandomPoints with PAKRUSSIA_KILL_RUNS=RUNS (and PAKRUSSIA_KILL_SEED=SEED).
# Usage: tests/reliability/kill9.sh [RUNS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-200}"
export PAKRUSSIA_KILL_RUNS="$runs"
[ -n "${2:-}" ] && export PAKRUSSIA_KILL_SEED="$2"
dotnet build PakRussia.Search.sln --nologo -v q -c Debug >/dev/null
start=$(date +%s)
dotnet test tests/PakRussia.Search.Tests --no-build --nologo -c Debug \
  --filter "FullyQualifiedName~DurabilityTests.Rebuild_KilledAtRandomPoints" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "kill -9 harness|Passed!|Failed!|Error Message|after kill" || true
echo "wall time: $(( $(date +%s) - start )) s for $runs kills"
