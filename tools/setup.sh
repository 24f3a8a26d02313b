# Shared set-up steps for run.sh and test.sh: each installs only what is missing, so a fresh machine
# needs nothing but this repository (the .NET SDK, Node.js and npm come with the machine image).
# shellcheck shell=bash

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

setup_dotnet() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (https://dot.net)." >&2; exit 1; }
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

setup_pane() {
  command -v npm >/dev/null || { echo "Node.js 20+ with npm is required." >&2; exit 1; }
  # npm ci only when the lock file changed since the last install.
  local stamp=addin/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ addin/package-lock.json -nt "$stamp" ]; then
    echo "Installing the pane's npm packages…"
    (cd addin && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

setup_azurite() {
  command -v npm >/dev/null || { echo "Node.js 20+ with npm is required." >&2; exit 1; }
  # The Table emulator the tests and run.sh use, pinned in tools/azurite; npm ci only when its lock file changed.
  local stamp=tools/azurite/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ tools/azurite/package-lock.json -nt "$stamp" ]; then
    echo "Installing Azurite…"
    npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
  fi
}

# Azurite's documented development account (valid only against the emulator).
AZURITE_ACCOUNT=devstoreaccount1
AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

# start_azurite PORT [WORKSPACE] [LOG]: starts Azurite's Table service on 127.0.0.1:PORT, data in memory when WORKSPACE
# is empty or kept in that folder, and waits until it answers. Sets AZURITE_PID and AZURITE_CONNECTION_STRING.
start_azurite() {
  local port=$1 workspace=${2:-} log=${3:-/dev/null}
  local storage=(--inMemoryPersistence)
  if [ -n "$workspace" ]; then mkdir -p "$workspace"; storage=(--location "$workspace"); fi
  # In a session of its own, so that Ctrl+C in the terminal does not reach it: Azurite shuts down cleanly on its
  # first SIGINT only (a second one kills it mid-flush), and stop_azurite sends that one.
  setsid node tools/azurite/node_modules/azurite/dist/src/table/main.js \
    --tableHost 127.0.0.1 --tablePort "$port" "${storage[@]}" \
    --skipApiVersionCheck --disableTelemetry --silent >"$log" 2>&1 &
  AZURITE_PID=$!
  AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;TableEndpoint=http://127.0.0.1:$port/$AZURITE_ACCOUNT;"
  if ! wait_for_url "http://127.0.0.1:$port/" 60; then
    echo "Azurite did not start on 127.0.0.1:$port." >&2
    [ "$log" != /dev/null ] && tail -20 "$log" >&2
    stop_azurite
    return 1
  fi
}

# stop_azurite: stops the Azurite start_azurite started and waits until it has exited. SIGINT, not SIGTERM: Azurite
# 3.37 writes its last acknowledged changes to its workspace only when it shuts down on SIGINT.
stop_azurite() {
  if [ -n "${AZURITE_PID:-}" ]; then
    kill -INT "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
    AZURITE_PID=
  fi
  return 0
}

# port_in_use PORT: true when something already listens on 127.0.0.1:PORT.
port_in_use() { python3 -c 'import socket,sys; s=socket.socket(); sys.exit(0 if s.connect_ex(("127.0.0.1",int(sys.argv[1])))==0 else 1)' "$1"; }

build_pane() {
  echo "Building the pane…"
  (cd addin && npm run --silent build >/dev/null)
}

setup_chromium() {
  # Browser tests use Debian's Chromium, never a downloaded browser.
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests…"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
  fi
  export CHROMIUM_PATH=/usr/bin/chromium
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# wait_for_url URL SECONDS: polls until the URL answers (any HTTP status), like the Functions host's readiness ping.
wait_for_url() {
  local url=$1 seconds=$2 i
  for ((i = 0; i < seconds * 4; i++)); do
    curl -s -o /dev/null "$url" && return 0
    sleep 0.25
  done
  return 1
}
