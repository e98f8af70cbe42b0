// The demo: generate a video from a prompt with a live progress line, and download it to ./out/.
// With no API key it runs against the simulator embedded in the package (no account needed);
// with MODELSTUDIO_API_KEY (or DASHSCOPE_API_KEY / QWEN_API_KEY) set, against the real service.
//
//   npm run demo
//   npm run demo -- "A paper boat sailing down a rainy street"
import { join } from 'node:path';
import { ModelStudioClient, type ModelStudioClientOptions } from 'modelstudio-video';
import { createSimulator } from 'modelstudio-video/testing';

const prompt = process.argv.slice(2).join(' ') || 'A red fox trotting through fresh snow at dawn';
const hasKey = ['MODELSTUDIO_API_KEY', 'DASHSCOPE_API_KEY', 'QWEN_API_KEY'].some((name) => process.env[name]?.trim());

let options: ModelStudioClientOptions = {};
if (!hasKey) {
  // The simulator's task takes about 42 s like a short real one; speed 12 plays it in about 3.5 s.
  const sim = createSimulator({ speed: 12 });
  options = {
    apiKey: sim.apiKey,
    baseUrl: sim.baseUrl,
    // Priced as in Singapore: the simulator's own host belongs to no region.
    region: 'intl',
    fetch: sim.fetch,
    polling: { initialIntervalMs: 500, maxIntervalMs: 1000, expectedRunTimeMs: 3_500 },
  };
  console.log('No API key set: running against the local simulator (set MODELSTUDIO_API_KEY to use the real service).');
}

const client = new ModelStudioClient(options);
const request = { prompt, resolution: '720P', aspectRatio: '16:9', duration: 5 } as const;
// The price before paying: nothing is sent for an estimate.
const estimate = client.estimateCost('textToVideo', request);
console.log(`Prompt: ${prompt}`);
console.log(`Estimated cost: ${estimate.amount ?? 'unknown'} ${estimate.currency ?? ''} (${estimate.basis})`);
const task = client.textToVideo(request, { maxCost: 1 }); // refused at once if it would cost more

// One live line on a terminal; one line per status change elsewhere (CI logs, pipes).
const live = process.stdout.isTTY === true;
const line = () => {
  const { status, elapsedMs, estimatedFraction } = task.progress;
  const width = 20;
  const filled = Math.round(estimatedFraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(estimatedFraction * 100)).padStart(3)}% (estimate)  ${status ?? 'SUBMITTING'}  ${(elapsedMs / 1000).toFixed(1)} s`;
};
const ticker = live ? setInterval(() => process.stdout.write(`\r${line()}`), 100) : undefined;
task.on('submitted', ({ taskId }) => !live && console.log(`Submitted task ${taskId}`));
task.on('status', () => !live && console.log(line()));

try {
  const result = await task;
  if (ticker) clearInterval(ticker);
  if (live) process.stdout.write(`\r${line()}\n`);
  const video = result.videos[0];
  const path = join('out', `${result.taskId}.mp4`);
  const file = await video.download(path, {
    onProgress: ({ bytesDone, bytesTotal }) => live && process.stdout.write(`\rDownloading ${bytesDone}/${bytesTotal ?? '?'} bytes`),
  });
  if (live) process.stdout.write('\n');
  console.log(`Saved ${file.bytes} bytes to ${file.path} (link valid until ${video.expiresAt?.toISOString() ?? 'unknown'})`);
  console.log(`Cost: ${result.cost?.amount ?? 'unknown'} ${result.cost?.currency ?? ''} (${result.cost?.basis ?? 'no usage reported'})`);
} catch (error) {
  if (ticker) clearInterval(ticker);
  console.error(`\n${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exitCode = 1;
}
