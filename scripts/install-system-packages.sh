#!/usr/bin/env bash
# Installs the Debian packages the end-to-end tests need (scripts/apt-packages.txt:
# headers for code-server's native modules, ripgrep, Chromium, util-linux's `script` for the
# progress line's terminal test) when some are missing.
# Needs root (or sudo); without either it says what to install and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=$(xargs -a scripts/apt-packages.txt -n1 sh -c 'dpkg -s "$0" >/dev/null 2>&1 || echo "$0"' | tr '\n' ' ')
[ -z "${missing// /}" ] && exit 0
if ! command -v apt-get >/dev/null; then
    echo "install-system-packages: apt-get not found; install: $missing" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-system-packages: run as root or install: $missing" >&2; exit 1; }
    sudo="sudo"
fi
echo "install-system-packages: installing $missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
