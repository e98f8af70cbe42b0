/**
 * Regions and workspace hosts (docs/protocol.md §1, §10): the region keys and the service's region
 * ids as aliases, the workspace host built from `workspaceId` or MODELSTUDIO_WORKSPACE_ID, and the
 * regions reached only through workspace hosts. Requests are asserted where they land.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ModelStudioClient, ValidationError, regionOfBaseUrl, workspaceBaseUrl } from 'modelstudio-video';
import { TEST_KEY, useMsw } from '../helpers/msw.ts';

const { server } = useMsw();

/** The error a constructor throws, or nothing. */
function constructionError(options: ConstructorParameters<typeof ModelStudioClient>[0]): unknown {
  try {
    new ModelStudioClient({ apiKey: TEST_KEY, env: {}, ...options });
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('workspace hosts', () => {
  const cases = [
    { options: { workspaceId: 'ws-1' }, host: 'https://ws-1.ap-southeast-1.maas.aliyuncs.com', region: 'intl' },
    { options: { workspaceId: 'ws-1', region: 'cn' }, host: 'https://ws-1.cn-beijing.maas.aliyuncs.com', region: 'cn' },
    { options: { workspaceId: 'ws-1', region: 'us' }, host: 'https://ws-1.us-east-1.maas.aliyuncs.com', region: 'us' },
    { options: { workspaceId: 'ws-1', region: 'eu' }, host: 'https://ws-1.eu-central-1.maas.aliyuncs.com', region: 'eu' },
    { options: { workspaceId: 'ws-1', region: 'jp' }, host: 'https://ws-1.ap-northeast-1.maas.aliyuncs.com', region: 'jp' },
    { options: { workspaceId: 'ws-1', region: 'hk' }, host: 'https://ws-1.cn-hongkong.maas.aliyuncs.com', region: 'hk' },
    { options: { workspaceId: 'ws-1', region: 'eu-central-1' }, host: 'https://ws-1.eu-central-1.maas.aliyuncs.com', region: 'eu' },
    { options: { env: { MODELSTUDIO_WORKSPACE_ID: 'ws-2', MODELSTUDIO_REGION: 'ap-northeast-1' } }, host: 'https://ws-2.ap-northeast-1.maas.aliyuncs.com', region: 'jp' },
  ] as const;

  for (const { options, host, region } of cases) {
    it(`${JSON.stringify(options)}: ${host} (${region}), and queries go there`, async () => {
      const client = new ModelStudioClient({ apiKey: TEST_KEY, env: {}, ...options });
      expect(client.baseUrl).toBe(host);
      expect(client.region).toBe(region);
      const seen: string[] = [];
      server.use(
        http.get(`${host}/api/v1/tasks/:id`, ({ request }) => {
          seen.push(request.url);
          return HttpResponse.json({ request_id: 'q', output: { task_id: 'task-1', task_status: 'RUNNING' } });
        }),
      );
      await client.tasks.get('task-1');
      expect(seen).toEqual([`${host}/api/v1/tasks/task-1`]);
    });
  }

  it('baseUrl wins over workspaceId; workspaceId wins over MODELSTUDIO_BASE_URL', () => {
    expect(new ModelStudioClient({ apiKey: TEST_KEY, env: {}, workspaceId: 'ws-1', baseUrl: 'https://proxy.example.com' }).baseUrl).toBe('https://proxy.example.com');
    const fromOption = new ModelStudioClient({ apiKey: TEST_KEY, workspaceId: 'ws-1', env: { MODELSTUDIO_BASE_URL: 'https://elsewhere.example.com' } });
    expect(fromOption.baseUrl).toBe('https://ws-1.ap-southeast-1.maas.aliyuncs.com');
    // From the environment, the base URL is the more specific of the two.
    const fromEnv = new ModelStudioClient({ apiKey: TEST_KEY, env: { MODELSTUDIO_BASE_URL: 'https://elsewhere.example.com', MODELSTUDIO_WORKSPACE_ID: 'ws-1' } });
    expect(fromEnv.baseUrl).toBe('https://elsewhere.example.com');
  });

  it('workspaceBaseUrl and regionOfBaseUrl agree for every region', () => {
    for (const region of ['intl', 'cn', 'us', 'eu', 'jp', 'hk'] as const) {
      expect(regionOfBaseUrl(workspaceBaseUrl('abc', region))).toBe(region);
    }
    expect(regionOfBaseUrl('https://abc.mars-1.maas.aliyuncs.com')).toBeUndefined();
  });
});

describe('refused before anything is sent', () => {
  it('a region without a shared host and no workspace: names workspaceId', () => {
    for (const region of ['eu', 'jp', 'hk', 'cn-hongkong'] as const) {
      const error = constructionError({ region });
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe('region');
      expect((error as ValidationError).issues[0]?.message).toMatch(/is reached through workspace hosts only: pass workspaceId \(or set MODELSTUDIO_WORKSPACE_ID\), or baseUrl$/);
    }
    const fromEnv = constructionError({ env: { MODELSTUDIO_REGION: 'eu' } });
    expect((fromEnv as ValidationError).issues[0]).toEqual({
      path: 'MODELSTUDIO_REGION',
      message: 'eu (eu-central-1) is reached through workspace hosts only: pass workspaceId (or set MODELSTUDIO_WORKSPACE_ID), or baseUrl',
    });
  });

  it('an unknown region lists the keys with their ids', () => {
    const error = constructionError({ region: 'mars' as 'eu' });
    expect((error as ValidationError).issues[0]?.message).toBe(
      '"mars" is not a region (allowed: intl (ap-southeast-1), cn (cn-beijing), us (us-east-1), eu (eu-central-1), jp (ap-northeast-1), hk (cn-hongkong)); or pass baseUrl',
    );
  });

  it('a workspace id that is not a host label', () => {
    for (const workspaceId of ['ws.1', 'a/b', '-ws', 'ws 1']) {
      const error = constructionError({ workspaceId });
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]).toEqual({ path: 'workspaceId', message: `${JSON.stringify(workspaceId)} is not a workspace id (letters, digits and hyphens)` });
    }
  });
});
