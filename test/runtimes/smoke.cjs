// Runtime matrix smoke, CommonJS: the same checks as smoke.mjs through require(), plus the ESM
// copy loaded with import() for the cross-copy error check. Usage:
//   <runtime> smoke.cjs <label> [--no-cross-copy]     prints `PASS <label> cjs`, or throws
const { ModelStudioClient, ModelStudioError, ValidationError, isModelStudioError } = require('modelstudio-video');
const { generateVideo } = require('modelstudio-video/testing');

const label = process.argv[2] ?? 'unknown';
const check = (condition, message) => {
  if (!condition) throw new Error(`${label} cjs: ${message}`);
};

async function main() {
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

  if (!process.argv.includes('--no-cross-copy')) {
    const esm = await import('modelstudio-video');
    check(esm.ModelStudioClient !== ModelStudioClient, 'import() returned the CJS copy, not the ESM build');
    check(new esm.ValidationError('x', []) instanceof ModelStudioError, 'an ESM ValidationError is not a CJS ModelStudioError');
    check(thrown instanceof esm.ModelStudioError && esm.isModelStudioError(thrown), 'a CJS ValidationError is not an ESM ModelStudioError');
  }

  console.log(`PASS ${label} cjs`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
