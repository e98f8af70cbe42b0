/**
 * `modelstudio-video/events`: the receiver of Model Studio's task-completion events, as
 * EventBridge posts them to an HTTP target (a CloudEvents 1.0 envelope, a shared secret header).
 * It works in both request shapes: fetch (edge functions, Hono, Bun, Deno) and Node
 * (`node:http`, Express, Fastify). An event is a hint to query the task, never a result.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createTaskEventReceiver } from 'modelstudio-video/events';
 *
 * const receiver = createTaskEventReceiver({ secret: process.env['EVENT_SECRET'] ?? '' });
 * receiver.subscribe((event) => console.log(`task ${event.taskId}: ${event.status ?? 'ended'}`));
 * createServer((req, res) => void receiver.handleNode(req, res)).listen(8080);
 * ```
 *
 * @module
 */
export {
  createTaskEventReceiver, constantTimeEqual,
  type TaskEventReceiver, type TaskEventReceiverOptions, type TaskEventListener,
} from './receiver.ts';
export {
  extractTaskEvent, isTaskEvent, TASK_ID_PATHS, TASK_STATUS_PATHS,
  type CloudEvent, type TaskEvent, type NotATaskEvent, type EventTaskStatus,
} from './envelope.ts';
