#!/usr/bin/env bash
# Runs the benchmarks (BenchmarkDotNet, Release). Targets (on a 2-core machine):
#   core, 2 people, 26 occurrences over 6 months: median < 5 ms; 8 people: < 25 ms
#   end-to-end POST /api/suggestions on loopback against the dev tenant: median < 50 ms, and under 2x GET /api/me
#     (the Ratio column, /me as the baseline: both make one Graph round trip)
#   cold start of the published package (tools/publish.sh, started as the Functions host starts it) to the first
#     200 on GET /: < 1 s
#   commitments through the API on Azurite: read/write latency, and requests per second at 16 concurrent clients
#   a pair's first series with its shared agenda (POST /api/pairs/{id}/series, 4 Graph round trips), and an
#   attendee opening the Agenda view (lookup + agenda) on loopback against the dev tenant and Azurite
# Pass a filter to run a subset: ./bench.sh '*SlotFinder*', ./bench.sh '*SuggestionEndpoint*', ./bench.sh '*ColdStart*'
set -euo pipefail
cd "$(dirname "$0")"
source tools/setup.sh
setup_dotnet
setup_azurite
dotnet run -c Release --project tools/PeerMentor365.Benchmarks -- --filter "${1:-*}" --artifacts artifacts/benchmarks
