import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelStudioClient, ValidationError, formatDebugEvent, type DebugEvent } from 'modelstudio-video';
import { BASE_URL, SUBMIT_URL, useMsw } from '../helpers/msw.ts';

const { server } = useMsw();
const KEY = 'sk-DEBUG-SECRET-0042';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('debug hook', () => {
  it('reports each request, answer and retry with method, path, status, request id and timings, and never the key', async () => {
    let polls = 0;
    server.use(
      http.post(SUBMIT_URL, () => HttpResponse.json({ output: { task_id: 't-1', task_status: 'PENDING' }, request_id: 'sub-1' })),
      http.get(`${BASE_URL}/api/v1/tasks/t-1`, () => {
        polls += 1;
        return polls === 1
          ? HttpResponse.json({ code: 'InternalError', message: 'x', request_id: 'err-1' }, { status: 500 })
          : HttpResponse.json({ request_id: 'q-2', output: { task_id: 't-1', task_status: 'SUCCEEDED', video_url: 'https://v/x.mp4' } });
      }),
    );
    const events: DebugEvent[] = [];
    const client = new ModelStudioClient({ apiKey: KEY, debug: (event) => events.push(event), polling: { initialIntervalMs: 1 } });
    await client.textToVideo({ prompt: 'fox' });

    expect(events.map((e) => `${e.type} ${e.method} ${e.path} ${e.attempt} ${e.status ?? ''} ${e.requestId ?? ''}`.trim())).toEqual([
      'request POST /api/v1/services/aigc/video-generation/video-synthesis 1',
      'response POST /api/v1/services/aigc/video-generation/video-synthesis 1 200 sub-1',
      'request GET /api/v1/tasks/t-1 1',
      'response GET /api/v1/tasks/t-1 1 500 err-1',
      'retry GET /api/v1/tasks/t-1 2 500',
      'response GET /api/v1/tasks/t-1 2 200 q-2',
    ]);
    for (const event of events.filter((e) => e.type !== 'request')) expect(event.durationMs).toBeGreaterThanOrEqual(0);
    expect(events[0]?.headers?.authorization).toBe('Bearer [redacted]');
    expect(events[0]?.headers?.['x-dashscope-async']).toBe('enable');
    const printed = JSON.stringify(events) + events.map(formatDebugEvent).join('\n');
    expect(printed).not.toContain(KEY);
    expect(printed).not.toContain('DEBUG-SECRET');
  });

  it('debug: true prints one readable line per event to stderr, without the key', async () => {
    server.use(http.get(`${BASE_URL}/api/v1/tasks/t-9`, () => HttpResponse.json({ request_id: 'q-9', output: { task_id: 't-9', task_status: 'RUNNING' } })));
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    await new ModelStudioClient({ apiKey: KEY, debug: true }).tasks.get('t-9');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('[modelstudio-video] GET /api/v1/tasks/t-9');
    expect(lines[1]).toMatch(/^\[modelstudio-video\] GET \/api\/v1\/tasks\/t-9 -> 200 \d+ ms request q-9$/);
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('is silent by default', async () => {
    server.use(http.get(`${BASE_URL}/api/v1/tasks/t-9`, () => HttpResponse.json({ request_id: 'q', output: { task_id: 't-9', task_status: 'RUNNING' } })));
    const spy = vi.spyOn(console, 'error');
    const log = vi.spyOn(console, 'log');
    await new ModelStudioClient({ apiKey: KEY }).tasks.get('t-9');
    expect(spy).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });
});

describe('the key is never sent in clear text', () => {
  it.each(['http://dashscope.example.com', 'http://10.0.0.5:8080', 'http://[2001:db8::1]'])('refuses the http base URL %s', (baseUrl) => {
    let thrown: unknown;
    try {
      new ModelStudioClient({ apiKey: KEY, baseUrl });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toEqual([
      { path: 'baseUrl', message: `${JSON.stringify(baseUrl)} would send the API key in clear text; use https://, or pass allowInsecure: true for a trusted network` },
    ]);
    expect(String(thrown)).not.toContain(KEY);
  });

  it('refuses a base URL of another scheme', () => {
    expect(() => new ModelStudioClient({ apiKey: KEY, baseUrl: 'ftp://dashscope.example.com' })).toThrow(/must be an https:\/\/ URL/);
  });

  it.each(['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010', 'http://127.8.9.10'])('accepts loopback over http: %s', (baseUrl) => {
    expect(new ModelStudioClient({ apiKey: KEY, baseUrl }).baseUrl).toBe(baseUrl);
  });

  it('accepts http on another host only with allowInsecure: true', () => {
    expect(new ModelStudioClient({ apiKey: KEY, baseUrl: 'http://10.0.0.5:8080', allowInsecure: true }).baseUrl).toBe('http://10.0.0.5:8080');
  });

  it('applies the rule to MODELSTUDIO_BASE_URL too', () => {
    expect(() => new ModelStudioClient({ apiKey: KEY, env: { MODELSTUDIO_BASE_URL: 'http://proxy.internal' } })).toThrow(ValidationError);
  });
});
