#!/usr/bin/env bash
# The full kill -9 harness: kills a real `pakrussia index --rebuild` at random points RUNS times (default 200)
# and checks after each kill that the previous index answers the same queries and passes PRAGMA quick_check and
# FTS5's integrity-check. Prints the summary line (kills mid-build / before the build file / finished).
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
