#!/usr/bin/env bash
# Runs every test: the .NET suites (scheduling core, dev tenant, API), the pane's unit tests, and the
# browser tests (Playwright driving Debian's Chromium) against the real backend on the dev tenant.
# Installs what it needs first. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
source tools/setup.sh

results=artifacts/test-results
rm -rf "$results"; mkdir -p "$results"
status=0

setup_dotnet
setup_pane
setup_azurite
setup_chromium
build_pane || exit 1

echo "== .NET tests"
dotnet test PeerMentor365.sln -c Release --nologo \
  --logger "trx;LogFilePrefix=dotnet" --results-directory "$results" || status=1

echo "== Pane unit tests (Vitest)"
(cd addin && npm test -- --reporter=default --reporter=json --outputFile.json="../$results/vitest.json") || status=1

echo "== Browser tests (Playwright, Debian Chromium) against the backend on the dev tenant"
trap 'stop_azurite' EXIT
start_azurite "$(free_port)" "" "$results/azurite-e2e.log" || exit 1
port=$(free_port)
url="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Development dotnet run --project functions/PeerMentor365.Api -c Release --no-launch-profile -- \
  --urls "$url" --DevTenant:Port 0 --Pane:Path "$PWD/addin/dist" \
  --Storage:ConnectionString "$AZURITE_CONNECTION_STRING" >"$results/backend-e2e.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; stop_azurite' EXIT
if wait_for_url "$url/" 120; then
  (cd addin && PANE_URL="$url/api/pane/" PLAYWRIGHT_JSON_OUTPUT_NAME="../$results/e2e.json" \
    npm run --silent test:e2e -- --reporter=list,json) || status=1
else
  echo "The backend did not start for the browser tests:"; tail -50 "$results/backend-e2e.log"; status=1
fi
kill "$app" 2>/dev/null; wait "$app" 2>/dev/null
stop_azurite

python3 tools/summarise-tests.py "$results" || status=1
exit $status
