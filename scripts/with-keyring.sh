#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring (a real Secret Service),
# so keytar works in tests without touching the user's own keyring.
set -euo pipefail
if [ -z "${GHCR_DESK_KEYRING_SESSION:-}" ]; then
  exec dbus-run-session -- env GHCR_DESK_KEYRING_SESSION=1 bash "$0" "$@"
fi
scratch="$(mktemp -d "${TMPDIR:-/tmp}/ghcr-desk-keyring.XXXXXX")"
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$scratch/run}"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'ghcr-desk-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
status=0
"$@" || status=$?
rm -rf "$scratch"
exit "$status"
