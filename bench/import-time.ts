// The cold import time of the built package: each sample is a new Node process that imports
// dist/index.js once and reports how long the import took (module loading and evaluation, not
// Node's own start). Builds named with --dist are measured alternately in the same run, so that a
// slow phase of the machine hits each alike; the first is the baseline of the ratios.
//
//   npm run build && node bench/import-time.ts                       this checkout's dist/
//   node bench/import-time.ts --dist ../before/dist --dist dist      two builds side by side
//   node bench/import-time.ts --samples 40
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
const flagValues = (name: string) => argv.flatMap((arg, index) => (arg === name ? [argv[index + 1] ?? ''] : []));
const dists = flagValues('--dist').length > 0 ? flagValues('--dist') : ['dist'];
const samples = Number(flagValues('--samples')[0] ?? 30);

const probe = (entry: string) =>
  `const t = performance.now(); await import(${JSON.stringify(entry)}); console.log(performance.now() - t);`;

function sample(dist: string): number {
  const entry = pathToFileURL(resolve(dist, 'index.js')).href;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', probe(entry)], { encoding: 'utf8' }).trim());
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const times = new Map(dists.map((dist) => [dist, [] as number[]]));
// One warm-up each, for the file system cache.
for (const dist of dists) sample(dist);
for (let index = 0; index < samples; index += 1) for (const dist of dists) times.get(dist)?.push(sample(dist));

console.log(`cold import of dist/index.js, Node ${process.version}, ${samples} processes each, alternating`);
console.log('| build | median (ms) | min | max | ratio to the first |');
console.log('|---|---|---|---|---|');
const baseline = median(times.get(dists[0] as string) ?? []);
for (const [dist, values] of times) {
  const med = median(values);
  console.log(`| ${dist} | ${med.toFixed(1)} | ${Math.min(...values).toFixed(1)} | ${Math.max(...values).toFixed(1)} | ${(med / baseline).toFixed(3)} |`);
}
