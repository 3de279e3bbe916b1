#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, Node 20) once into .cache/code-server
# for the end-to-end tests, with the offline recipe of docs/testing.md (End-to-end tests): code-server's own
# postinstall fails here (root, Kerberos headers, a ripgrep download), so scripts are
# skipped and the native modules rebuilt by hand. Idempotent: a finished install is
# marked by .cache/code-server/.installed and reused. System packages (headers,
# ripgrep, chromium) come from scripts/apt-packages.txt, installed by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=4.100.3
DIR="${CODE_SERVER_DIR:-$PWD/.cache/code-server}"
MARK="$DIR/.installed-$VERSION"
ENTRY="$DIR/node_modules/code-server/out/node/entry.js"

if [ -f "$MARK" ] && [ -f "$ENTRY" ]; then
    exit 0
fi
for tool in rg pkg-config; do
    command -v "$tool" >/dev/null || { echo "install-code-server: '$tool' is missing (apt packages: scripts/apt-packages.txt)" >&2; exit 1; }
done

echo "install-code-server: installing code-server $VERSION into $DIR (a few minutes, once)"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >/dev/null
npm_config_yes=true npm rebuild argon2 >/dev/null
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild --omit=dev >/dev/null   # node-pty, spdlog, watcher, kerberos
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null)
node "$ENTRY" --config "$DIR/config.yaml" --version
touch "$MARK"
