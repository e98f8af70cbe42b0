// Completion events against polling (issue 27): N tasks over the five models through client.batch,
// with the simulator posting each task's completion event to a receiver the client listens to
// (polling.mode 'events': polls only as the fallback for a lost event), with 20% of the events
// lost, and with plain polling; each against the ideal makespan, with requests per task (the
// submit, the status queries, the rest). Scaled in time like bench/batch.ts.
import { ModelStudioClient } from 'modelstudio-video';
import { createTaskEventReceiver } from 'modelstudio-video/events';
import { createSimulator, type Simulator } from 'modelstudio-video/testing';
import { benchRequests, idealMs, SCALED_LIMITS, scaledPolling, SIMULATOR_LIMITS, TASK } from './workload.ts';

/** One variant's figures. */
export interface EventsRow {
  readonly variant: string;
  readonly n: number;
  readonly makespanS: number;
  readonly ideal: number;
  readonly requestsPerTask: number;
  readonly queriesPerTask: number;
  readonly done: number;
}

type Variant = { readonly name: string; readonly events: boolean; readonly loss: number };

const VARIANTS: readonly Variant[] = [
  { name: 'events', events: true, loss: 0 },
  { name: 'events, 20% lost', events: true, loss: 0.2 },
  { name: 'polling', events: false, loss: 0 },
];

async function runOnce(n: number, variant: Variant, scale: number): Promise<EventsRow> {
  const receiver = createTaskEventReceiver({ secret: 'bench-secret' });
  const sim: Simulator = createSimulator({
    speed: scale,
    timing: TASK,
    limits: SIMULATOR_LIMITS(scale),
    ...(variant.events && { eventTarget: { url: 'http://receiver.bench/events', secret: 'bench-secret', loss: variant.loss, fetch: (input: RequestInfo | URL, init?: RequestInit) => receiver.handle(new Request(input, init)) } }),
  });
  const client = new ModelStudioClient({
    apiKey: sim.apiKey,
    baseUrl: sim.baseUrl,
    fetch: sim.fetch,
    rateLimits: SCALED_LIMITS(scale),
    polling: scaledPolling(scale),
    ...(variant.events && { events: receiver }),
  });
  const started = performance.now();
  const items = await client.batch(benchRequests(n)).results();
  const makespanS = ((performance.now() - started) * scale) / 1000;
  const requests = Object.values(sim.stats.requests).reduce((a, b) => a + b, 0);
  return {
    variant: variant.name,
    n,
    makespanS,
    ideal: idealMs(n) / 1000,
    requestsPerTask: requests / n,
    queriesPerTask: sim.stats.requests.query / n,
    done: items.filter((item) => item.status === 'succeeded').length,
  };
}

/** The median run (by makespan) of `runs` for each size and variant, variants interleaved. */
export async function runEventsBench(sizes: readonly number[], scale: number, runs: number): Promise<EventsRow[]> {
  const rows: EventsRow[] = [];
  for (const n of sizes) {
    const byVariant = new Map<string, EventsRow[]>();
    for (let run = 0; run < runs; run += 1) {
      for (const variant of VARIANTS) byVariant.set(variant.name, [...(byVariant.get(variant.name) ?? []), await runOnce(n, variant, scale)]);
    }
    for (const variant of VARIANTS) {
      const sorted = [...(byVariant.get(variant.name) ?? [])].sort((a, b) => a.makespanS - b.makespanS);
      rows.push(sorted[Math.floor((sorted.length - 1) / 2)] as EventsRow);
    }
  }
  return rows;
}

/** The rows as a Markdown table. */
export function formatEvents(rows: readonly EventsRow[]): string {
  const lines = ['| N | variant | ideal (s) | makespan (s) | / ideal | requests/task | queries/task | done |', '|---|---|---|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(`| ${row.n} | ${row.variant} | ${row.ideal.toFixed(1)} | ${row.makespanS.toFixed(1)} | ${(row.makespanS / row.ideal).toFixed(3)} | ${row.requestsPerTask.toFixed(2)} | ${row.queriesPerTask.toFixed(2)} | ${row.done}/${row.n} |`);
  }
  return lines.join('\n');
}
