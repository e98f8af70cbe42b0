#!/usr/bin/env bash
# Runtime matrix (npm run test:runtimes): the packed package, installed from its tarball into a
# scratch project as a user installs it, run against one simulator server on Node 24 and Node 22
# (ESM and CJS), Bun (ESM and CJS) and Deno (ESM and CJS), plus an edge-style run of the core entry
# bundled for the browser and run with nothing but web APIs. Prints a table; exits non-zero when a
# required row fails. Informational rows track known limits and never fail the run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
# Node 24 is the root's pinned toolchain (devDependency node@24); the other runtimes are this
# folder's own devDependencies, kept apart because node@22 would take over the root's `node` bin.
export PATH="$root/node_modules/.bin:$PATH"
node24="$root/node_modules/.bin/node"
bin="$here/node_modules/.bin"
esbuild="$root/node_modules/.bin/esbuild"
started=$(date +%s)

if [[ ! -f dist/index.js || ! -f dist/index.cjs ]]; then
  echo "== dist/ is missing: building"
  npx --no-install tsup
elif [[ -n $(find src -newer dist/index.js -type f -print -quit) ]]; then
  echo "== note: src/ has changes newer than dist/: this run tests the existing build (npm run build for a fresh one)"
fi

# npm ci wipes node_modules; skip it when the installed tree is from this very lock file.
stamp="$here/node_modules/.runtimes-lock.sha256"
lock_sum=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$lock_sum" && -x $bin/node && -x $bin/bun && -x $bin/deno ]]; then
  echo "== runtimes: installed from the current lock file"
else
  echo "== runtimes: npm ci --prefix test/runtimes"
  npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$stamp"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/modelstudio-runtimes.XXXXXX")
