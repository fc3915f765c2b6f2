#!/usr/bin/env bash
# npm ci only when the lock file changed since node_modules was installed: a clean clone (CI) installs exactly the
# locked versions, while a developer's repeated builds do not reinstall every time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
marker=node_modules/.package-lock.json
if [[ -f "$marker" && ! package-lock.json -nt "$marker" && ! package.json -nt "$marker" ]]; then
  echo "web/node_modules is up to date with package-lock.json"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
