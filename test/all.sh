#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need, then checks
# formatting and lint, types, the shipped flows, and runs every vitest suite.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

npm ci --no-audit --no-fund --loglevel=error

echo "== format and lint (biome)"
npx biome ci .
echo "== layers (dependency-cruiser: schema depends on nothing of ours, the engine is pure, the designer uses public entry points)"
npm run --silent layers
echo "== types (tsc)"
npx tsc -p tsconfig.json --noEmit
echo "== shipped flows (relais validate, lint, fmt --check, test)"
npx relais validate
npx relais lint
npx relais fmt --check
npx relais test
echo "== designer build (vite)"
npx vite build --logLevel warn
echo "== vitest"
npx vitest run
echo "== bench smoke (every bench short, to check it still runs; figures not judged)"
npm run bench -- --smoke
