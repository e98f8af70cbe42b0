/**
 * The long-running commands: `simulate` (the DashScope simulator as a local HTTP server) and
 * `mcp` (the video tools over the Model Context Protocol on stdio).
 *
 * @module
 */
import { InvalidArgumentError } from 'commander';
import { API_KEY_ENV_VARS, BASE_URL_ENV_VAR, REGION_ENV_VAR } from '../core/env-vars.ts';
import { connect, type ClientFlags } from './connect.ts';
import type { ExitCode } from './exit-codes.ts';
import { Output, type OutputFlags } from './output.ts';
import { connectionNames } from './typed-names.ts';
import { UsageError } from './usage-error.ts';

/** The flags of `simulate`. */
export interface SimulateFlags extends OutputFlags {
  readonly port: number;
  readonly speed: number;
  /** `--event-url`: where to POST task-completion events. */
  readonly eventUrl?: string | undefined;
  /** `--event-secret`: the secret header's value on each event. */
  readonly eventSecret?: string | undefined;
  /** `--event-loss`: the probability that an event is never sent. */
  readonly eventLoss?: number | undefined;
}

/** A port number; 0 picks a free port. */
export function portArgument(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65535) throw new InvalidArgumentError('Expected a port number, 0–65535 (0 picks a free port).');
  return port;
}

/** A positive number. */
export function speedArgument(value: string): number {
  const speed = Number(value);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new InvalidArgumentError('Expected a positive number, such as 10 for ten times faster.');
  return speed;
}

/** An http or https URL. */
export function eventUrlArgument(value: string): string {
  const url = URL.parse(value.trim());
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new InvalidArgumentError('Expected an http or https URL, such as http://127.0.0.1:3000/events.');
  return url.href;
}

/** A probability, 0 to 1. */
export function probabilityArgument(value: string): number {
  const probability = Number(value);
  if (value.trim() === '' || !(probability >= 0 && probability <= 1)) throw new InvalidArgumentError('Expected a probability from 0 to 1, such as 0.2 to lose one event in five.');
  return probability;
}

/**
 * A port the simulator cannot listen on, as the usage error that names it and how to choose
 * another; `undefined` for any other failure, which is not the command line's.
 */
function listenProblem(error: unknown, port: number): UsageError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const other = 'choose another with --port <port> (--port 0 picks a free one)';
  if (code === 'EADDRINUSE') return new UsageError(`port ${port} is in use: ${other}`);
  if (code === 'EACCES') return new UsageError(`port ${port} needs privileges this user does not have: ${other}`);
  return undefined;
}

function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `simulate`: serves until SIGINT or SIGTERM. The export lines go to stdout, the rest to stderr. */
export async function simulate(flags: SimulateFlags): Promise<ExitCode> {
  // The simulator's key is fixed and public; print it even when the same value is set as a key.
  const out = new Output(flags, process, {});
  try {
    const { startSimulatorServer } = await import('../testing/server.ts');
    if (flags.eventUrl === undefined && (flags.eventSecret !== undefined || flags.eventLoss !== undefined)) {
      throw new UsageError('--event-secret and --event-loss need --event-url <url>, the receiver to post task-completion events to');
    }
    const eventTarget = flags.eventUrl === undefined ? undefined : { url: flags.eventUrl, secret: flags.eventSecret, loss: flags.eventLoss };
    const server = await startSimulatorServer({ port: flags.port, speed: flags.speed, eventTarget }).catch((error: unknown) => {
      throw listenProblem(error, flags.port) ?? error;
    });
    const { baseUrl, apiKey } = server;
    out.log(`DashScope simulator listening on ${baseUrl} (speed ${flags.speed}: a 5 s video takes about ${Math.round(42 / flags.speed)} s). Press Ctrl+C to stop.`);
    if (eventTarget) out.log(`Posting task-completion events to ${eventTarget.url}${eventTarget.secret === undefined ? '' : ' with the secret header'}${eventTarget.loss ? ` (losing ${eventTarget.loss * 100} %)` : ''}.`);
    out.log('Point the SDK or the command at it:');
    // The simulator serves every region's names; intl prices what runs against it, in USD.
    const region = 'intl';
    out.result(
      [`export ${BASE_URL_ENV_VAR}=${baseUrl}`, `export ${REGION_ENV_VAR}=${region}`, `export ${API_KEY_ENV_VARS[0]}=${apiKey}`],
      { baseUrl, region, apiKey, speed: flags.speed },
    );
    const signal = await untilStopped();
    out.log(`${signal}: stopping (tasks created: ${server.simulator.tasks.size}).`);
    await server.close();
    return 0;
  } catch (error) {
    return out.fail(error);
  }
}

/** `mcp`: serves the tools on stdio; stdout is the protocol's, so logs and errors go to stderr. */
export async function mcp(flags: ClientFlags): Promise<ExitCode> {
  const out = new Output({});
  try {
    const client = await connect(flags);
    // The server module loads the MCP SDK itself, and names the package when it is missing.
    const { runMcpServer } = await import('../mcp/server.ts');
    const wait = process.env.MODELSTUDIO_MCP_WAIT?.trim().toLowerCase() !== 'false';
    await runMcpServer(client, { wait });
    return 0;
  } catch (error) {
    return out.fail(error, { names: connectionNames(flags) });
  }
}
