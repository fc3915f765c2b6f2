#!/usr/bin/env bash
# The web client is built with Node.js; say plainly what is missing instead of "Cannot run program npm".
set -euo pipefail
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
  echo "ERROR: Node.js 20 or newer (with npm) is needed to build the web client (web/)." >&2
  echo "       Install it (for example: apt-get install nodejs npm, or from nodejs.org) and run the build again." >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if (( major < 20 )); then
  echo "ERROR: Node.js $(node --version) is too old to build the web client; version 20 or newer is needed." >&2
  exit 1
fi
echo "Node.js $(node --version), npm $(npm --version)"
