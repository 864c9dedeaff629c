#!/usr/bin/env bash
# `npm ci` when package-lock.json changed since the last install (or node_modules is missing).
# The Electron binary is not fetched here: tests run without it, and `npm start` fetches it on demand.
set -euo pipefail
stamp=node_modules/.ghcr-desk-lock-hash
want="$(node -e 'const c=require("node:crypto");process.stdout.write(c.createHash("sha256").update(require("node:fs").readFileSync("package-lock.json")).digest("hex")+process.version)')"
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && exit 0
echo "ghcr-desk: installing npm packages (npm ci)…" >&2
ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2
echo "$want" >"$stamp"
