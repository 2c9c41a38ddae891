#!/bin/sh
# Installs Debian's Chromium for the browser test (test/e2e/browser.test.ts drives /usr/bin/chromium
# through playwright-core, which ships no browser). Idempotent: does nothing when it is present.
set -eu

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
else
  SUDO="sudo"
fi

$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
