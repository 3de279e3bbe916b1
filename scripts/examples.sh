#!/usr/bin/env bash
# The main job on a fresh clone: install, build, check every bundled example and
# published case as CI would, and simulate each one into report/<name>.json and
# report/<name>.html.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
fi
npm run --silent build

echo "== mesa check examples/*.mesa examples/published/*.mesa"
node bin/mesa.cjs check examples/*.mesa examples/published/*.mesa

mkdir -p report
for spec in examples/*.mesa examples/published/*.mesa; do
    name=$(basename "$spec" .mesa)
    echo
    echo "== mesa simulate $spec"
    node bin/mesa.cjs simulate "$spec" --json "report/$name.json" --html "report/$name.html"
done
echo
echo "Reports: $(ls report/*.html | tr '\n' ' ')"
echo "Playground: dist/playground/index.html (open it in a browser, from file:// or any static host)"
