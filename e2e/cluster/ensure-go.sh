#!/usr/bin/env bash
# Prints the path of a Go toolchain new enough to build the control plane: the `go` on PATH when it is,
# else Go $GO_VERSION fetched from the Go module proxy (the toolchain module `golang.org/toolchain`, the same
# zip `GOTOOLCHAIN` downloads) into $GHCR_DESK_CACHE/go/. Debian's own Go is too old for Kubernetes 1.36, and
# the proxy is reachable where the internet is not.
set -euo pipefail

GO_MIN="1.26"
GO_VERSION="${GO_VERSION:-1.26.8}"
CACHE="${GHCR_DESK_CACHE:-$HOME/.cache/ghcr-desk}/go/go$GO_VERSION"
log() { printf '[control-plane build] %s\n' "$*" >&2; }

new_enough() { # new_enough <go binary>
  local version
  version=$("$1" env GOVERSION 2>/dev/null) || return 1 # go1.26.8 (old releases lack GOVERSION: too old)
  version="${version#go}"
  [ "$(printf '%s\n%s\n' "$GO_MIN" "$version" | sort -V | head -n1)" = "$GO_MIN" ]
}

if command -v go >/dev/null && new_enough "$(command -v go)"; then
  command -v go
  exit 0
fi
if [ -x "$CACHE/bin/go" ] && new_enough "$CACHE/bin/go"; then
  echo "$CACHE/bin/go"
  exit 0
fi

case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) log "no Go toolchain for $(uname -m) on the module proxy; install Go $GO_MIN+ or set KUBEBUILDER_ASSETS"; exit 2 ;;
esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
# The first proxy of GOPROXY (the go command's default: proxy.golang.org).
proxy="${GOPROXY:-https://proxy.golang.org}"
proxy="${proxy%%[,|]*}"
[ "$proxy" = direct ] || [ "$proxy" = off ] && proxy=https://proxy.golang.org
url="$proxy/golang.org/toolchain/@v/v0.0.1-go$GO_VERSION.$os-$arch.zip"

log "Go $GO_MIN+ is not on PATH: fetching Go $GO_VERSION from $url"
mkdir -p "$(dirname "$CACHE")"
partial="$CACHE.partial"
rm -rf "$partial" "$partial.zip"
curl -fsSL --retry 3 -o "$partial.zip" "$url"
# Module zips hold no file modes: the go command marks bin/ and pkg/tool/ executable when it unpacks a
# toolchain, and so does this.
python3 - "$partial.zip" "$partial" <<'PY'
import os, sys, zipfile
archive, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(archive) as z:
    for info in z.infolist():
        # Entries are `golang.org/toolchain@<version>/<path>`.
        name = info.filename.split('@', 1)[-1].split('/', 1)[1] if '/' in info.filename else ''
        if not name or name.endswith('/'):
            continue
        path = os.path.join(dest, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with z.open(info) as source, open(path, 'wb') as target:
            target.write(source.read())
        if name.startswith('bin/') or name.startswith('pkg/tool/'):
            os.chmod(path, 0o755)
PY
rm -f "$partial.zip"
new_enough "$partial/bin/go" || { log "the fetched toolchain does not run"; exit 2; }
rm -rf "$CACHE"
mv "$partial" "$CACHE"
log "Go $GO_VERSION ready in $CACHE"
echo "$CACHE/bin/go"
