/**
 * Focused msw handlers for task lifecycle tests: a submit that creates `task-1` and a query that
 * answers from a scripted list of statuses, so a test states exactly what the service says.
 */
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { BASE_URL, SUBMIT_URL } from './msw.ts';

export const TASK_URL = `${BASE_URL}/api/v1/tasks/:id`;
export const VIDEO_URL = 'https://dashscope-result-sg.oss-ap-southeast-1.aliyuncs.com/task-1.mp4?Expires=1900000000&Signature=x';

/** One answer of the task query endpoint. */
export function taskBody(status: string, extra: Record<string, unknown> = {}, taskId = 'task-1') {
  return {
    request_id: `query-${status.toLowerCase()}`,
    output: {
      task_id: taskId,
      task_status: status,
      submit_time: '2026-01-09 11:07:28.590',
      ...(status !== 'PENDING' && { scheduled_time: '2026-01-09 11:07:35.349' }),
      ...(status === 'SUCCEEDED' && { end_time: '2026-01-09 11:11:41.650', video_url: VIDEO_URL, orig_prompt: 'fox', actual_prompt: 'a fox, detailed' }),
      ...extra,
    },
    ...(status === 'SUCCEEDED' && { usage: { duration: 5, output_video_duration: 5, video_count: 1, SR: 1080, new_field: 'kept' } }),
  };
}

/** Installs a submit and a query that walks through `statuses` (the last repeats). Returns the poll times. */
export function scriptTask(server: SetupServer, statuses: (string | (() => Response))[], taskId = 'task-1') {
  const pollTimes: number[] = [];
  server.use(
    http.post(SUBMIT_URL, () => HttpResponse.json({ output: { task_id: taskId, task_status: 'PENDING' }, request_id: 'submit-req' })),
    http.get(TASK_URL, () => {
      pollTimes.push(Date.now());
      const next = statuses[Math.min(pollTimes.length - 1, statuses.length - 1)] ?? 'PENDING';
      return typeof next === 'function' ? next() : HttpResponse.json(taskBody(next, {}, taskId));
    }),
  );
  return pollTimes;
}
