// The plugin with the real openclaw package (node --test, run by run.sh): the entry built with
// definePluginEntry registers the provider its manifest declares, and OpenClaw's own video
// generation runtime (capability checks, normalization, providerOptions validation) runs it
// against a simulator server. A restarted plugin resumes a running task from the task file.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulatorServer } from 'modelstudio-video/testing';
import { generateVideo } from 'openclaw/plugin-sdk/video-generation-runtime';
import { DASHSCOPE_WAN_VIDEO_MODELS, DEFAULT_VIDEO_GENERATION_TIMEOUT_MS, buildDashscopeVideoGenerationProvider } from 'openclaw/plugin-sdk/video-generation';

const manifest = JSON.parse(await readFile(new URL('./openclaw.plugin.json', import.meta.url), 'utf8'));
const pkg = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 120 }, (_, i) => i)]);
const LAST = 'https://cdn.example.com/last.png';

let server;
let dir;
let entry;

before(async () => {
  server = await startSimulatorServer({ region: 'intl', speed: 100 });
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-openclaw-'));
  Object.assign(process.env, { MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_REGION: 'intl' });
  ({ default: entry } = await import('./index.ts'));
});

after(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Registers the plugin as OpenClaw does, with the parts of the API it uses; returns what it registered. */
function register(pluginConfig = {}) {
  const providers = [];
  entry.register({
    id: manifest.id,
    name: manifest.name,
    source: new URL('./index.ts', import.meta.url).pathname,
    registrationMode: 'full',
    config: {},
    pluginConfig,
    runtime: { state: { resolveStateDir: () => dir } },
    logger: { info() {}, warn() {}, error() {}, debug() {} },
    registerVideoGenerationProvider: (provider) => providers.push(provider),
  });
  assert.equal(providers.length, 1);
  return providers[0];
}

/** OpenClaw's runtime, with this plugin's provider as the only one. */
function runtime(provider, params) {
  return generateVideo({ cfg: {}, ...params }, { getProvider: (id) => (id === provider.id ? provider : undefined), listProviders: () => [provider] });
}

test('the entry and the manifest agree: id, the provider contract, the extension', () => {
  const provider = register();
  assert.equal(entry.id, manifest.id);
  assert.deepEqual(manifest.contracts.videoGenerationProviders, [provider.id]);
  assert.deepEqual(manifest.setup.providers.map((p) => p.id), [provider.id]);
  assert.ok(pkg.openclaw.extensions.includes('./index.ts'));
  assert.equal(provider.isConfigured(), true);
  assert.ok(provider.models.length >= 27, `${provider.models.length} models`);
  console.log(`PASS ${manifest.id}: provider ${provider.id}, ${provider.models.length} models`);
});

test("OpenClaw's runtime generates with it: text to video", async () => {
  const provider = register();
  const result = await runtime(provider, { prompt: 'A lighthouse in a storm', modelOverride: 'modelstudio/wan2.6-t2v', size: '1280x720', durationSeconds: 5 });
  assert.equal(result.provider, 'modelstudio');
  assert.equal(result.model, 'wan2.6-t2v');
  assert.equal(result.videos.length, 1);
  assert.match(result.videos[0].url, /\/videos\/[0-9a-f-]+\.mp4\?/);
  const task = server.simulator.tasks.get(result.metadata.taskId);
  assert.deepEqual(task.body.parameters, { size: '1280*720', duration: 5 });
  console.log(`PASS runtime t2v: ${result.metadata.taskId}, estimated ${result.metadata.estimatedCost.amount} ${result.metadata.estimatedCost.currency}`);
});

test("OpenClaw normalizes with the provider's capabilities: 7 s on wan2.5 becomes 5 s, its nearest served duration", async () => {
  const provider = register();
  const result = await runtime(provider, { prompt: 'A kite over a beach', modelOverride: 'modelstudio/wan2.5-t2v-preview', durationSeconds: 7 });
  assert.deepEqual(result.normalization?.durationSeconds, { requested: 7, applied: 5, supportedValues: [5, 10] });
  assert.equal(server.simulator.tasks.get(result.metadata.taskId).body.parameters.duration, 5);
  console.log('PASS runtime duration normalization: 7 s -> 5 s');
});

test('a local file (buffer) as the first frame and a URL as the last, with providerOptions OpenClaw checks', async () => {
  const provider = register({ download: true });
  const result = await runtime(provider, {
    prompt: 'The flower blooms',
    modelOverride: 'modelstudio/wan2.7-i2v',
    resolution: '720P',
    inputImages: [{ buffer: PNG, mimeType: 'image/png', role: 'first_frame' }, { url: LAST, role: 'last_frame' }],
    providerOptions: { seed: 3, negativePrompt: 'blur' },
  });
  const media = server.simulator.tasks.get(result.metadata.taskId).body.input.media;
  assert.deepEqual(media.map((item) => item.type), ['first_frame', 'last_frame']);
  assert.ok(media[0].url.startsWith('data:image/png;base64,'));
  assert.equal(result.videos[0].buffer.subarray(4, 8).toString('latin1'), 'ftyp');
  await assert.rejects(
    runtime(provider, { prompt: 'x', modelOverride: 'modelstudio/wan2.7-i2v', inputImages: [{ url: LAST }], providerOptions: { fps: 60 } }),
    // Exactly wan2.7-i2v's own options: no other model's leak in through the provider's capabilities.
    /wan2\.7-i2v does not accept providerOptions keys: fps \(accepted: maxCost, negativePrompt, promptExtend, seed\)/,
  );
  console.log(`PASS runtime i2v: buffer first frame, ${result.videos[0].buffer.byteLength} MP4 bytes back`);
});

test('after a restart, the same request resumes the running task from the task file: one task on the service', async () => {
  const taskStoreFile = join(dir, 'tasks.json');
  const request = { provider: 'modelstudio', model: 'wan2.6-t2v', prompt: 'A paper boat on a rainy street', cfg: {} };
  const before = server.simulator.tasks.size;
  // The first gateway gives up (here: its deadline) while the task runs.
  await assert.rejects(register({ taskStoreFile }).generateVideo({ ...request, timeoutMs: 300 }), /keeps running on the service/);
  const saved = JSON.parse(await readFile(taskStoreFile, 'utf8'));
  assert.equal(Object.keys(saved).length, 1);
  // A new plugin instance: the same file, the same request.
  const result = await register({ taskStoreFile }).generateVideo(request);
  assert.equal(result.metadata.resumed, true);
  assert.equal(result.metadata.taskId, Object.values(saved)[0].taskId);
  assert.equal(server.simulator.tasks.size, before + 1);
  assert.deepEqual(JSON.parse(await readFile(taskStoreFile, 'utf8')), {});
  console.log(`PASS resume after restart: task ${result.metadata.taskId} resumed from ${taskStoreFile.split('/').at(-1)}`);
});

test("for comparison, this openclaw's built-in Alibaba provider: 5 models, a 2-minute default timeout, local files refused", async () => {
  assert.equal(DASHSCOPE_WAN_VIDEO_MODELS.length, 5);
  assert.equal(DEFAULT_VIDEO_GENERATION_TIMEOUT_MS, 120_000);
  const builtIn = buildDashscopeVideoGenerationProvider({ providerId: 'alibaba', label: 'Alibaba Model Studio', taskLabel: 'Alibaba Wan', defaultBaseUrl: server.baseUrl });
  const submits = server.simulator.stats.requests.submit;
  await assert.rejects(
    builtIn.generateVideo({ provider: 'alibaba', model: 'wan2.6-i2v', prompt: 'It moves', cfg: {}, inputImages: [{ buffer: PNG, mimeType: 'image/png' }] }),
    /requires remote http\(s\) URLs/,
  );
  assert.equal(server.simulator.stats.requests.submit, submits);
  // Ours takes the same request.
  const ours = await register().generateVideo({ provider: 'modelstudio', model: 'wan2.6-i2v', prompt: 'It moves', cfg: {}, inputImages: [{ buffer: PNG, mimeType: 'image/png' }] });
  assert.equal(ours.videos.length, 1);
  console.log(`PASS built-in alibaba: ${DASHSCOPE_WAN_VIDEO_MODELS.length} models, ${DEFAULT_VIDEO_GENERATION_TIMEOUT_MS / 1000} s default, buffers refused; ours: ${register().models.length} models, buffers taken`);
});
