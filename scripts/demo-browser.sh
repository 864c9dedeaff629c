#!/bin/sh
# $BROWSER of the demo's panel on a machine without a display: ghcr-desk hands it the GitHub login URL,
# and this passes it on to the demo, which prints it (no window can open here; the URL is not a secret).
printf '%s\n' "$1" >>"${GHCR_DESK_DEMO_LOGIN_URLS:?set by scripts/demo.ts}"
