// Run the simulator of the DashScope video service as a local HTTP server, to point the SDK,
// curl, or a client in any language at it without an account. Tasks take about as long as on the
// real service; SIMULATOR_SPEED=20 plays them 20 times faster. It accepts one fixed key, so it
// listens on 127.0.0.1 only. Stop it with Ctrl+C.
//
//   npm run simulator
//   PORT=8080 SIMULATOR_SPEED=20 npm run simulator
import { startSimulatorServer } from 'modelstudio-video/testing';

/** How to start it on another port, for the messages. */
const OTHER_PORT = 'choose another with PORT=<port> npm run simulator (PORT=0 picks a free one)';

/** A setting or a port that does not work is the person's to fix, not a crash: one line, no stack trace, exit 1. */
function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

/** The simulator's server, or the one line that says why it could not listen. */
async function start(port: number, speed: number) {
  try {
    return await startSimulatorServer({ port, speed });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') fail(`port ${port} is in use: ${OTHER_PORT}`);
    if (code === 'EACCES') fail(`port ${port} needs privileges this user does not have: ${OTHER_PORT}`);
    throw error;
  }
}

const port = Number(process.env.PORT ?? 4010);
const speed = Number(process.env.SIMULATOR_SPEED ?? 1);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, 0–65535 (0 picks a free one), got ${process.env.PORT}`);
if (!(speed > 0)) fail(`SIMULATOR_SPEED must be a positive number, such as 20, got ${process.env.SIMULATOR_SPEED}`);

const server = await start(port, speed);
const { baseUrl, apiKey } = server;
// The simulator serves every region's model names; MODELSTUDIO_REGION names the region whose
// models and prices apply (intl: USD), which a base URL of 127.0.0.1 cannot tell.
console.log(`DashScope simulator listening on ${baseUrl} (speed ${speed})

Point the SDK, the command (modelstudio-video) or any DashScope client at it; paste into your shell:
  export MODELSTUDIO_BASE_URL=${baseUrl}
  export MODELSTUDIO_API_KEY=${apiKey}
  export MODELSTUDIO_REGION=intl

Or try it with curl:
  curl -s ${baseUrl}/api/v1/services/aigc/video-generation/video-synthesis \\
    -H 'Authorization: Bearer ${apiKey}' -H 'X-DashScope-Async: enable' -H 'Content-Type: application/json' \\
    -d '{"model":"wan2.6-t2v","input":{"prompt":"A lighthouse at dusk"},"parameters":{"size":"1280*720","duration":5}}'
  curl -s ${baseUrl}/api/v1/tasks/<task_id> -H 'Authorization: Bearer ${apiKey}'

Press Ctrl+C to stop.`);

const stop = (signal: NodeJS.Signals) => {
  console.log(`\n${signal}: stopping (tasks created: ${server.simulator.tasks.size})`);
  void server.close().then(() => console.log('Stopped.'));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
