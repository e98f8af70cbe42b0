/**
 * The shipped transcripts (test/fixtures/transcripts, built from the API reference's examples)
 * played through the SDK: for each, the call a user would make for the documented request, the body
 * the SDK sends compared with the documented one field by field (every difference listed, with the
 * protocol note that explains it), and the result the SDK reads from the documented answers.
 */
import { describe, expect, it } from 'vitest';
import { ModelStudioClient, TaskFailedError, type JsonValue, type TaskSummary, type VideoResult, type VideoTask } from 'modelstudio-video';
import { jsonDifferences, replayFetch, type ReplayFetch } from 'modelstudio-video/testing';
import { loadTranscript, loadTranscripts, type FixtureTranscript } from '../fixtures/transcripts/load.ts';

/** A difference between the documented request and the SDK's, and the note that explains it. */
interface Difference {
  /** The line {@link jsonDifferences} (or the query comparison) prints. */
  readonly line: string;
  /** Why: the protocol note, or what the documentation does differently. */
  readonly why: string;
}

/** One fixture: the user's call, the differences expected, and what the result must show. */
interface Case {
  readonly call: (client: ModelStudioClient) => Promise<void>;
  readonly differences: readonly Difference[];
}

const FAST = { initialIntervalMs: 1, maxIntervalMs: 5 };

/** The client of a fixture: its documented host, a key that is never sent anywhere, the replay as its fetch. */
function clientFor(fixture: FixtureTranscript, replay: ReplayFetch): ModelStudioClient {
  return new ModelStudioClient({ apiKey: 'sk-fixture-0000000000000000', baseUrl: fixture.header.baseUrl, fetch: replay, polling: FAST });
}

/** The documented body of the fixture's first submit. */
function documentedSubmit(fixture: FixtureTranscript): JsonValue | undefined {
  return fixture.exchanges.find((exchange) => exchange.request.method === 'POST')?.request.body;
}

/** The one video of a result, as the test compares it. */
function video(result: VideoResult): string {
  return result.videos[0].url;
}

/** Follows a task to its submit, then stops following: the transcript ends at the submit. */
async function submitOnly(start: (signal: AbortSignal) => VideoTask): Promise<string> {
  const controller = new AbortController();
  const task = start(controller.signal);
  const { taskId } = await task.whenSubmitted();
  controller.abort();
  await task.catch(() => undefined);
  return taskId;
}

const EPIC = '一幅史诗级可爱的场景。一只小巧可爱的卡通小猫将军，身穿细节精致的金色盔甲，头戴一个稍大的头盔，勇敢地站在悬崖上。他骑着一匹虽小但英勇的战马，说：”青海长云暗雪山，孤城遥望玉门关。黄沙百战穿金甲，不破楼兰终不还。“。悬崖下方，一支由老鼠组成的、数量庞大、无穷无尽的军队正带着临时制作的武器向前冲锋。这是一个戏剧性的、大规模的战斗场景，灵感来自中国古代的战争史诗。远处的雪山上空，天空乌云密布。整体氛围是“可爱”与“霸气”的搞笑和史诗般的融合。';
const RAP = '一幅都市奇幻艺术的场景。一个充满动感的涂鸦艺术角色。一个由喷漆所画成的少年，正从一面混凝土墙上活过来。他一边用极快的语速演唱一首英文rap，一边摆着一个经典的、充满活力的说唱歌手姿势。场景设定在夜晚一个充满都市感的铁路桥下。灯光来自一盏孤零零的街灯，营造出电影般的氛围，充满高能量和惊人的细节。视频的音频部分完全由他的rap构成，没有其他对话或杂音。';
const HH_PROMPT = '[Image 1]中身着红色旗袍的女性，镜头先以侧面中景勾勒旗袍修身剪裁与S型曲线，随即切换至低角度仰拍，捕捉她轻抬玉手展开[Image 2]中的折扇的同时，[Image 3]中的流苏耳坠随头部转动轻盈摆动的细节，最后推近至面部特写，定格在她指尖轻点扇骨、眼波流转间的含蓄风情，多视角全方位展现东方韵味。';
const DOC_TASK = '0385dc79-5ff8-4d82-bcb6-xxxxxx';
/** The list call of the list fixtures: the documented page size, and a day around the documented tasks. */
const LISTED_DAY = { pageSize: 10, startTime: new Date('2025-04-25T00:00:00Z'), endTime: new Date('2025-04-25T23:59:59Z') } as const;
const STATIC = 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN';

