/** What a simulator saw at once: the most tasks unfinished at the same moment. */
import type { Simulator } from 'modelstudio-video/testing';

/** The most simulated tasks (of `model`, when given) unfinished at the same moment. */
export function maxOverlap(sim: Simulator, model?: string): number {
  const edges = sim.tasks
    .all()
    .filter((task) => model === undefined || task.model === model)
    .flatMap((task) => [[task.createdAt, 1], [task.createdAt + task.timing.pendingMs + task.timing.runningMs + (task.timing.suspendedMs ?? 0), -1]] as const);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, delta] of edges) most = Math.max(most, (open += delta));
  return most;
}
