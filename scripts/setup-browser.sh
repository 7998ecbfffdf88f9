#!/usr/bin/env bash
# Installs Debian's headless Chromium and its matching chromedriver for the browser tests
# (tests/test_browser.py). Idempotent: does nothing when both are already on PATH.
# Needs root (or sudo) and Debian's package archive; the tests skip with a clear reason otherwise.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "setup-browser: not root and no sudo; install 'chromium chromium-driver' by hand" >&2
        exit 0
    fi
fi

echo "setup-browser: installing chromium and chromium-driver (Debian packages)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
