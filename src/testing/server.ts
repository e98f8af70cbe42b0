/**
 * The simulator as a real HTTP server on loopback (`node:http`), for clients in other processes
 * and languages: `npm run simulator`.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createSimulator, type Simulator, type SimulatorOptions } from './simulator.ts';

/** Options of {@link startSimulatorServer}. */
export interface SimulatorServerOptions extends Omit<SimulatorOptions, 'baseUrl'> {
  /**
   * The port; 0 picks a free one.
   * @default 0
   */
  readonly port?: number | undefined;
  /**
   * The interface to listen on. Keep it on loopback: the simulator accepts a fixed key.
   * @default '127.0.0.1'
   */
  readonly host?: string | undefined;
}

/** A running simulator server. */
export interface SimulatorServer {
  /** `http://127.0.0.1:{port}`: pass it as the client's `baseUrl`. */
  readonly baseUrl: string;
  /** The API key it accepts. */
  readonly apiKey: string;
  /** The simulator behind it: tasks, clock, faults, stats. */
  readonly simulator: Simulator;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

function toRequest(incoming: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', origin), {
    method: incoming.method ?? 'GET',
    headers,
    ...(hasBody && { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: 'half' }),
  });
}

async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    outgoing.end();
    return;
  }
  for await (const chunk of response.body) outgoing.write(chunk);
  outgoing.end();
}

/**
 * Starts the simulator on a loopback port.
 *
 * @example
 * ```ts
 * import { startSimulatorServer } from 'modelstudio-video/testing';
 *
 * const server = await startSimulatorServer({ port: 0, speed: 20 });
 * console.log(`MODELSTUDIO_BASE_URL=${server.baseUrl} MODELSTUDIO_API_KEY=${server.apiKey}`);
 * await server.close();
 * ```
 */
export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const simulator = createSimulator(options);
  const server = createServer((incoming, outgoing) => {
    simulator
      .handle(toRequest(incoming, origin))
      .then((response) => send(response, outgoing))
      // A fault that drops the connection: close the socket with no answer, as a network would.
      .catch(() => incoming.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    baseUrl: origin,
    apiKey: simulator.apiKey,
    simulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        simulator.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
