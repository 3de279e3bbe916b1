#!/usr/bin/env bash
# The long fuzz campaign (docs/testing.md, Fuzzing): the fuzz test of test/fuzz/ with
# many more mutations from a fresh seed, and every spec without errors simulated (however
# large; CI simulates only small ones) under a larger state budget.
#   npm run fuzz [-- RUNS [SEED]]      default 100000 mutations, seed from the clock
# MESA_FUZZ_STATES sets the states per environment (default 200000). Each text is
# written to a log file before it is checked, so a text that crashes the process (out
# of memory, say) is not lost; a failure prints the seed that replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-${MESA_FUZZ_RUNS:-100000}}"
seed="${2:-${MESA_FUZZ_SEED:-$(date +%s)}}"
states="${MESA_FUZZ_STATES:-200000}"
log="$(mktemp "${TMPDIR:-/tmp}/mesa-fuzz.XXXXXX")"

echo "mesa fuzz: $runs mutations from seed $seed, $states states per environment"
if MESA_FUZZ_LONG=1 MESA_FUZZ_RUNS="$runs" MESA_FUZZ_SEED="$seed" MESA_FUZZ_STATES="$states" MESA_FUZZ_LOG="$log" \
    npx vitest run test/fuzz --reporter=verbose; then
    rm -f "$log"
    echo "mesa fuzz: seed $seed passed"
else
    echo "mesa fuzz: seed $seed failed; replay it with: npm run fuzz -- $runs $seed" >&2
    echo "mesa fuzz: the last text checked (the one that crashed, if the run crashed) is in $log" >&2
    exit 1
fi
