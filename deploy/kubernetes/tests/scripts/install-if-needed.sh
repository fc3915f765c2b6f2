#!/usr/bin/env bash
# npm ci for the Kubernetes manifest tests, only when node_modules is missing or older than the lock file (as
# web/scripts/install-if-needed.sh does): CI's clean clone installs exactly the locked versions, a developer's
# repeated builds do not reinstall every time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
  echo "ERROR: Node.js 20 or newer (with npm) is needed for the Kubernetes manifest tests (deploy/kubernetes/tests)." >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if (( major < 20 )); then
  echo "ERROR: Node.js $(node --version) is too old for the Kubernetes manifest tests; version 20 or newer is needed." >&2
  exit 1
fi
marker=node_modules/.package-lock.json
if [[ -f "$marker" && ! package-lock.json -nt "$marker" && ! package.json -nt "$marker" ]]; then
  echo "deploy/kubernetes/tests/node_modules is up to date with package-lock.json"
  exit 0
fi
# kubernetes-models declares node >= 22 but runs on 20 (the tests prove it): not an error
npm ci --no-audit --no-fund --loglevel=error
