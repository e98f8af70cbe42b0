#!/usr/bin/env bash
# Packaging gate: publint and arethetypeswrong on the package, then the packed tarball installed
# into scratch ESM and CJS projects that import every entry, as a user would.
set -euo pipefail
cd "$(dirname "$0")/.."

publint --strict
attw --pack . --profile node16

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tarball=$(npm pack --silent --pack-destination "$scratch" | tail -n 1)
echo "packed $tarball ($(du -k "$scratch/$tarball" | cut -f1) KB)"
tar -tzf "$scratch/$tarball" | sed 's/^/  /'

mkdir -p "$scratch/project"
cd "$scratch/project"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$scratch/$tarball"

# A lean default install: the frameworks (MCP SDK, ai, openclaw) are optional peers, not installed.
packages=$(npm ls --all --parseable 2>/dev/null | tail -n +2 | wc -l)
size_kb=$(du -sk node_modules | cut -f1)
echo "default install: $packages packages, $((size_kb / 1024)) MB ($size_kb KB)"
npm ls --all 2>/dev/null | sed 's/^/  /'
test "$packages" -le 8
# zod alone is 8.4 MB of it; before the peers, the default install was 102 packages and 30 MB.
test "$size_kb" -le 16384
for peer in @modelcontextprotocol/sdk ai @ai-sdk/provider openclaw ioredis @opentelemetry/api; do test ! -e "node_modules/$peer"; done

cat > esm.mjs <<'JS'
import assert from 'node:assert/strict';
import { ModelStudioClient, ValidationError, modelCaps, VERSION } from 'modelstudio-video';
import { createSimulator } from 'modelstudio-video/testing';
const sim = createSimulator({ speed: 1000 });
const client = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, polling: { initialIntervalMs: 50 } });
assert.throws(() => client.textToVideo({ prompt: 'x', duration: 99 }), ValidationError);
const result = await client.textToVideo({ prompt: 'A fox in snow' });
assert.equal(result.status, 'SUCCEEDED');
assert.equal(modelCaps['wan2.6-r2v'].duration.max, 10);
console.log(`ESM ok: modelstudio-video ${VERSION}, video ${result.videos[0].url.slice(0, 60)}...`);
JS
cat > cjs.cjs <<'JS'
const assert = require('node:assert/strict');
const { ModelStudioClient, ModelStudioError, isModelStudioError } = require('modelstudio-video');
const { createSimulator } = require('modelstudio-video/testing');
const sim = createSimulator({ speed: 1000 });
const client = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, polling: { initialIntervalMs: 50 } });
client.textToVideo({ prompt: 'A fox in snow' }).then((result) => {
  assert.equal(result.status, 'SUCCEEDED');
  return import('modelstudio-video').then((esm) => {
    // Two copies of the package (CJS and ESM builds): the error classes still recognise each other.
    const error = new esm.ValidationError('x', []);
    assert.ok(error instanceof ModelStudioError);
    assert.ok(isModelStudioError(error));
    console.log('CJS ok, cross-copy instanceof ok');
  });
});
JS
node esm.mjs
node cjs.cjs
# The command from the tarball: its version, then a whole run against its own simulator.
test "$(npx --no-install modelstudio-video --version)" = "$(node -p "require('modelstudio-video/package.json').version")"
# The bin itself, not npx: $! must be the server, so that the trap can stop it.
node_modules/.bin/modelstudio-video simulate --port 0 --speed 50 > simulator.env 2> simulator.log &
simulator=$!
trap 'kill "$simulator" 2>/dev/null || true; rm -rf "$scratch"' EXIT
for _ in $(seq 50); do grep -q MODELSTUDIO_API_KEY simulator.env && break; sleep 0.2; done
# shellcheck disable=SC1091
source simulator.env
npx --no-install modelstudio-video t2v "A paper boat on a rainy street" --resolution 720P --duration 5 -o out/ --json > result.json
node -e "const r = require('./result.json'); if (!r.ok || r.status !== 'SUCCEEDED') process.exit(1); console.log('CLI from the tarball:', r.status, r.taskId)"
# The simulator's video is the one asked for: 1280x720, 5 s, as the package's generator makes it.
video_bytes=$(node -p "require('modelstudio-video/testing').generateVideo({ width: 1280, height: 720, seconds: 5 }).byteLength")
video="out/$(node -p "require('./result.json').taskId").mp4"
test "$(wc -c < "$video")" -eq "$video_bytes"
if command -v ffprobe > /dev/null; then
  probed=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height,duration -of csv=p=0 "$video")
  echo "ffprobe of the CLI's video: $probed"
  test "$probed" = "h264,1280,720,5.000000"