/** Every shipped fixture's case, by file name. */
const CASES: Readonly<Record<string, Case>> = {
  't2v-wan2.7': {
    async call(client) {
      const result = await client.textToVideo({ model: 'wan2.7-t2v-2026-04-25', prompt: '一只小猫在月光下奔跑', negativePrompt: '花朵', resolution: '720P', aspectRatio: '16:9' });
      // The documented query answer is another task's example: the SDK reports the id the answer holds.
      expect(result).toMatchObject({ taskId: 'eff1443c-ccab-4676-aad3-xxxxxx', status: 'SUCCEEDED', origPrompt: EPIC });
      expect(video(result)).toBe('https://dashscope-result-sh.oss-accelerate.aliyuncs.com/xxx.mp4?Expires=xxx');
      expect(result.usage).toMatchObject({ duration: 10, outputVideoDuration: 10, videoCount: 1 });
      expect(result.times.end).toBe('2025-09-29 14:23:39.407');
    },
    differences: [],
  },
  'failed-task': {
    async call(client) {
      const failure = await client.textToVideo({ model: 'wan2.7-t2v-2026-04-25', prompt: EPIC, resolution: '720P', aspectRatio: '16:9', promptExtend: true, duration: 10 })
        .then(() => undefined, (error: unknown) => error);
      expect(failure).toBeInstanceOf(TaskFailedError);
      expect(failure).toMatchObject({ code: 'InvalidParameter', requestId: 'e5d70b02-ebd3-98ce-9fe8-759d7d7b107d' });
      expect((failure as TaskFailedError).message).toContain('The size is not match xxxxxx');
    },
    differences: [],
  },
  't2v-wan2.6': {
    async call(client) {
      const task = client.textToVideo({ model: 'wan2.6-t2v', prompt: '一只小猫在月光下奔跑', size: '1920*1080', promptExtend: true, duration: 5 });
      const statuses: string[] = [];
      task.on('status', (event) => statuses.push(event.status));
      const result = await task;
      expect(statuses).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
      expect(result).toMatchObject({ taskId: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', status: 'SUCCEEDED' });
      expect(video(result)).toBe('https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/xxxx.mp4');
      // wan2.1-style usage as the summary prints it: read, not refused.
      expect(result.usage).toMatchObject({ videoCount: 1 });
    },
    differences: [],
  },
  'i2v-first-frame-wan2.6': {
    async call(client) {
      const result = await client.imageToVideo({
        model: 'wan2.6-i2v-flash', prompt: RAP, image: `${STATIC}/20250925/wpimhv/rap.png`, audioUrl: `${STATIC}/20250925/ozwpvi/rap.mp3`,
        resolution: '720P', promptExtend: true, duration: 10, shotType: 'multi',
      });
      expect(result).toMatchObject({ taskId: 'af6efbc0-4bef-4194-8246-xxxxxx', status: 'SUCCEEDED', origPrompt: RAP });
      expect(video(result)).toBe('https://dashscope-result-sh.oss-cn-shanghai.aliyuncs.com/xxx.mp4?Expires=xxx');
      expect(result.usage).toMatchObject({ duration: 10, outputVideoDuration: 10 });
    },
    differences: [],
  },
  'keyframes-wan2.2-kf2v-flash': {
    async call(client) {
      const prompt = '写实风格，一只黑色小猫好奇地看向天空，镜头从平视逐渐上升，最后俯拍它的好奇的眼神。';
      const result = await client.imageToVideo({
        model: 'wan2.2-kf2v-flash', image: 'https://wanx.alicdn.com/material/20250318/first_frame.png', lastFrame: 'https://wanx.alicdn.com/material/20250318/last_frame.png',
        prompt, resolution: '480P', promptExtend: true,
      });
      expect(result).toMatchObject({ taskId: '3f21a745-9f4b-4588-b643-xxxxxx', status: 'SUCCEEDED', origPrompt: prompt });
      expect(result.actualPrompt).toMatch(/^写实风格.*眼神细节。$/);
      expect(video(result)).toBe('https://dashscope-result-wlcb.oss-cn-wulanchabu.aliyuncs.com/xxx.mp4?xxxxx');
    },
    differences: [],
  },
  'r2v-wan2.6': {
    async call(client) {
      const result = await client.referenceToVideo({
        model: 'wan2.6-r2v', prompt: 'character1一边喝奶茶，一边随着音乐即兴跳舞。', references: ['https://cdn.wanx.aliyuncs.com/static/demo-wan26/vace.mp4'],
        size: '1280*720', duration: 5, shotType: 'multi',
      });
      expect(result).toMatchObject({ taskId: 'eff1443c-ccab-4676-aad3-xxxxxx', status: 'SUCCEEDED' });
      expect(result.usage).toMatchObject({ duration: 10, inputVideoDuration: 5, outputVideoDuration: 5 });
    },
    differences: [
      {
        line: 'input.reference_video_urls: expected ["https://cdn.wanx.aliyuncs.com/static/demo-wan26/vace.mp4"], not sent',
        why: 'This edition of the page names the field reference_video_urls (videos only, up to 3); docs/protocol.md §3.3 [P] and the Vercel provider [S6] name it reference_urls (images and videos). Unresolved: the SDK keeps reference_urls until a recorded transcript of the real service decides.',
      },
      {
        line: 'input.reference_urls: sent ["https://cdn.wanx.aliyuncs.com/static/demo-wan26/vace.mp4"], expected absent',
        why: 'The same difference, seen from the SDK\'s side (docs/protocol.md §3.3).',
      },
    ],
  },
  'videoedit-wan2.7': {
    async call(client) {
      const result = await client.editVideo({
        model: 'wan2.7-videoedit', prompt: '参考视频的特效，将这个特效应用到图片中的这个长发的女人身上，场景为晚会。',
        video: `${STATIC}/20260409/eclvbm/21_refined.mp4`, references: [`${STATIC}/20260409/jgekix/wan2.7-videoedit-demo.webp`],
        resolution: '720P', promptExtend: true, watermark: true,
      });
      expect(result).toMatchObject({ taskId: '966cebcd-dedc-4962-af88-xxxxxx', status: 'SUCCEEDED', usage: undefined });
      expect(video(result)).toBe('https://dashscope-result-sh.oss-accelerate.aliyuncs.com/xxx.mp4?Expires=xxx');
    },
    differences: [],
  },
  'vace-wan2.1-vace-plus': {
    async call(client) {
      const taskId = await submitOnly((signal) => client.editVideo({
        model: 'wan2.1-vace-plus', function: 'video_edit',
        prompt: 'The video shows a Parisian-style French cafe where a lion in a suit is elegantly sipping coffee. It holds a coffee cup in one hand, taking a gentle sip with a relaxed expression. The cafe is tastefully decorated, with soft hues and warm lighting illuminating the area where the lion is.',
        video: 'http://wanx.alicdn.com/material/20250318/video_edit_2.mp4', maskImage: 'http://wanx.alicdn.com/material/20250318/video_edit_1_mask.png',
        maskFrameId: 1, maskType: 'tracking', expandRatio: 0.05, promptExtend: false, size: '1280*720',
      }, { signal }));
      expect(taskId).toBe(DOC_TASK);
    },
    differences: [],
  },
  'happyhorse-1.1-r2v': {
    async call(client) {
      const result = await client.referenceToVideo({
        model: 'happyhorse-1.1-r2v', prompt: HH_PROMPT,
        references: [
          `${STATIC}/20260424/mvzfud/hh-v2v-girl.jpg`, `${STATIC}/20260424/fvuihk/hh-v2v2-folding-fan.jpg`, `${STATIC}/20260424/imerii/hh-v2v-earrings.jpg`,
        ],
        resolution: '720P', aspectRatio: '16:9', duration: 5,
      });
      expect(result).toMatchObject({ taskId: '1469cfc3-3004-4d9e-ab10-xxxxxx', status: 'SUCCEEDED', origPrompt: HH_PROMPT });
      expect(result.usage).toMatchObject({ duration: 5, outputVideoDuration: 5, videoCount: 1 });
    },
    differences: [],
  },
  'animate-wan2.2-animate-move': {
    async call(client) {
      const result = await client.animateCharacter({
        image: `${STATIC}/20250919/adsyrp/move_input_image.jpeg`, video: `${STATIC}/20250919/kaakcn/move_input_video.mp4`, watermark: true,
      });
      expect(result).toMatchObject({ taskId: DOC_TASK, status: 'SUCCEEDED', model: 'wan2.2-animate-move' });
      // The video is under output.results (docs/protocol.md §10.4).
      expect(video(result)).toBe('http://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/xxxxx.mp4?Expires=xxxxxx');
    },
    differences: [],
  },
  'task-list-page': {
    async call(client) {
      const listed: TaskSummary[] = [];
      for await (const task of client.tasks.list(LISTED_DAY)) listed.push(task);
      expect(listed.map(({ taskId, status, model }) => ({ taskId, status, model }))).toEqual([
        { taskId: '50e2ccea-abc4-43d7-a0dc-xxxxxx', status: 'RUNNING', model: 'wanx2.1-kf2v-plus' },
        { taskId: '3c777dbc-8cc6-4d80-aa90-xxxxxx', status: 'SUCCEEDED', model: 'wanx2.1-t2i-turbo' },
      ]);
      expect(listed[0]?.submittedAt?.getTime()).toBe(1745568428109);
      expect(listed[1]?.endedAt?.getTime()).toBe(1745568302481);
    },
    differences: [
      { line: 'query page_size: sent, not in the documented request', why: 'The SDK always pages explicitly (docs/protocol.md §2 lists page_no and page_size); the page\'s curl relies on the defaults (1 and 10), which this call asks for.' },
      { line: 'query page_no: sent, not in the documented request', why: 'As page_size: the SDK asks for each page by number (docs/protocol.md §2).' },
      { line: 'query status: documented, not sent', why: 'The page\'s curl shows every filter as a placeholder (status=xxx); this call filters on times only, as the documented answer holds tasks of two statuses.' },
    ],
  },
  'throttled-429': {
    async call(client) {
      const listed: string[] = [];
      for await (const task of client.tasks.list(LISTED_DAY)) listed.push(task.taskId);
      expect(listed).toEqual(['50e2ccea-abc4-43d7-a0dc-xxxxxx', '3c777dbc-8cc6-4d80-aa90-xxxxxx']);
    },
    differences: [
      { line: 'query page_size: sent, not in the documented request', why: 'The SDK always pages explicitly (docs/protocol.md §2 lists page_no and page_size); the page\'s curl relies on the defaults (1 and 10), which this call asks for.' },
      { line: 'query page_no: sent, not in the documented request', why: 'As page_size: the SDK asks for each page by number (docs/protocol.md §2).' },
      { line: 'query status: documented, not sent', why: 'The page\'s curl shows every filter as a placeholder (status=xxx); this call filters on times only, as the documented answer holds tasks of two statuses.' },
    ],
  },
};

/** The query parameters a request has that the documented one has not, and the reverse. */
function queryDifferences(documented: string, sent: string): string[] {
  const names = (url: string) => new Set(new URL(url).searchParams.keys());
  const [doc, own] = [names(documented), names(sent)];
  return [
    ...[...own].filter((name) => !doc.has(name)).map((name) => `query ${name}: sent, not in the documented request`),
    ...[...doc].filter((name) => !own.has(name)).map((name) => `query ${name}: documented, not sent`),
  ];
}

describe('shipped transcripts', () => {
  it('every fixture names its source page and date, and has a case here', () => {
    const fixtures = loadTranscripts();
    expect(fixtures.map((fixture) => fixture.name).sort()).toEqual(Object.keys(CASES).sort());
    for (const fixture of fixtures) {
      expect(fixture.source.url, fixture.name).toMatch(/^https:\/\//);
      expect(fixture.source.date, fixture.name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(fixture.header.sdk).toBe('documentation');
    }
  });

  for (const [name, testCase] of Object.entries(CASES)) {
    it(`${name}: the SDK sends the documented request (or each difference is explained) and reads the documented answers`, async () => {
      const fixture = loadTranscript(name);
      const replay = replayFetch(fixture, { match: 'path' });
      await testCase.call(clientFor(fixture, replay));
      expect(replay.misses).toEqual([]);
      expect(replay.unused()).toEqual([]);
      const lines = replay.requests.flatMap(({ request, exchange }) => [
        ...(exchange && request.method === 'POST' ? jsonDifferences(exchange.request.body, request.body) : []),
        ...(exchange ? queryDifferences(exchange.request.url, request.url) : []),
      ]);
      expect([...new Set(lines)]).toEqual(testCase.differences.map((difference) => difference.line));
      expect(documentedSubmit(fixture) === undefined || replay.requests.some(({ request }) => request.method === 'POST')).toBe(true);
    });
  }
});
