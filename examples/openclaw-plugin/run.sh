#!/usr/bin/env bash
# The OpenClaw plugin check (npm run test:openclaw): installs this folder from its lock file with the
# real openclaw (pinned) and the packed modelstudio-video (file:../.., packed by npm as a user gets
# it: .npmrc sets install-links), type-checks the plugin against openclaw's own types, and runs the
# plugin through OpenClaw's video generation runtime against a simulator server. Kept out of the
# root install: openclaw brings about 330 packages.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# openclaw needs Node >= 24.16: the root's pinned Node 24 (devDependency node@24).
export PATH="$root/node_modules/.bin:$PATH"
started=$(date +%s)
seconds_since() { echo $(( $(date +%s) - $1 )); }

cd "$root"
if [[ ! -f dist/openclaw.js ]] || [[ -n $(find src tsup.config.ts -newer dist/openclaw.js -type f -print -quit) ]]; then
  echo "== dist/ is missing or older than src/: building"
  t=$(date +%s)
  npx --no-install tsup > /dev/null
  echo "   built in $(seconds_since "$t")s"
fi

cd "$here"
# npm ci wipes node_modules and reinstalls openclaw's ~330 packages (about a minute). When the tree
# is from this very lock file and the root's dependencies did not change, only modelstudio-video is
# refreshed: packed from the root and unpacked in place, as npm ci would install it.
stamp=node_modules/.openclaw-plugin.sha256
sum=$( { cat package-lock.json; node -p "JSON.stringify(require('$root/package.json').dependencies)"; } | sha256sum | cut -d' ' -f1)
t=$(date +%s)
if [[ -f $stamp && $(cat "$stamp") == "$sum" && -d node_modules/openclaw ]]; then
  echo "== installed from the current lock file: refreshing modelstudio-video from ../.."
  pack=$(mktemp -d "${TMPDIR:-/tmp}/modelstudio-pack.XXXXXX")
  tarball=$(cd "$root" && npm pack --silent --pack-destination "$pack" | tail -n 1)
  rm -rf node_modules/modelstudio-video
  mkdir -p node_modules/modelstudio-video
  tar -xzf "$pack/$tarball" -C node_modules/modelstudio-video --strip-components=1
  rm -rf "$pack"
else
  echo "== npm ci (openclaw $(node -p "require('./package.json').devDependencies.openclaw"), modelstudio-video packed from ../..)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$sum" > "$stamp"
fi
install_s=$(seconds_since "$t")
echo "   installed in ${install_s}s"

echo "== tsc: index.ts and types-check.ts against openclaw's types"
t=$(date +%s)
./node_modules/.bin/tsc -p .
tsc_s=$(seconds_since "$t")
echo "   types ok in ${tsc_s}s"

echo "== node --test plugin.test.mjs (OpenClaw's runtime, a simulator server)"
state=$(mktemp -d "${TMPDIR:-/tmp}/openclaw-state.XXXXXX")
trap 'rm -rf "$state"' EXIT
t=$(date +%s)
OPENCLAW_STATE_DIR="$state" node --test --test-reporter=spec plugin.test.mjs
test_s=$(seconds_since "$t")

echo "openclaw plugin check done in $(seconds_since "$started")s (install ${install_s}s, tsc ${tsc_s}s, tests ${test_s}s)"
