// Run the simulator of the DashScope video service as a local HTTP server, to point the SDK,
// curl, or a client in any language at it without an account. Tasks take about as long as on the
// real service; SIMULATOR_SPEED=20 plays them 20 times faster. It accepts one fixed key, so it
// listens on 127.0.0.1 only. Stop it with Ctrl+C.
//
//   npm run simulator
//   PORT=8080 SIMULATOR_SPEED=20 npm run simulator
import { startSimulatorServer } from 'modelstudio-video/testing';

const port = Number(process.env.PORT ?? 4010);
const speed = Number(process.env.SIMULATOR_SPEED ?? 1);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
if (!(speed > 0)) throw new Error(`SIMULATOR_SPEED must be a positive number, got ${process.env.SIMULATOR_SPEED}`);

const server = await startSimulatorServer({ port, speed });
const { baseUrl, apiKey } = server;
console.log(`DashScope simulator listening on ${baseUrl} (speed ${speed})

Point the SDK (or any DashScope client) at it:
  export MODELSTUDIO_BASE_URL=${baseUrl}
  export MODELSTUDIO_API_KEY=${apiKey}

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
