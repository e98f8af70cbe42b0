// Runtime matrix, edge-style run: the core entry bundled for the browser by esbuild (bundle.js
// beside this file, written by run.sh), run where only web APIs are left. run.sh starts it with
//   deno run --no-npm --no-config --allow-net=127.0.0.1 edge.mjs <baseUrl> <apiKey>
// so it has no file, env or npm access; the Node globals Deno adds are removed before the import.
// The import is dynamic for that reason, and a literal so that Deno loads it with no read permission.
for (const name of ['process', 'Buffer', 'global', 'setImmediate', 'clearImmediate', 'require']) {
  Reflect.deleteProperty(globalThis, name);
}

// The third argument: the bytes of the simulator's 1280x720, 5 s video, as run.sh counted them.
const [baseUrl, apiKey, videoBytes] = Deno.args;
const check = (condition, message) => {
  if (!condition) throw new Error(`edge: ${message}`);
};
check(typeof globalThis.process === 'undefined' && typeof globalThis.Buffer === 'undefined', 'Node globals are still there');

const { ModelStudioClient, ValidationError } = await import('./bundle.js');
// No environment on a worker: the key and base URL are passed.
const client = new ModelStudioClient({ apiKey, baseUrl, polling: { initialIntervalMs: 100, maxIntervalMs: 500 } });

let thrown;
try {
  client.textToVideo({ prompt: 'x', duration: 99 });
} catch (error) {
  thrown = error;
}
check(thrown instanceof ValidationError, `a duration of 99 should throw a ValidationError synchronously, got ${thrown}`);

const result = await client.textToVideo({ prompt: 'A red fox trotting through fresh snow at dawn', resolution: '720P', duration: 5 });
check(result.status === 'SUCCEEDED', `status ${result.status}`);
let bytes = 0;
for await (const chunk of await result.videos[0].fetchVideo()) bytes += chunk.byteLength;
check(bytes === Number(videoBytes), `fetchVideo() gave ${bytes} bytes, expected ${videoBytes}`);

console.log('PASS edge (browser bundle, fetch only)');
