#!/usr/bin/env bash
# Builds the Azure Functions package of the backend (custom handler, see docs/functions-hosting.md):
#   artifacts/functionapp/      host.json, one folder per function (function.json), the self-contained
#                               linux-x64 apphost named in host.json (mode 0755), its libraries, and pane/
#   artifacts/functionapp.zip   the same contents, host.json at the zip's root, Unix modes kept
#
#   tools/publish.sh                         # builds the pane first if addin/dist is missing
#   tools/publish.sh --pane-dir DIR          # take the pane's built files from DIR
#   tools/publish.sh --out DIR               # package into DIR and DIR.zip instead
#   tools/publish.sh --check DIR             # only check that DIR is laid out as Functions expects
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
project="$root/functions/PeerMentor365.Api"
out="$root/artifacts/functionapp"
pane_dir="$root/addin/dist"
check_only=""

while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --pane-dir) pane_dir=$2; shift 2 ;;
    --check) check_only=$2; shift 2 ;;
    *) echo "Unknown argument: $1" >&2; exit 2 ;;
  esac
done

# check_layout DIR: the package root holds host.json, the executable host.json names (executable, 0755),
# a function.json in every function folder, and the pane's taskpane.html under pane/.
check_layout() {
  python3 - "$1" <<'PY'
import json, os, stat, sys
root = sys.argv[1]
problems = []
host_path = os.path.join(root, "host.json")
if not os.path.isfile(host_path):
    sys.exit(f"{root}: no host.json at the package root")
host = json.load(open(host_path))
handler = host.get("customHandler", {})
exe = handler.get("description", {}).get("defaultExecutablePath", "")
if not exe:
    problems.append("host.json names no customHandler.description.defaultExecutablePath")
else:
    path = os.path.join(root, exe)
    if not os.path.isfile(path):
        problems.append(f"the executable {exe} named in host.json is missing")
    elif stat.S_IMODE(os.stat(path).st_mode) & 0o755 != 0o755:
        problems.append(f"{exe} is not mode 0755")
    else:
        with open(path, "rb") as f:
            if f.read(4) != b"\x7fELF":
                problems.append(f"{exe} is not a Linux executable")
if handler.get("enableProxyingHttpRequest") is not True:
    problems.append("host.json does not proxy HTTP requests (customHandler.enableProxyingHttpRequest)")
if host.get("extensions", {}).get("http", {}).get("routePrefix") != "api":
    problems.append("host.json's extensions.http.routePrefix is not \"api\"")
functions = [d for d in sorted(os.listdir(root)) if os.path.isfile(os.path.join(root, d, "function.json"))]
if not functions:
    problems.append("no function folders (NAME/function.json) at the package root")
for name in functions:
    json.load(open(os.path.join(root, name, "function.json")))
if os.path.isdir(os.path.join(root, "FunctionApp")):
    problems.append("FunctionApp/ was copied as a folder: its contents belong at the root")
if not os.path.isfile(os.path.join(root, "pane", "taskpane.html")):
    problems.append("pane/taskpane.html is missing")
if problems:
    sys.exit("\n".join(f"{root}: {p}" for p in problems))
print(f"Layout OK: {len(functions)} functions ({', '.join(functions)}), executable {exe}")
PY
}

if [ -n "$check_only" ]; then
  check_layout "$check_only"
  exit 0
fi

if [ ! -f "$pane_dir/taskpane.html" ]; then
  if [ "$pane_dir" = "$root/addin/dist" ] && [ -f "$root/addin/package.json" ]; then
    echo "Building the pane…"
    (cd "$root/addin" && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent build)
  fi
  [ -f "$pane_dir/taskpane.html" ] || { echo "No built pane at $pane_dir (taskpane.html missing)." >&2; exit 1; }
fi

rm -rf "$out" "$out.zip"
echo "Publishing the backend (self-contained linux-x64, without the dev tenant)…"
# IncludeDevTenant=false leaves the simulator and its seed out of the package (PeerMentor365.Api.csproj); built in
# its own artifacts folder so that this build never shares obj/ with the dev builds that do include it.
dotnet publish "$project" -c Release -r linux-x64 --self-contained true -p:IncludeDevTenant=false \
  --artifacts-path "$root/artifacts/package-build" -o "$out" -nologo -v quiet

exe=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["customHandler"]["description"]["defaultExecutablePath"])' "$out/host.json")
chmod 0755 "$out/$exe"
mkdir -p "$out/pane"
cp -R "$pane_dir/." "$out/pane/"

check_layout "$out"

# Zip the contents (host.json at the root). Unix modes go into the entries' external attributes, so the
# host can start the apphost; a zip made without them leaves it unexecutable.
python3 - "$out" "$out.zip" <<'PY'
import os, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, root))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as source:
                archive.writestr(info, source.read())
PY
echo "Package: $out ($(du -sh "$out" | cut -f1)), zip: $out.zip ($(du -sh "$out.zip" | cut -f1))"
