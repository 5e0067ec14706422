#!/usr/bin/env bash
# Runs the browser test: a built hireloop binary, a temp SQLite database, a real headless Chromium.
# Builds nothing itself: build first (`cargo build -p hireloop-cli`) or point HIRELOOP_BIN at a binary.
# Screenshots land in target/e2e-screenshots/ (or $HIRELOOP_SCREENSHOTS).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
export HIRELOOP_BIN="${HIRELOOP_BIN:-$root/target/debug/hireloop}"
export HIRELOOP_SCREENSHOTS="${HIRELOOP_SCREENSHOTS:-$root/target/e2e-screenshots}"

if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: /usr/bin/chromium is missing. On Debian/Ubuntu install it with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi
case "$HIRELOOP_BIN" in
  /*) ;;
  *) HIRELOOP_BIN="$root/$HIRELOOP_BIN" ;;
esac
if [ ! -x "$HIRELOOP_BIN" ]; then
  echo "e2e: no hireloop binary at $HIRELOOP_BIN; run 'cargo build -p hireloop-cli' or set HIRELOOP_BIN" >&2
  exit 1
fi

cd "$here"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  # First run: resolve the pinned version and write the lock file to commit.
  npm install --no-audit --no-fund
fi

# Only this run's pictures: stale ones from an earlier run would mislead whoever looks.
rm -rf "$HIRELOOP_SCREENSHOTS"
mkdir -p "$HIRELOOP_SCREENSHOTS"
# One file at a time: each starts its own server and browser, and 2 cores are enough for one.
node --test --test-concurrency=1 --test-reporter=spec browser.test.mjs interview-loop.test.mjs talent-pool.test.mjs
