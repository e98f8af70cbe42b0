/**
 * Client options: API key resolution (docs/protocol.md §3, last paragraph), base URL and region
 * (§1), the workspace header (§2) and an injected fetch. Assertions are on what left the SDK.
 */
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_KEY_ENV_VARS, AuthenticationError, ModelStudioClient, ModelStudioError, isModelStudioError } from 'modelstudio-video';
import { BASE_URL, TEST_KEY, useMsw, type RecordedRequest } from '../helpers/msw.ts';

const { server, requests } = useMsw();

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  // Let msw's request recorder finish before the helper resets it.
  await new Promise((resolve) => setImmediate(resolve));
});

const TASK_PATH = '/api/v1/tasks/:id';
const SUBMIT_PATH = '/api/v1/services/aigc/video-generation/video-synthesis';

function runningTask(taskId = 'task-1') {
  return HttpResponse.json({ request_id: 'q-1', output: { task_id: taskId, task_status: 'RUNNING' } });
}

/** Answers task queries on `host` and returns the headers each query carried. */
function serveTaskQueries(host = BASE_URL): Headers[] {
  const seen: Headers[] = [];
  server.use(
    http.get(`${host}${TASK_PATH}`, ({ request }) => {
      seen.push(request.headers);
      return runningTask();
    }),
  );
  return seen;
}

/** The Authorization header that one task query of `client` sends. */
async function authorizationOf(client: ModelStudioClient): Promise<string | null> {
  const seen = serveTaskQueries();
  await client.tasks.get('task-1');
  expect(seen).toHaveLength(1);
  return seen[0]?.get('authorization') ?? null;
}

function lastRecorded(): RecordedRequest {
  const last = requests.at(-1);
  if (!last) throw new Error('no request was recorded');
  return last;
}

