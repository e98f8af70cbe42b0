// Runtime matrix smoke, ESM: the packed package as a user imports it, against the simulator server
// whose address run.sh passes in MODELSTUDIO_BASE_URL and MODELSTUDIO_API_KEY. Usage:
//   <runtime> smoke.mjs <label> [--no-cross-copy]     prints `PASS <label> esm`, or throws
import { createRequire } from 'node:module';
import { ModelStudioClient, ModelStudioError, ValidationError, isModelStudioError } from 'modelstudio-video';
import { generateVideo } from 'modelstudio-video/testing';

const label = process.argv[2] ?? 'unknown';
const check = (condition, message) => {
  if (!condition) throw new Error(`${label} esm: ${message}`);
};

// The key and base URL come from the environment, as in an application.
const client = new ModelStudioClient({ polling: { initialIntervalMs: 100, maxIntervalMs: 500 } });

let thrown;
try {
  client.textToVideo({ prompt: 'x', duration: 99 });
} catch (error) {
  thrown = error;
}
check(thrown instanceof ValidationError, `a duration of 99 should throw a ValidationError synchronously, got ${thrown}`);
check(thrown instanceof ModelStudioError && isModelStudioError(thrown), 'a ValidationError should be a ModelStudioError');

const result = await client.textToVideo({ prompt: 'A red fox trotting through fresh snow at dawn', resolution: '720P', duration: 5 });
check(result.status === 'SUCCEEDED', `status ${result.status}`);
const video = result.videos[0];
check(video !== undefined, 'no video in the result');
const fetched = new Uint8Array(await new Response(await video.fetchVideo()).arrayBuffer());
// The simulator (Node 24) made the video asked for; this runtime makes it again, byte for byte.
const expected = generateVideo({ width: 1280, height: 720, seconds: 5 });
check(fetched.length === expected.length && fetched.every((byte, i) => byte === expected[i]), `fetchVideo() gave ${fetched.length} bytes, not the ${expected.length} of generateVideo() for 1280x720, 5 s`);

// The CJS build is a second copy of the package in the same process: errors of either copy are
// instances of the other's classes. --no-cross-copy skips it where a runtime cannot load both.
if (!process.argv.includes('--no-cross-copy')) {
  const cjs = createRequire(import.meta.url)('modelstudio-video');
  check(cjs.ModelStudioClient !== ModelStudioClient, 'require() returned the ESM copy, not the CJS build');
  check(new cjs.ValidationError('x', []) instanceof ModelStudioError, 'a CJS ValidationError is not an ESM ModelStudioError');
  check(thrown instanceof cjs.ModelStudioError && cjs.isModelStudioError(thrown), 'an ESM ValidationError is not a CJS ModelStudioError');
}

console.log(`PASS ${label} esm`);