simulator_pid=""
cleanup() {
  if [[ -n $simulator_pid ]]; then
    kill "$simulator_pid" 2>/dev/null || true
    wait "$simulator_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== packing"
tarball=$(npm pack --silent --pack-destination "$scratch" | tail -n 1)
project="$scratch/project"
mkdir -p "$project" "$scratch/edge" "$scratch/logs"
echo '{ "name": "runtimes-scratch", "private": true }' > "$project/package.json"
echo "== installing $tarball into a scratch project"
(cd "$project" && npm install --no-audit --no-fund --silent --prefer-offline "$scratch/$tarball")
cp "$here/smoke.mjs" "$here/smoke.cjs" "$project/"
cp "$here/edge.mjs" "$scratch/edge/"

echo "== starting the simulator server (Node 24, from src/)"
(cd "$here" && RUNNER_PID=$$ exec "$node24" simulator-server.ts) > "$scratch/simulator.out" 2> "$scratch/simulator.err" &
simulator_pid=$!
for _ in $(seq 100); do
  [[ -s $scratch/simulator.out ]] && break
  kill -0 "$simulator_pid" 2>/dev/null || { cat "$scratch/simulator.err" >&2; exit 1; }
  sleep 0.1
done
read -r base_url api_key < "$scratch/simulator.out"
[[ $base_url == http://* ]] || { echo "the simulator server printed no address" >&2; cat "$scratch/simulator.err" >&2; exit 1; }
echo "   $base_url"
export MODELSTUDIO_BASE_URL=$base_url MODELSTUDIO_API_KEY=$api_key
export DENO_DIR="$scratch/deno-dir" DENO_NO_UPDATE_CHECK=1 NO_COLOR=1

rows=()
required_failed=0

# row required|info RUNTIME FORMAT COMMAND...: runs COMMAND (a program: 60 s at most; or a shell
# function), passes on exit 0 with a `PASS ` line in its output. An informational row that fails
# shows only the head of its output: the error it tracks.
row() {
  local kind=$1 runtime=$2 format=$3
  shift 3
  local log="$scratch/logs/${#rows[@]}.log" t0 t1 status
  t0=$(date +%s%N)
  local runner=(timeout --kill-after=5 60)
  declare -F "$1" > /dev/null && runner=()
  if "${runner[@]}" "$@" > "$log" 2>&1 && grep -q '^PASS ' "$log"; then status=pass; else status=FAIL; fi
  t1=$(date +%s%N)
  local seconds
  seconds=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", ns / 1e9 }')
  if [[ $status == pass ]]; then
    grep '^PASS ' "$log" | sed 's/^/   /'
  else
    echo "   FAIL $runtime $format ($kind):"
    if [[ $kind == required ]]; then
      tail -n 25 "$log" | sed 's/^/   | /'
      required_failed=1
    else
      grep -v '^\s*$' "$log" | head -n 2 | sed 's/^/   | /'
    fi
  fi
  rows+=("$runtime|$format|$kind|$status|${seconds}s")
}

v24=$("$node24" --version)
v22=$("$bin/node" --version)
vbun=$("$bin/bun" --version)
vdeno=$("$bin/deno" --version | head -n 1 | cut -d' ' -f2)
deno_npm=(run --node-modules-dir=manual --no-lock --allow-net=127.0.0.1 --allow-read=.)
deno_env=--allow-env=MODELSTUDIO_BASE_URL,MODELSTUDIO_API_KEY,DASHSCOPE_API_KEY,QWEN_API_KEY

echo "== smoke runs"
cd "$project"
row required "node $v24" esm "$node24" smoke.mjs "node $v24"
row required "node $v24" cjs "$node24" smoke.cjs "node $v24"
row required "node $v22" esm "$bin/node" smoke.mjs "node $v22"
row required "node $v22" cjs "$bin/node" smoke.cjs "node $v22"
row required "bun $vbun" esm "$bin/bun" smoke.mjs "bun $vbun"
row required "bun $vbun" cjs "$bin/bun" smoke.cjs "bun $vbun"
row required "deno $vdeno" esm "$bin/deno" "${deno_npm[@]}" "$deno_env" smoke.mjs "deno $vdeno"
# Deno runs .cjs files, but resolves import() inside CommonJS with the `require` condition, so it
# hands back the CJS build again: the cross-copy check runs in the ESM row (through createRequire).
row required "deno $vdeno" cjs "$bin/deno" "${deno_npm[@]}" "$deno_env" smoke.cjs "deno $vdeno" --no-cross-copy
# Known limit: the constructor reads all three key variables, and MODELSTUDIO_BASE_URL, even when
# the first is set; Deno refuses a read outside a narrow --allow-env list.
row required "deno $vdeno, --allow-env=MODELSTUDIO_*" esm \
  "$bin/deno" "${deno_npm[@]}" --allow-env=MODELSTUDIO_BASE_URL,MODELSTUDIO_API_KEY smoke.mjs "deno $vdeno, --allow-env=MODELSTUDIO_*"

echo "== edge: the core entry bundled for the browser"
echo "export * from 'modelstudio-video';" > "$project/edge-entry.mjs"
browser_bundle() {
  # Node builtins may appear only as dynamic imports behind a non-literal specifier
  # (GeneratedVideo.download, { path } inputs), which bundlers leave alone and a browser never runs.
  "$esbuild" edge-entry.mjs --bundle --platform=browser --format=esm \
    --outfile="$scratch/edge/bundle.js" --metafile="$scratch/edge/meta.json" --log-level=warning || return 1
  "$node24" --input-type=module - "$scratch/edge/meta.json" "$scratch/edge/bundle.js" <<'JS'
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
const [metaPath, bundlePath] = process.argv.slice(2);
const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
const builtin = (path) => path.startsWith('node:') || builtinModules.includes(path.split('/')[0]);
const imports = Object.values(meta.outputs).flatMap((output) => output.imports);
const staticNode = imports.filter((i) => builtin(i.path) && i.kind !== 'dynamic-import');
const dynamicNode = imports.filter((i) => builtin(i.path) && i.kind === 'dynamic-import').map((i) => i.path);
const code = readFileSync(bundlePath, 'utf8');
const required = code.match(/require\(\s*["']node:[^"']+["']\s*\)/g) ?? [];
if (staticNode.length > 0 || required.length > 0) {
  console.error('static Node builtin imports in the browser bundle:', JSON.stringify([...staticNode, ...required]));
  process.exit(1);
}
const kb = Math.round(Buffer.byteLength(code) / 1024);
console.log(`PASS browser bundle: ${kb} KB, no static node: import; dynamic only: ${[...new Set(dynamicNode)].join(', ') || 'none'}`);
JS
}
row required "esbuild (platform=browser)" bundle browser_bundle
cd "$scratch/edge"
# Only fetch: no npm, no config, no file or env access, net to loopback only; edge.mjs also
# removes the Node globals before it imports the bundle.
if [[ -f bundle.js ]]; then
  # The simulator's video of the shape edge.mjs asks for, counted by the package under test.
  video_bytes=$(cd "$project" && "$node24" --input-type=module -e "import { generateVideo } from 'modelstudio-video/testing'; console.log(generateVideo({ width: 1280, height: 720, seconds: 5 }).byteLength)")
  row required "deno $vdeno, browser bundle" "fetch only" \
    "$bin/deno" run --no-npm --no-config --no-lock --allow-net=127.0.0.1 edge.mjs "$base_url" "$api_key" "$video_bytes"
else
  rows+=("deno $vdeno, browser bundle|fetch only|required|FAIL|-")
  required_failed=1
fi
cd "$root"

echo
printf '%-44s %-11s %-9s %-7s %s\n' runtime format kind result time
printf '%-44s %-11s %-9s %-7s %s\n' -------------------------------------------- ----------- --------- ------- ------
for r in "${rows[@]}"; do
  IFS='|' read -r runtime format kind status seconds <<< "$r"
  printf '%-44s %-11s %-9s %-7s %s\n' "$runtime" "$format" "$kind" "$status" "$seconds"
done
echo "info rows track known limits (test/runtimes/README.md) and never fail the run"
passed=0 failed=0
for r in "${rows[@]}"; do
  IFS='|' read -r _ _ kind status _ <<< "$r"
  [[ $kind == required ]] || continue
  if [[ $status == pass ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "runtime matrix done in $(( $(date +%s) - started ))s"
echo "runtimes: $passed passed, $failed failed"
(( required_failed == 0 ))
