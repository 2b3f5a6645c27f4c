# Source this (bash): `source scripts/use-node.sh`. Puts Node.js 24 LTS first on PATH for this shell.
#
# Node 20 is past its end of life; this project runs, tests and ships on the Node major in .nvmrc.
# When the machine's `node` is older, the official Node binary is installed from the npm registry
# (the platform package `node-<os>-<arch>`, the same binary the `node` package's preinstall fetches,
# taken directly so that no install script runs) into a cache directory, once, and reused after.
# npm_config_nodedir points a native addon built from source at that Node's headers (the package
# carries them), so the build needs no download from nodejs.org. No dependency builds today (docs/stack.md).
#
# TTS_NODE_DIR overrides the cache directory (default ~/.cache/tts-node<major>).

_tts_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_tts_major="$(tr -dc '0-9' < "$_tts_root/.nvmrc")"
_tts_node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_tts_node_major)" -lt "$_tts_major" ]; then
  _tts_dir="${TTS_NODE_DIR:-$HOME/.cache/tts-node$_tts_major}"
  _tts_pkg="node-$(node -p 'process.platform + "-" + process.arch')"
  _tts_home="$_tts_dir/node_modules/$_tts_pkg"
  if [ "$(_tts_node_major "$_tts_home/bin/node")" -lt "$_tts_major" ]; then
    echo "use-node: installing $_tts_pkg@$_tts_major from the npm registry into $_tts_dir" >&2
    mkdir -p "$_tts_dir"
    npm install --prefix "$_tts_dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "$_tts_pkg@$_tts_major" >&2
  fi
  if [ "$(_tts_node_major "$_tts_home/bin/node")" -lt "$_tts_major" ]; then
    echo "use-node: could not install Node $_tts_major into $_tts_dir" >&2
    return 1 2>/dev/null || exit 1
  fi
  export PATH="$_tts_home/bin:$PATH"
  export npm_config_nodedir="$_tts_home"
  hash -r
fi
unset _tts_root _tts_major _tts_dir _tts_pkg _tts_home
unset -f _tts_node_major