fi
# The batch command from the tarball: three lines, three videos, results and the contact sheet;
# run again, nothing is sent. runBatchFile loads from both module systems.
printf '%s\n' '{"id":"a","prompt":"A fox"}' '{"id":"b","prompt":"A koi pond"}' '{"id":"c","prompt":"A train","resolution":"720P","duration":5}' > lines.jsonl
npx --no-install modelstudio-video batch lines.jsonl --out batch-out --json > batch.json
node -e "const r = require('./batch.json'); if (!r.ok || r.succeeded !== 3 || r.submitted !== 3) process.exit(1); console.log('batch from the tarball:', r.succeeded, 'of', r.total)"
test "$(wc -c < batch-out/c.mp4)" -eq "$video_bytes"
test -s batch-out/index.html && test "$(wc -l < batch-out/results.jsonl)" -eq 3
npx --no-install modelstudio-video batch lines.jsonl --out batch-out --json > again.json
node -e "const r = require('./again.json'); if (r.submitted !== 0 || r.alreadyDone !== 3) process.exit(1); console.log('batch rerun: nothing sent')"
node -e "const { runBatchFile, checkBatchFile } = require('modelstudio-video/batch'); if (typeof runBatchFile !== 'function' || typeof checkBatchFile !== 'function') process.exit(1); console.log('batch entry (CJS) loads')"
node --input-type=module -e "import { runBatchFile } from 'modelstudio-video/batch'; if (typeof runBatchFile !== 'function') process.exit(1); console.log('batch entry (ESM) loads')"
# The tools from both module systems; the framework entries load without their peers, and say which
# package to install when a peer is needed.
node --input-type=module -e "import { createVideoTools } from 'modelstudio-video/tools'; import { ModelStudioClient } from 'modelstudio-video'; const c = new ModelStudioClient({ apiKey: 'sk-x' }); console.log('tools (ESM):', createVideoTools(c).map((t) => t.name).join(', '));"
node -e "const { createVideoTools } = require('modelstudio-video/tools'); const { ModelStudioClient } = require('modelstudio-video'); console.log('tools (CJS):', createVideoTools(new ModelStudioClient({ apiKey: 'sk-x' })).length)"
node --input-type=module -e "
import assert from 'node:assert/strict';
import { createMcpServer } from 'modelstudio-video/mcp';
import { ModelStudioClient } from 'modelstudio-video';
await assert.rejects(createMcpServer(new ModelStudioClient({ apiKey: 'sk-x' })), /npm install @modelcontextprotocol\/sdk/);
for (const entry of ['modelstudio-video/ai-sdk', 'modelstudio-video/openclaw']) await import(entry);
const { createRedisLimitStore } = await import('modelstudio-video/redis');
await assert.rejects(createRedisLimitStore({ url: 'redis://127.0.0.1:6379' }).admit('queries', 1, 1000), /npm install ioredis/);
console.log('framework entries load without their peers; mcp and redis name their package');"
node -e "require('modelstudio-video/mcp'); require('modelstudio-video/ai-sdk'); require('modelstudio-video/openclaw'); require('modelstudio-video/redis'); console.log('framework entries (CJS) load')"
if node_modules/.bin/modelstudio-video mcp < /dev/null 2> mcp-missing.log; then echo 'mcp ran without the MCP SDK' >&2; exit 1; fi
grep -q 'npm install @modelcontextprotocol/sdk' mcp-missing.log
# The one-liner of the README: npx brings the MCP SDK along; the server answers an MCP initialize.
printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"ci","version":"1"}}}' \
  | MODELSTUDIO_API_KEY=sk-x timeout 120 npx --yes -p @modelcontextprotocol/sdk -p "$scratch/$tarball" modelstudio-video mcp > mcp-init.json 2> mcp-init.log || true
grep -q '"serverInfo":{"name":"modelstudio-video"' mcp-init.json || { cat mcp-init.log >&2; exit 1; }
echo 'npx -p @modelcontextprotocol/sdk -p modelstudio-video modelstudio-video mcp: initialize answered'
