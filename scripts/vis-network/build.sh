#!/bin/sh
# Remakes kg/outputs/explorer_assets/vis-network.min.{js,css} from the npm registry, at the
# versions package-lock.json pins (npm ci checks each package's integrity hash).
# Needs Node.js and npm; works in a scratch copy so the repository gets no node_modules.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$here/build.mjs" "$scratch/"
cd "$scratch"
npm ci --no-audit --no-fund
node build.mjs "$here/../../kg/outputs/explorer_assets"
