#!/usr/bin/env bash
# Runs PeerMentor365 on the embedded dev tenant (no Microsoft 365 tenant needed) and prints the pane's URL.
#   ./run.sh                      # http://127.0.0.1:5080/api/pane/
#   PORT=5090 ./run.sh            # another port
#   ./run.sh --DevTenant:SeedPath=my-scenario.json    # any extra arguments go to the app (configuration overrides)
set -euo pipefail
cd "$(dirname "$0")"
source tools/setup.sh

setup_dotnet
setup_pane
build_pane

port="${PORT:-5080}"
url="http://127.0.0.1:${port}"
echo "Building the backend…"
dotnet build functions/PeerMentor365.Api -c Release -v quiet -nologo >/dev/null

# Table Storage: Azurite with its data kept in .azurite/ between runs, on its usual port unless that is taken.
setup_azurite
azurite_port=10002
port_in_use "$azurite_port" && azurite_port=$(free_port)
start_azurite "$azurite_port" "$PWD/.azurite" "$PWD/.azurite/azurite.log"
trap 'stop_azurite' INT TERM EXIT

# Development: the API refuses the dev tenant in Production (the default environment), see docs/settings.md.
ASPNETCORE_ENVIRONMENT=Development dotnet run --project functions/PeerMentor365.Api -c Release --no-build --no-launch-profile -- \
  --urls "$url" --Pane:Path "$PWD/addin/dist" --Storage:ConnectionString "$AZURITE_CONNECTION_STRING" "$@" &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; stop_azurite' INT TERM EXIT

wait_for_url "$url/" 60 || { echo "The backend did not start; see the log above." >&2; exit 1; }
cat <<MSG

PeerMentor365 is running on the dev tenant.
  Pane:     $url/api/pane/
  API docs: $url/api/openapi/v1.json
  Tables:   Azurite on 127.0.0.1:$azurite_port, data in .azurite/
Open the pane in a browser and sign in as any seeded person (e.g. Ana Souza), or sideload
addin/manifest/manifest.json into Outlook (see README). Ctrl+C stops it.

MSG
wait "$app"
