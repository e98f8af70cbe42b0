// One simulator server for every run of the runtime matrix (run.sh). It runs from the sources on
// the root's Node 24, so the package under test serves none of its own answers. Prints one line,
// `<baseUrl> <apiKey>`, then stays up until run.sh stops it, or exits on its own once run.sh is gone.
import { startSimulatorServer } from '../../src/testing/index.ts';

const server = await startSimulatorServer({ port: 0, speed: 50 });
console.log(`${server.baseUrl} ${server.apiKey}`);

const stop = () => void server.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// A runner killed with SIGKILL runs no trap: do not outlive it.
const runner = Number(process.env.RUNNER_PID);
if (Number.isInteger(runner) && runner > 0) {
  setInterval(() => {
    try {
      process.kill(runner, 0);
    } catch {
      stop();
    }
  }, 1_000);
}
