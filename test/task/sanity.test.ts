import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi, afterEach } from 'vitest';
import { ModelStudioClient } from 'modelstudio-video';
import { SUBMIT_URL, BASE_URL, TEST_KEY, useMsw } from '../helpers/msw.ts';

const { server, requests } = useMsw();
afterEach(() => vi.useRealTimers());

describe('sanity', () => {
  it('submits and polls under fake timers', async () => {
    vi.useFakeTimers();
    let polls = 0;
    server.use(
      http.post(SUBMIT_URL, () => HttpResponse.json({ output: { task_id: 't1', task_status: 'PENDING' }, request_id: 'r1' })),
      http.get(`${BASE_URL}/api/v1/tasks/:id`, () => {
        polls += 1;
        return HttpResponse.json({ request_id: 'q', output: { task_id: 't1', task_status: polls < 3 ? 'RUNNING' : 'SUCCEEDED', video_url: 'https://v/x.mp4' } });
      }),
    );
    const client = new ModelStudioClient({ apiKey: TEST_KEY });
    const task = client.textToVideo({ prompt: 'fox' });
    const done = task.then((r) => r);
    await vi.advanceTimersByTimeAsync(60_000);
    const result = await done;
    expect(result.videos[0].url).toBe('https://v/x.mp4');
    expect(requests.map((r) => r.method)).toEqual(['POST', 'GET', 'GET', 'GET']);
  });
});
