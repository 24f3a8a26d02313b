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
