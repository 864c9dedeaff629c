#!/usr/bin/env bash
# Builds the real Kubernetes control plane used by tests and the demo from its Go modules:
# kube-apiserver, kube-controller-manager, kubectl (k8s.io/kubernetes, staging modules replaced by their
# published v0.x.y twins) and etcd (go.etcd.io/etcd/server/v3 at the version Kubernetes requires).
#
# Output: $GHCR_DESK_CACHE/kube/<version>/bin (default ~/.cache/ghcr-desk). Each binary is written
# atomically, so an interrupted run resumes where it stopped (Go's module and build caches keep the rest).
# If KUBEBUILDER_ASSETS points at a folder holding all four binaries, nothing is built.
set -euo pipefail

KUBE_VERSION="${KUBE_VERSION:-v1.36.3}"
ETCD_VERSION="${ETCD_VERSION:-v3.6.8}" # what k8s.io/kubernetes@v1.36.3 requires (go.etcd.io/etcd/client/v3)
CACHE="${GHCR_DESK_CACHE:-$HOME/.cache/ghcr-desk}/kube/$KUBE_VERSION"
BIN="$CACHE/bin"
BINARIES=(etcd kube-apiserver kube-controller-manager kubectl)

log() { printf '[control-plane build] %s\n' "$*" >&2; }

have_all() { for b in "${BINARIES[@]}"; do [ -x "$1/$b" ] || return 1; done; }

if [ -n "${KUBEBUILDER_ASSETS:-}" ] && have_all "$KUBEBUILDER_ASSETS"; then
  log "using ready binaries from KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS"
  echo "$KUBEBUILDER_ASSETS"
  exit 0
fi
if have_all "$BIN"; then echo "$BIN"; exit 0; fi

go_binary=$(bash "$(dirname "$0")/ensure-go.sh") || exit 2
export PATH="$(dirname "$go_binary"):$PATH"
mkdir -p "$BIN" "$CACHE/src/kubernetes" "$CACHE/src/etcd"
# One build per cache: a second run (another checkout's npm test, the demo) waits for the first, then reuses it.
exec 9>"$CACHE/.build.lock"
if ! flock -n 9; then
  log "another build of $KUBE_VERSION is running; waiting for it…"
  flock 9
fi
if have_all "$BIN"; then echo "$BIN"; exit 0; fi
export GOFLAGS="-mod=mod" CGO_ENABLED=0

step=0
build() { # build <name> <module dir> <package> [ldflags]
  local name="$1" dir="$2" pkg="$3" ldflags="${4:-}"
  step=$((step + 1))
  if [ -x "$BIN/$name" ]; then log "($step/4) $name: already built"; return; fi
  log "($step/4) $name: building $pkg (minutes on a cold cache)…"
  local started=$SECONDS
  # go build prints nothing until it is done: a heartbeat says the build is alive.
  (while sleep 30; do log "($step/4) $name: still building, $((SECONDS - started)) s so far…"; done) &
  local heartbeat=$!
  local status=0
  (cd "$dir" && go build -trimpath -ldflags "-s -w $ldflags" -o "$BIN/.$name.partial" "$pkg") || status=$?
  pkill -P "$heartbeat" sleep 2>/dev/null || true # its sleep, so nothing lingers
  kill "$heartbeat" 2>/dev/null || true
  wait "$heartbeat" 2>/dev/null || true
  [ "$status" -eq 0 ] || { log "($step/4) $name: go build failed ($status)"; exit "$status"; }
  mv "$BIN/.$name.partial" "$BIN/$name"
  log "($step/4) $name: done in $((SECONDS - started)) s"
}

# etcd: its own module so its dependency versions do not fight Kubernetes'.
if [ ! -f "$CACHE/src/etcd/go.sum" ]; then
  log "resolving etcd $ETCD_VERSION modules…"
  cat >"$CACHE/src/etcd/go.mod" <<MOD
module ghcr-desk/etcd-build

go 1.24.0

require go.etcd.io/etcd/server/v3 $ETCD_VERSION
MOD
  (cd "$CACHE/src/etcd" && printf 'package tools\n\nimport _ "go.etcd.io/etcd/server/v3"\n' >tools.go && go mod tidy >/dev/null 2>&1 || go get go.etcd.io/etcd/server/v3@"$ETCD_VERSION")
fi
build etcd "$CACHE/src/etcd" go.etcd.io/etcd/server/v3

# Kubernetes: replace every staging module (v0.0.0 in its go.mod) by the published v0.<minor>.<patch>.
if [ ! -f "$CACHE/src/kubernetes/go.sum" ]; then
  log "resolving k8s.io/kubernetes $KUBE_VERSION modules…"
  staging_version="v0.${KUBE_VERSION#v1.}"
  kube_mod=$(cd "$CACHE/src/kubernetes" && go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  {
    printf 'module ghcr-desk/kube-build\n\ngo 1.26.0\n\nrequire k8s.io/kubernetes %s\n\n' "$KUBE_VERSION"
    grep -E '^\s+k8s.io/[a-z0-9/-]+ => ./staging/' "$kube_mod" | awk -v v="$staging_version" '{print "replace " $1 " => " $1 " " v}'
  } >"$CACHE/src/kubernetes/go.mod"
  printf 'package tools\n\nimport (\n\t_ "k8s.io/kubernetes/cmd/kube-apiserver/app"\n\t_ "k8s.io/kubernetes/cmd/kube-controller-manager/app"\n\t_ "k8s.io/kubectl/pkg/cmd"\n)\n' >"$CACHE/src/kubernetes/tools.go"
  (cd "$CACHE/src/kubernetes" && go mod tidy)
fi
minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
version_flags=""
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  version_flags+=" -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done
build kube-apiserver "$CACHE/src/kubernetes" k8s.io/kubernetes/cmd/kube-apiserver "$version_flags"
build kube-controller-manager "$CACHE/src/kubernetes" k8s.io/kubernetes/cmd/kube-controller-manager "$version_flags"
build kubectl "$CACHE/src/kubernetes" k8s.io/kubernetes/cmd/kubectl "$version_flags"

log "all binaries ready in $BIN"
echo "$BIN"
