// Many videos from a JSON Lines file, safe to kill and run again: runBatchFile keeps a journal in
// the output folder, so a second run follows the tasks the first one created, skips the videos it
// saved and submits only the rest. The command `modelstudio-video batch prompts.jsonl --out videos`
// is the same thing with a progress view.
//
//   npm run example -- batch-file
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBatchFile } from 'modelstudio-video/batch';

// Your file: one request per line, with the SDK's field names, a mode (t2v by default) and an id.
const folder = mkdtempSync(join(tmpdir(), 'batch-file-'));
const input = join(folder, 'prompts.jsonl');
writeFileSync(input, [
  { id: 'fox', prompt: 'A red fox trotting through fresh snow at dawn', resolution: '720P' },
  { id: 'koi', prompt: 'A koi pond at dusk, lanterns reflected in the water', resolution: '720P' },
  { id: 'train', prompt: 'A steam train crossing a stone viaduct in autumn', resolution: '720P' },
  // A local file: a relative path is read from the input file's folder; this one is absolute.
  { id: 'lighthouse', mode: 'i2v', image: fileURLToPath(new URL('assets/lighthouse.png', import.meta.url)), prompt: 'The beam sweeps the sea', resolution: '720P' },
].map((line) => JSON.stringify(line)).join('\n'));
const out = join(folder, 'videos');

const run = runBatchFile({ input, out, concurrency: 2 });
run.on('notice', (notice) => console.log(notice));
run.on('line', (line) => console.log(`${line.id}: ${line.status} ${line.file ?? line.error?.message}`));
const summary = await run.summary();
const cost = summary.currency ? `${summary.cost} ${summary.currency}` : 'not priced (set MODELSTUDIO_REGION)';
console.log(`${summary.succeeded}/${summary.total} videos in ${out}, ${summary.submitted} tasks created, cost ${cost}`);
console.log(`Results: ${join(out, 'results.jsonl')}; contact sheet: ${join(out, 'index.html')}`);

// Run it again, as after a crash: nothing is sent twice.
const rerun = runBatchFile({ input, out });
rerun.on('notice', (notice) => console.log(notice));
const again = await rerun.summary();
console.log(`Again: ${again.alreadyDone} already done, ${again.submitted} tasks created`);