describe('API key', () => {
  it('the explicit option wins over every environment variable', async () => {
    const client = new ModelStudioClient({
      apiKey: 'sk-explicit',
      env: { MODELSTUDIO_API_KEY: 'sk-modelstudio', DASHSCOPE_API_KEY: 'sk-dashscope', QWEN_API_KEY: 'sk-qwen' },
    });
    expect(await authorizationOf(client)).toBe('Bearer sk-explicit');
  });

  it('reads MODELSTUDIO_API_KEY first', async () => {
    const client = new ModelStudioClient({
      env: { MODELSTUDIO_API_KEY: 'sk-modelstudio', DASHSCOPE_API_KEY: 'sk-dashscope', QWEN_API_KEY: 'sk-qwen' },
    });
    expect(await authorizationOf(client)).toBe('Bearer sk-modelstudio');
  });

  it('then DASHSCOPE_API_KEY', async () => {
    const client = new ModelStudioClient({ env: { DASHSCOPE_API_KEY: 'sk-dashscope', QWEN_API_KEY: 'sk-qwen' } });
    expect(await authorizationOf(client)).toBe('Bearer sk-dashscope');
  });

  it('then QWEN_API_KEY', async () => {
    const client = new ModelStudioClient({ env: { QWEN_API_KEY: 'sk-qwen' } });
    expect(await authorizationOf(client)).toBe('Bearer sk-qwen');
  });

  it('skips empty and whitespace-only variables', async () => {
    const client = new ModelStudioClient({
      env: { MODELSTUDIO_API_KEY: '', DASHSCOPE_API_KEY: '  \t ', QWEN_API_KEY: 'sk-qwen' },
    });
    expect(await authorizationOf(client)).toBe('Bearer sk-qwen');
  });

  it('skips an empty MODELSTUDIO_API_KEY for a set DASHSCOPE_API_KEY', async () => {
    const client = new ModelStudioClient({ env: { MODELSTUDIO_API_KEY: '   ', DASHSCOPE_API_KEY: 'sk-dashscope' } });
    expect(await authorizationOf(client)).toBe('Bearer sk-dashscope');
  });

  it('trims whitespace from an explicit key', async () => {
    const client = new ModelStudioClient({ apiKey: '  sk-padded \n', env: {} });
    expect(await authorizationOf(client)).toBe('Bearer sk-padded');
  });

  it('trims whitespace from a key read from the environment', async () => {
    const client = new ModelStudioClient({ env: { DASHSCOPE_API_KEY: '\tsk-env-padded  \n' } });
    expect(await authorizationOf(client)).toBe('Bearer sk-env-padded');
  });

  it('reads process.env when no env option is given (vi.stubEnv)', async () => {
    vi.stubEnv('MODELSTUDIO_API_KEY', '');
    vi.stubEnv('DASHSCOPE_API_KEY', 'sk-from-process-env');
    vi.stubEnv('QWEN_API_KEY', 'sk-qwen-loses');
    vi.stubEnv('MODELSTUDIO_BASE_URL', '');
    const client = new ModelStudioClient();
    expect(client.baseUrl).toBe('https://dashscope-intl.aliyuncs.com');
    expect(await authorizationOf(client)).toBe('Bearer sk-from-process-env');
  });

  it('without a key anywhere, the constructor throws AuthenticationError naming the three variables', () => {
    let thrown: unknown;
    try {
      new ModelStudioClient({ env: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuthenticationError);
    expect(thrown).toBeInstanceOf(ModelStudioError);
    expect(isModelStudioError(thrown)).toBe(true);
    const message = (thrown as Error).message;
    for (const name of ['MODELSTUDIO_API_KEY', 'DASHSCOPE_API_KEY', 'QWEN_API_KEY']) expect(message).toContain(name);
    expect(API_KEY_ENV_VARS).toEqual(['MODELSTUDIO_API_KEY', 'DASHSCOPE_API_KEY', 'QWEN_API_KEY']);
  });

  it('throws the same when every variable is empty or whitespace', () => {
    expect(
      () => new ModelStudioClient({ env: { MODELSTUDIO_API_KEY: '', DASHSCOPE_API_KEY: ' ', QWEN_API_KEY: '\n' } }),
    ).toThrow(AuthenticationError);
  });

  it('throws when process.env has no key either (vi.stubEnv, no env option)', () => {
    vi.stubEnv('MODELSTUDIO_API_KEY', '');
    vi.stubEnv('DASHSCOPE_API_KEY', '');
    vi.stubEnv('QWEN_API_KEY', '');
    expect(() => new ModelStudioClient()).toThrow(/MODELSTUDIO_API_KEY.*DASHSCOPE_API_KEY.*QWEN_API_KEY/s);
  });
});

describe('base URL and region', () => {
  const cases: ReadonlyArray<{ name: string; options: ConstructorParameters<typeof ModelStudioClient>[0]; expected: string }> = [
    { name: 'defaults to the intl host', options: {}, expected: 'https://dashscope-intl.aliyuncs.com' },
    { name: "region 'intl'", options: { region: 'intl' }, expected: 'https://dashscope-intl.aliyuncs.com' },
    { name: "region 'cn'", options: { region: 'cn' }, expected: 'https://dashscope.aliyuncs.com' },
    { name: "region 'us'", options: { region: 'us' }, expected: 'https://dashscope-us.aliyuncs.com' },
    {
      name: 'baseUrl wins over region',
      options: { region: 'cn', baseUrl: 'https://proxy.example.com' },
      expected: 'https://proxy.example.com',
    },
    { name: 'strips one trailing slash', options: { baseUrl: 'https://proxy.example.com/' }, expected: 'https://proxy.example.com' },
    { name: 'strips several trailing slashes', options: { baseUrl: 'https://proxy.example.com///' }, expected: 'https://proxy.example.com' },
    {
      name: 'accepts a workspace host as is',
      options: { baseUrl: 'https://ws-123.ap-southeast-1.maas.aliyuncs.com' },
      expected: 'https://ws-123.ap-southeast-1.maas.aliyuncs.com',
    },
    {
      name: 'keeps a path prefix and strips its trailing slash',
      options: { baseUrl: 'https://gateway.example.com/dashscope/' },
      expected: 'https://gateway.example.com/dashscope',
    },
  ];

  for (const { name, options, expected } of cases) {
    it(`${name}: ${expected}, and requests go there`, async () => {
      const client = new ModelStudioClient({ apiKey: TEST_KEY, env: {}, ...options });
      expect(client.baseUrl).toBe(expected);
      const seen = serveTaskQueries(expected);
      await client.tasks.get('task-1');
      expect(seen).toHaveLength(1);
      expect(lastRecorded().url).toBe(`${expected}/api/v1/tasks/task-1`);
    });
  }

  it('uses MODELSTUDIO_BASE_URL from env when neither baseUrl nor region is given', async () => {
    const client = new ModelStudioClient({ apiKey: TEST_KEY, env: { MODELSTUDIO_BASE_URL: 'https://dashscope.aliyuncs.com/' } });
    expect(client.baseUrl).toBe('https://dashscope.aliyuncs.com');
    serveTaskQueries('https://dashscope.aliyuncs.com');
    await client.tasks.get('task-1');
    expect(lastRecorded().url).toBe('https://dashscope.aliyuncs.com/api/v1/tasks/task-1');
  });

  it('uses MODELSTUDIO_BASE_URL from process.env (vi.stubEnv)', async () => {
    vi.stubEnv('MODELSTUDIO_BASE_URL', 'https://ws-9.eu-central-1.maas.aliyuncs.com');
    const client = new ModelStudioClient({ apiKey: TEST_KEY });
    expect(client.baseUrl).toBe('https://ws-9.eu-central-1.maas.aliyuncs.com');
  });

  it('region wins over MODELSTUDIO_BASE_URL', () => {
    const client = new ModelStudioClient({ apiKey: TEST_KEY, region: 'us', env: { MODELSTUDIO_BASE_URL: 'https://elsewhere.example.com' } });
    expect(client.baseUrl).toBe('https://dashscope-us.aliyuncs.com');
  });

  it('baseUrl wins over MODELSTUDIO_BASE_URL', () => {
    const client = new ModelStudioClient({
      apiKey: TEST_KEY,
      baseUrl: 'https://mine.example.com',
      env: { MODELSTUDIO_BASE_URL: 'https://elsewhere.example.com' },
    });
    expect(client.baseUrl).toBe('https://mine.example.com');
  });

  it('submits go to the chosen host too', async () => {
    const host = 'https://ws-123.ap-southeast-1.maas.aliyuncs.com';
    const urls: string[] = [];
    server.use(
      http.post(`${host}${SUBMIT_PATH}`, ({ request }) => {
        urls.push(request.url);
        return HttpResponse.json({ output: { task_id: 'task-1', task_status: 'PENDING' }, request_id: 'r' });
      }),
    );
    // Stop waiting once submitted, so that no poll outlives the test.
    const stop = new AbortController();
    const task = new ModelStudioClient({ apiKey: TEST_KEY, env: {}, baseUrl: `${host}/` }).textToVideo({ prompt: 'a fox' }, { signal: stop.signal });
    await new Promise<void>((resolve) => task.once('submitted', () => resolve()));
    stop.abort();
    expect(task.taskId).toBe('task-1');
    expect(urls).toEqual([`${host}${SUBMIT_PATH}`]);
  });
});

describe('workspace', () => {
  it('sends x-dashscope-workspace on submit and on task queries', async () => {
    vi.useFakeTimers();
    const submitHeaders: Headers[] = [];
    const queryHeaders: Headers[] = [];
    server.use(
      http.post(`${BASE_URL}${SUBMIT_PATH}`, ({ request }) => {
        submitHeaders.push(request.headers);
        return HttpResponse.json({ output: { task_id: 'task-1', task_status: 'PENDING' }, request_id: 'r' });
      }),
      http.get(`${BASE_URL}${TASK_PATH}`, ({ request }) => {
        queryHeaders.push(request.headers);
        return HttpResponse.json({
          request_id: 'q',
          output: { task_id: 'task-1', task_status: 'SUCCEEDED', video_url: 'https://results.example.com/v.mp4' },
        });
      }),
    );
    const client = new ModelStudioClient({ apiKey: TEST_KEY, env: {}, workspace: 'ws-abc123' });
    expect(client.workspace).toBe('ws-abc123');
    const done = client.textToVideo({ prompt: 'a fox' }).then((result) => result);
    await vi.advanceTimersByTimeAsync(10_000);
    await done;
    await client.tasks.get('task-1');
    expect(submitHeaders).toHaveLength(1);
    expect(queryHeaders).toHaveLength(2);
    for (const headers of [...submitHeaders, ...queryHeaders]) expect(headers.get('x-dashscope-workspace')).toBe('ws-abc123');
    expect(submitHeaders[0]?.get('x-dashscope-async')).toBe('enable');
    expect(submitHeaders[0]?.get('authorization')).toBe(`Bearer ${TEST_KEY}`);
  });

  it('sends x-dashscope-workspace on list and cancel too', async () => {
    const seen: Headers[] = [];
    server.use(
      http.get(`${BASE_URL}/api/v1/tasks`, ({ request }) => {
        seen.push(request.headers);
        return HttpResponse.json({ request_id: 'l', data: [], total: 0 });
      }),
      http.post(`${BASE_URL}/api/v1/tasks/:id/cancel`, ({ request }) => {
        seen.push(request.headers);
        return HttpResponse.json({ request_id: 'c' });
      }),
    );
    const client = new ModelStudioClient({ apiKey: TEST_KEY, env: {}, workspace: 'ws-abc123' });
    for await (const task of client.tasks.list()) void task;
    await client.tasks.cancel('task-1');
    expect(seen).toHaveLength(2);
    for (const headers of seen) expect(headers.get('x-dashscope-workspace')).toBe('ws-abc123');
  });

  it('sends no workspace header without the option', async () => {
    const seen = serveTaskQueries();
    await new ModelStudioClient({ apiKey: TEST_KEY, env: {} }).tasks.get('task-1');
    expect(seen[0]?.has('x-dashscope-workspace')).toBe(false);
  });
});

describe('injected fetch', () => {
  it('is used for every request', async () => {
    const seen = serveTaskQueries();
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return globalThis.fetch(input, init);
    };
    const client = new ModelStudioClient({ apiKey: TEST_KEY, env: {}, fetch });
    const snapshot = await client.tasks.get('task-1');
    expect(snapshot.status).toBe('RUNNING');
    expect(urls).toEqual([`${BASE_URL}/api/v1/tasks/task-1`]);
    expect(seen).toHaveLength(1);
  });

  it('can answer on its own, without the network', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () =>
      Response.json({ request_id: 'own', output: { task_id: 'task-7', task_status: 'PENDING' } }),
    );
    const client = new ModelStudioClient({ apiKey: TEST_KEY, env: {}, fetch });
    const snapshot = await client.tasks.get('task-7');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(snapshot.taskId).toBe('task-7');
    expect(snapshot.status).toBe('PENDING');
    expect(requests).toHaveLength(0);
  });
});

describe('environments that refuse reads (Deno with --allow-env=...)', () => {
  /** An environment like Deno's: reading a variable it was not allowed throws. */
  function guarded(allowed: Record<string, string>): Record<string, string | undefined> {
    return new Proxy(allowed, {
      get(target, name) {
        if (typeof name === 'string' && !(name in target)) throw new Error(`NotCapable: Requires env access to "${name}"`);
        return target[name as keyof typeof target];
      },
    });
  }

  it('reads only the variables it needs: the first key found ends the search', () => {
    const client = new ModelStudioClient({ env: guarded({ MODELSTUDIO_API_KEY: 'sk-allowed', MODELSTUDIO_BASE_URL: 'https://ws.example.com' }) });
    expect(client.baseUrl).toBe('https://ws.example.com');
  });

  it('treats a refused read as unset', () => {
    expect(new ModelStudioClient({ apiKey: 'sk-given', env: guarded({}) }).baseUrl).toBe('https://dashscope-intl.aliyuncs.com');
    expect(() => new ModelStudioClient({ env: guarded({}) })).toThrow(AuthenticationError);
  });
});
