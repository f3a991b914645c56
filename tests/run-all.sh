#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: restores packages, finds or installs
# Chromium for the browser tests, builds, runs all test projects, and ends with one line
# "N passed, N failed, N skipped" summed over them. Exit code 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Chromium for the browser tests (apt-get)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "!! could not install chromium: browser tests will fail"
  else
    echo "!! chromium not found and cannot install it (not root): browser tests will fail"
  fi
fi

echo "== restore and build"
dotnet restore PakRussia.Search.sln --nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
dotnet build PakRussia.Search.sln --no-restore --nologo -v q -c Debug || { echo "0 passed, 1 failed"; exit 1; }

results=$(mktemp -d)
status=0
for project in tests/PakRussia.Search.Tests tests/PakRussia.Search.Web.Tests; do
  echo "== dotnet test $project"
  dotnet test "$project" --no-build --nologo -c Debug --logger "trx;LogFilePrefix=$(basename "$project")" \
    --results-directory "$results" --blame-hang-timeout 10m || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${t:-0} - ${x:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
