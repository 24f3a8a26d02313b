#!/usr/bin/env python3
"""Adds up the results of every test suite and prints one closing line: 'N passed, N failed'.

Fails when a suite left no results, when anything failed, or when anything was skipped (the project
keeps no skipped tests).
"""
import glob
import json
import os
import sys
import xml.etree.ElementTree as ET

results = sys.argv[1]
suites = []  # (name, passed, failed, skipped)

for trx in sorted(glob.glob(os.path.join(results, "*.trx"))):
    root = ET.parse(trx).getroot()
    ns = {"t": root.tag.split("}")[0].strip("{")}
    counters = root.find("t:ResultSummary/t:Counters", ns)
    total = int(counters.get("total", 0))
    passed = int(counters.get("passed", 0))
    failed = int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped = total - passed - failed
    name = os.path.basename(trx)
    defn = root.find("t:TestDefinitions/t:UnitTest", ns)
    if defn is not None and defn.get("storage"):
        name = os.path.basename(defn.get("storage"))
    suites.append((name, passed, failed, skipped))

def vitest_like(path, name):
    with open(path) as f:
        data = json.load(f)
    if "numPassedTests" in data:
        return (name, data["numPassedTests"], data["numFailedTests"], data.get("numPendingTests", 0) + data.get("numTodoTests", 0))
    stats = data["stats"]  # Playwright Test's JSON reporter
    return (name, stats["expected"] + stats.get("flaky", 0), stats["unexpected"], stats.get("skipped", 0))

expected = {"vitest.json": "pane unit tests (Vitest)", "e2e.json": "pane browser tests (Playwright)"}
missing = []
for file, name in expected.items():
    path = os.path.join(results, file)
    if os.path.exists(path):
        suites.append(vitest_like(path, name))
    else:
        missing.append(name)
if not glob.glob(os.path.join(results, "*.trx")):
    missing.append(".NET tests")

print()
print("Test summary")
for name, p, f, s in suites:
    print(f"  {name}: {p} passed, {f} failed" + (f", {s} skipped" if s else ""))
for name in missing:
    print(f"  {name}: NO RESULTS")
passed = sum(s[1] for s in suites)
failed = sum(s[2] for s in suites) + len(missing)
skipped = sum(s[3] for s in suites)
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed or skipped or passed == 0 else 0)
