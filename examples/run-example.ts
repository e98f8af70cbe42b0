// Runs one example by name. With an API key in the environment it talks to the real service;
// without one it starts a local simulator server and points the example at it through
// MODELSTUDIO_BASE_URL and MODELSTUDIO_API_KEY, so every recipe runs as is.
//
//   npm run example -- text-to-video
//   npm run example -- list        (lists the examples)
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSimulatorServer } from 'modelstudio-video/testing';

const folder = fileURLToPath(new URL('.', import.meta.url));
const examples = readdirSync(folder)
  // The demo and the simulator server have scripts of their own (npm run demo, npm run simulator).
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !['run-example.ts', 'demo.ts', 'simulator-server.ts'].includes(file))
  .map((file) => file.slice(0, -3))
  .sort();
const [name, ...args] = process.argv.slice(2);
if (!name || !examples.includes(name)) {
  console.log(`Usage: npm run example -- <name> [args]\nExamples: ${examples.join(', ')}`);
  process.exit(name && name !== 'list' ? 2 : 0);
}

const hasKey = ['MODELSTUDIO_API_KEY', 'DASHSCOPE_API_KEY', 'QWEN_API_KEY'].some((key) => process.env[key]?.trim());
// Speed 10 plays a 42 s simulated task in about 4 s, slow enough to see it PENDING and RUNNING.
const server = hasKey ? undefined : await startSimulatorServer({ speed: 10 });
// The simulator's host belongs to no region: price the recipes as Singapore (USD).
const env = server ? { ...process.env, MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_REGION: 'intl' } : process.env;
if (server) console.error(`(no API key: running ${name} against the local simulator at ${server.baseUrl})`);

const child = spawn(process.execPath, [...process.execArgv, `${folder}${name}.ts`, ...args], { stdio: 'inherit', env });
child.on('exit', (code, signal) => {
  void server?.close();
  process.exitCode = code ?? (signal ? 1 : 0);
});
