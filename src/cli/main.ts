/**
 * The `modelstudio-video` command (`npx modelstudio-video --help`): generate videos, follow,
 * cancel and list tasks, run the simulator or the MCP server. Built by tsup into `dist/cli.js`.
 *
 * @module
 */
import { Output } from './output.ts';
import { run } from './program.ts';

// `modelstudio-video list | head -1`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  // Actions report their own errors: this is a failure of the command line itself.
  process.exitCode = new Output({ json: process.argv.includes('--json') }).fail(error);
}
