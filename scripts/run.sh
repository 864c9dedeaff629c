#!/usr/bin/env bash
# Entry point of the npm scripts that need the project's toolchain: Debian packages, Node 24 (the Node
# that Electron 45 embeds) and installed npm packages. Usage: scripts/run.sh <command…>
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system.sh
# shellcheck source=ensure-node.sh
source scripts/ensure-node.sh
bash scripts/ensure-deps.sh
exec "$@"
