#!/usr/bin/env bash
# Installs the Debian packages the tests and the demo need, only when missing: Chromium (e2e), Xvfb,
# D-Bus + gnome-keyring (a real Secret Service for keytar), libsecret headers and a C++ toolchain
# (keytar builds from source), openssl (the test control plane's certificates). Needs root or sudo;
# elsewhere it prints what to install and carries on.
set -euo pipefail
PACKAGES=(chromium xvfb xauth dbus dbus-x11 gnome-keyring libsecret-1-dev libsecret-tools python3 make g++ xdg-utils openssl curl ca-certificates)
command -v dpkg-query >/dev/null || exit 0 # not Debian-like: README lists the equivalents
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "ghcr-desk: missing Debian packages (install them as root): apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "ghcr-desk: installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
