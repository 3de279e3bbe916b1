#!/usr/bin/env bash
# End-to-end tests in a real VS Code (code-server 4.100.3 + headless Chromium; see
# test/e2e/README.md): installs code-server once, packages the extension,
# runs the mocha suite through @vscode/test-electron's runTests and the code-server
# shim, then the Playwright check of the Problems panel and the report view on the
# installed .vsix (screenshots into .cache/e2e-screenshots, or MESA_SCREENSHOTS=docs/images).
# Any failure exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-packages.sh
bash scripts/install-code-server.sh
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "e2e: no Chromium at $chromium (apt package 'chromium', scripts/apt-packages.txt)" >&2; exit 1; }
npm run --silent package
node test/e2e/run.js
node test/e2e/ui/ui-check.js --vsix dist/mesa.vsix
