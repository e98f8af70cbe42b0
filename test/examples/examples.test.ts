/**
 * Every recipe in examples/ runs as a user runs it: a separate Node process with type stripping,
 * configured only by the environment, here pointed at one simulator server. Each must exit 0 and
 * print what it promises. The demo runs with no key at all (in-process simulator), and the
 * simulator server is started, asked one question and stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateVideo, startSimulatorServer } from 'modelstudio-video/testing';
import { decodeErrors, ffprobeMissing, probeVideo } from '../helpers/ffprobe.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
/** Files of examples/ that are not recipes run against a configured service. */
const NOT_RECIPES = new Set(['run-example.ts', 'demo.ts', 'simulator-server.ts']);
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const VIDEO_LINK = String.raw`http://127\.0\.0\.1:\d+/videos/${UUID}\.mp4\?Expires=\d+`;
/** The simulator's video of the shape that ai-sdk-video.ts and the demo ask for: 1280x720, 5 s. */
const VIDEO_720P_5S = generateVideo({ width: 1280, height: 720, seconds: 5 }).byteLength;
const SPAWN_TIMEOUT_MS = 25_000;
const TEST_TIMEOUT_MS = 30_000;

const children = new Set<ChildProcess>();
const folders: string[] = [];

/** The test runner's environment without any key or base URL of the user's. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(MODELSTUDIO|DASHSCOPE|QWEN)_/.test(name)));
  return { ...env, ...extra };
}

/** A process and, where /proc tells (Linux), its descendants: resume.ts starts a second process. */
function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    return [pid, ...children.flatMap(processTree)];
  } catch {
    return [pid];
  }
}

function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  for (const pid of processTree(child.pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'modelstudio-example-'));
  folders.push(folder);
  return folder;
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

interface Running {
  readonly child: ChildProcess;
  /** Resolves with the first match of `pattern` in stdout, or rejects if the process exits first. */
  readonly waitFor: (pattern: RegExp) => Promise<RegExpExecArray>;
  readonly exit: Promise<Exit>;
}

/** Runs one example as `node --conditions=modelstudio-video-source examples/<file>`, killed if it outlives the timeout. */
function start(file: string, env: NodeJS.ProcessEnv, cwd: string): Running {
  const started = performance.now();
  const child = spawn(process.execPath, ['--conditions=modelstudio-video-source', join(EXAMPLES, file)], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const check of watchers) check();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const killer = setTimeout(() => killTree(child), SPAWN_TIMEOUT_MS);
  const exit = new Promise<Exit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      children.delete(child);
      for (const check of watchers) check();
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout);
        if (match) {
          watchers.delete(check);
          resolve(match);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          watchers.delete(check);
          reject(new Error(`${file} exited before printing ${pattern}:\n${stdout}\n${stderr}`));
        }
      };
      watchers.add(check);
      check();
    });
  return { child, waitFor, exit };
}

/** A readable failure: the whole output of the process. */
function transcript(file: string, exit: Exit): string {
  return `${file} exited with ${exit.code ?? exit.signal} after ${Math.round(exit.ms)} ms\n--- stdout\n${exit.stdout}--- stderr\n${exit.stderr}`;
}

/** Whether every pattern matches `text`, each after the start of the previous match. */
function inOrder(text: string, patterns: readonly RegExp[]): boolean {
  let from = 0;
  for (const pattern of patterns) {
    const index = text.slice(from).search(pattern);
    if (index < 0) return false;
    from += index + 1;
  }
  return true;
}

/** What each recipe must print. The order of keys is the order the recipes start in. */
const RECIPES: Record<string, { readonly patterns: readonly RegExp[]; readonly inOrder?: readonly RegExp[]; readonly check?: (cwd: string, exit: Exit) => Promise<void> }> = {
  'text-to-video.ts': {
    patterns: [new RegExp(`^Task ${UUID} SUCCEEDED$`, 'm'), new RegExp(`^Video: ${VIDEO_LINK}`, 'm'), /^Link valid until: \d{4}-\d\d-\d\dT/m, /^Billed seconds: 5$/m],
  },
  'image-to-video.ts': {
    patterns: [
      /^Image: examples\/assets\/lighthouse\.png \(\d+ bytes, sent inline as data:image\/png;base64,iVBORw0K\.\.\.\)$/m,
      new RegExp(`^Submitted task ${UUID} \\(wan2\\.6-i2v\\)$`, 'm'),
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
    ],
    inOrder: [/^Status: PENDING$/m, /^Status: SUCCEEDED$/m, /^Task \S+ SUCCEEDED$/m],
  },
  'reference-to-video-wan26.ts': {
    patterns: [new RegExp(`^Submitted task ${UUID} \\(wan2\\.6-r2v\\)$`, 'm'), /^Task \S+ SUCCEEDED$/m, /^Billed seconds: 10 \(output 5 s \+ reference video 5 s\)$/m],
  },
  'reference-to-video-wan27.ts': {
    patterns: [new RegExp(`^Submitted task ${UUID} \\(wan2\\.7-r2v\\)$`, 'm'), /^Task \S+ SUCCEEDED$/m, /^Billed seconds: 10 \(output 5 s \+ reference video 5 s\)$/m],
  },
  'first-last-frame.ts': {
    patterns: [],
    inOrder: [
      /^Sent to \/api\/v1\/services\/aigc\/video-generation\/video-synthesis: first_frame \+ last_frame$/m,
      new RegExp(`^Submitted task ${UUID} \\(wan2\\.7-i2v\\)$`, 'm'),
      /^Status: SUCCEEDED$/m,
      /^Task \S+ SUCCEEDED$/m,
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
      /^Sent to \/api\/v1\/services\/aigc\/image2video\/video-synthesis: first_frame_url \+ last_frame_url$/m,
      new RegExp(`^Submitted task ${UUID} \\(wan2\\.2-kf2v-flash\\)$`, 'm'),
      /^Status: SUCCEEDED$/m,
      /^Task \S+ SUCCEEDED$/m,
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
    ],
  },
  'continue-video.ts': {
    patterns: [
      new RegExp(`^Submitted task ${UUID} \\(wan2\\.7-i2v\\)$`, 'm'),
      /^Task \S+ SUCCEEDED$/m,
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
      // The simulator counts 5 s per input video: the clip, then the 10 s asked for.
      /^Usage: input clip 5 s, output video 10 s, billed 10 s$/m,
    ],
  },
  'edit-video.ts': {
    patterns: [],
    inOrder: [
      new RegExp(`^Submitted task ${UUID} \\(wan2\\.7-videoedit\\)$`, 'm'),
      /^Task \S+ SUCCEEDED$/m,
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
      // No duration: the input's length, which the simulator makes 5.04 s.
      /^Usage: input video 5 s, output video 5\.04 s$/m,
      new RegExp(`^Submitted task ${UUID} \\(wan2\\.1-vace-plus\\)$`, 'm'),
      /^Task \S+ SUCCEEDED$/m,
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
      /^Usage: input video 0 s, output video 5 s$/m,
    ],
  },
  'reference-with-audio.ts': {
    patterns: [
      new RegExp(`^Submitted task ${UUID} \\(wan3\\.0-video\\)$`, 'm'),
      /^Task \S+ SUCCEEDED$/m,
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
      /^Output: 10 s, ratio 16:9, 30 fps \(billed 10 s\)$/m,
    ],
  },
  'submit-task.ts': {
    patterns: [],
    inOrder: [
      new RegExp(`^Submitted task ${UUID} \\(liveportrait\\)$`, 'm'),
      /^Status: PENDING$/m,
      /^Status: SUCCEEDED$/m,
      /^Task \S+ SUCCEEDED$/m,
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
      /^Usage: \{"duration":5,"output_video_duration":5,"video_count":1,"SR":720,"input_video_duration":5,"ratio":"16:9","fps":24\}$/m,
      new RegExp(`^Saved handle: \\{"taskId":"${UUID}","model":"liveportrait","status":"SUCCEEDED",`, 'm'),
      new RegExp(`^Resumed: task ${UUID} SUCCEEDED \\(liveportrait\\)$`, 'm'),
    ],
    // The resumed handle is the same task.
    check: async (_cwd, exit) => {
      const submitted = new RegExp(`^Submitted task (${UUID})`, 'm').exec(exit.stdout)?.[1];
      expect(exit.stdout).toContain(`Resumed: task ${submitted ?? 'missing'} SUCCEEDED`);
    },
  },
  'errors.ts': {
    patterns: [
      /^ {2}issue: \{"path":"references\[0\]","message":"cannot tell whether/m,
      /^ {2}issue: \{"path":"duration","message":"12 is above the maximum of 10 for wan2\.6-r2v/m,
      /^ {2}-> ValidationError, nothing was sent/m,
      /^ {2}-> AuthenticationError \(InvalidApiKey\)/m,
      /HTTP 401 InvalidApiKey/,
      /^ {2}-> TaskNotFoundError: the service does not know task 0{8}-0{4}-0{4}-0{4}-0{12}/m,
      /^ {2}-> ConnectionError/m,
      /ECONNREFUSED/,
    ],
  },
  'events.ts': {
    patterns: [/about \d+% done \(an estimate, not the service's figure\)/],
    inOrder: [
      /s {2}queued {5}validated, sending to wan2\.6-t2v/,
      new RegExp(`s {2}submitted {2}task ${UUID}`),
      /s {2}status {5}\(none\) -> PENDING/,
      // At speed 20 a task runs for about 2 s, so the first poll (2 s after the submit) may already see it done
      // (PENDING -> SUCCEEDED, no RUNNING between).
      /s {2}status {5}(RUNNING|PENDING) -> SUCCEEDED/,
      /s {2}progress {3}SUCCEEDED after \d+\.\d s, about 100% done/,
      /s {2}succeeded {2}http:\/\/127\.0\.0\.1/,
      /s {2}done {7}task \S+ SUCCEEDED/,
    ],
  },
  'cancel.ts': {
    patterns: [],
    inOrder: [
      /^Submitted task \S+; canceling it at once$/m,
      /^Event: canceled \(task \S+\)$/m,
      /^TaskCanceledError: Task \S+ was canceled\. Status: CANCELED$/m,
      /^Submitted task \S+; canceling it once it runs$/m,
      /^BadRequestError \(UnsupportedOperation\): Task \S+ can no longer be canceled: it is RUNNING\. The service cancels only PENDING tasks/m,
      /^So it ran to the end: task \S+ SUCCEEDED, 10 s billed$/m,
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
    ],
  },
  'resume.ts': {
    patterns: [],
    inOrder: [
      new RegExp(`^\\[pid \\d+\\] submitted task ${UUID}, saved to out/resume-task\\.json:$`, 'm'),
      /^\[pid \d+\] stopped waiting; starting another process to resume it$/m,
      /^\[pid \d+\] resuming task \S+ \(wan2\.6-t2v\) from out\/resume-task\.json$/m,
      /^\[pid \d+\] task \S+ SUCCEEDED$/m,
      new RegExp(`^\\[pid \\d+\\] video: ${VIDEO_LINK}`, 'm'),
      /^\[pid \d+\] resume process \d+ exited with code 0$/m,
    ],
    check: async (cwd, exit) => {
      // Two processes: the submitter, and the resumer it started with the saved JSON.
      const [submitter, ...others] = [...exit.stdout.matchAll(/^\[pid (\d+)\]/gm)].map((match) => match[1]);
      const resumer = /resume process (\d+) exited/.exec(exit.stdout)?.[1];
      expect(new Set([submitter, ...others])).toEqual(new Set([submitter, resumer]));
      expect(resumer).not.toBe(submitter);
      const saved = JSON.parse(await readFile(join(cwd, 'out', 'resume-task.json'), 'utf8')) as Record<string, unknown>;
      expect(saved).toMatchObject({ taskId: expect.stringMatching(new RegExp(`^${UUID}$`)), model: 'wan2.6-t2v', mode: 'textToVideo' });
      expect(exit.stdout).toContain(`resuming task ${String(saved.taskId)}`);
      expect(exit.stdout).toContain(`task ${String(saved.taskId)} SUCCEEDED`);
    },
  },
  'batch.ts': {
    patterns: [/^progress: 0 queued, 0 running, 7 done, 0 failed of 7$/m],
    inOrder: [
      /^progress: \d+ queued, \d+ running, \d+ done, 0 failed of 7$/m,
      new RegExp(`^#\\d done: http://127\\.0\\.0\\.1:\\d+/videos/${UUID}\\.mp4$`, 'm'),
      /^7\/7 videos, results in input order: 0,1,2,3,4,5,6$/m,
    ],
  },
  'batch-file.ts': {
    patterns: [
      /^fox: succeeded fox\.mp4$/m,
      /^lighthouse: succeeded lighthouse\.mp4$/m,
      /^4\/4 videos in \S+videos, 4 tasks created, cost not priced \(set MODELSTUDIO_REGION\)$/m,
      /^Again: 4 already done, 0 tasks created$/m,
    ],
    inOrder: [/^4 lines already done in an earlier run: skipped\.$/m, /^Again: 4 already done/m],
  },
  'tools-openai.ts': {
    patterns: [
      /^Tools: text_to_video, image_to_video, reference_to_video, edit_video, animate_character, speech_to_video, lip_sync, get_video_task$/m,
      /^Model calls text_to_video: \{"prompt":"A red fox trotting through fresh snow at dawn, low tracking shot","resolution":"720P","aspectRatio":"16:9","duration":5\}$/m,
      new RegExp(`^Output for call_fox_1: \\{"ok":true,"taskId":"${UUID}","model":"wan2\\.6-t2v","status":"SUCCEEDED","videos":\\[\\{"url":"${VIDEO_LINK}`, 'm'),
      /"usage":\{"billedSeconds":5,"outputVideoSeconds":5,"videoCount":1\}/,
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
    ],
  },
  'tools-anthropic.ts': {
    patterns: [
      /^Tools: text_to_video, image_to_video, reference_to_video, edit_video, animate_character, speech_to_video, lip_sync, get_video_task$/m,
      /^Model calls reference_to_video: \{"prompt":"character1 walks character2/m,
      /^Status: SUCCEEDED$/m,
      new RegExp(`^tool_result for toolu_beach_1 \\(is_error: false\\): \\{"ok":true,"taskId":"${UUID}","model":"wan2\\.6-r2v","status":"SUCCEEDED","videos":\\[\\{"url":"${VIDEO_LINK}`, 'm'),
      /^Billed seconds: 10 \(output 5 s \+ reference video 5 s\)$/m,
    ],
  },
  'tools-vercel-ai.ts': {
    patterns: [
      /^Tools: text_to_video, image_to_video, reference_to_video, edit_video, animate_character, speech_to_video, lip_sync, get_video_task$/m,
      /^Model calls image_to_video: \{"image":"https:\/\/example\.com\/lighthouse\.png"/m,
      new RegExp(`^Tool result: \\{"ok":true,"taskId":"${UUID}","model":"wan2\\.6-i2v","status":"SUCCEEDED","videos":\\[\\{"url":"${VIDEO_LINK}`, 'm'),
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
    ],
  },
  'provider-adapter.ts': {
    patterns: [
      /^wan2\.6-i2v: 2-15 s, images 1, reference videos 0, audio true, ratios \(from the image\)$/m,
      /^wan2\.6-r2v: 2-10 s, images 0, reference videos 4, audio false, ratios 16:9 9:16 1:1 4:3 3:4$/m,
      new RegExp(`^generated 1 video: http://127\\.0\\.0\\.1:\\d+/videos/${UUID}\\.mp4 \\(video/mp4\\)$`, 'm'),
    ],
  },
  'worker.ts': {
    patterns: [],
    inOrder: [
      /^1\. A worker submits three tasks, stores their ids, and crashes before they finish:$/m,
      /^  \[\d+\] worker started: 0 resumed, 3 submitted$/m,
      /^  \[\d+\] crashing now, with 3 tasks in flight$/m,
      /^   exit code 75$/m,
      /^  \[\d+\] worker started: 3 resumed, 0 submitted$/m,
      /^  \[\d+\] 3\/3 videos done$/m,
      /^   exit code 0$/m,
    ],
    check: async (cwd, exit) => {
      // Every stored task was created once, by the first worker, and finished under the second.
      const state = JSON.parse(await readFile(join(cwd, 'out', 'worker-state.json'), 'utf8')) as { task?: { taskId?: string }; videoUrl?: string }[];
      expect(state).toHaveLength(3);
      for (const job of state) {
        expect(job.task?.taskId).toMatch(new RegExp(`^${UUID}$`));
        expect(job.videoUrl).toContain(`/videos/${job.task?.taskId ?? ''}.mp4`);
      }
      expect(exit.stdout.match(/done: /g)).toHaveLength(3);
    },
  },
  'ai-sdk-video.ts': {
    patterns: [],
    inOrder: [
      new RegExp(`^Task ${UUID} SUCCEEDED \\(wan2\\.6-t2v\\)$`, 'm'),
      new RegExp(`^Video: video/mp4, ${VIDEO_720P_5S} bytes$`, 'm'),
      /^Warnings: none$/m,
      /^Billed seconds: 5$/m,
      // No MODELSTUDIO_REGION here: a base URL of no known region has no prices, and says so.
      /^Estimated cost: (0\.5 USD|unknown \(.+\))$/m,
      /^Cost: (0\.5 USD|unknown \(.+\))$/m,
      new RegExp(`^Operation: \\{"taskId":"${UUID}","model":"wan2\\.7-i2v"\\}$`, 'm'),
      new RegExp(`^Task ${UUID} SUCCEEDED$`, 'm'),
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
    ],
    // The operation saved in part 2 is the task checked to its end.
    check: async (_cwd, exit) => {
      const operation = new RegExp(`^Operation: \\{"taskId":"(${UUID})"`, 'm').exec(exit.stdout)?.[1];
      expect(exit.stdout).toContain(`Task ${operation ?? 'missing'} SUCCEEDED\n`);
    },
  },
  'abort.ts': {
    patterns: [],
    inOrder: [
      /^Submitted task \S+; aborting the wait in 1 s$/m,
      /^AbortError: Stopped waiting for task \S+; it keeps running on the service\./m,
      new RegExp(`^error\\.taskId: ${UUID}$`, 'm'),
      /^Status on the service now: RUNNING \(the abort stopped only the wait\)$/m,
      /^Resumed and waited: task \S+ SUCCEEDED$/m,
      new RegExp(`^Video: ${VIDEO_LINK}`, 'm'),
    ],
  },
};

afterAll(async () => {
  for (const child of children) killTree(child);
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('examples', () => {
  it('has an expectation for every recipe, so that a new one cannot be forgotten', () => {
    const files = readdirSync(EXAMPLES)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !NOT_RECIPES.has(file))
      .sort();
    expect(files).toEqual(Object.keys(RECIPES).sort());
    expect(files).toEqual([
      'abort.ts', 'ai-sdk-video.ts', 'batch-file.ts', 'batch.ts', 'cancel.ts', 'continue-video.ts', 'edit-video.ts', 'errors.ts', 'events.ts', 'first-last-frame.ts',
      'image-to-video.ts', 'provider-adapter.ts', 'reference-to-video-wan26.ts', 'reference-to-video-wan27.ts', 'reference-with-audio.ts',
      'resume.ts', 'submit-task.ts', 'text-to-video.ts', 'tools-anthropic.ts', 'tools-openai.ts', 'tools-vercel-ai.ts', 'worker.ts',
    ]);
  });

  describe.concurrent('recipes against a simulator server', () => {
    for (const [file, expected] of Object.entries(RECIPES)) {
      it(file, { timeout: TEST_TIMEOUT_MS }, async ({ expect }) => {
        // From the repository root, as `npm run example` runs them; recipes that write files (resume.ts
        // writes out/) from a temporary folder.
        const where = expected.check ? await tempFolder() : ROOT;
        // A simulator per recipe, as `npm run example` starts one: recipes running side by side
        // must not share the service's per-model task limit. Speed 10 as there too: fast, yet every
        // task is seen PENDING and RUNNING (cancel.ts needs that).
        const server = await startSimulatorServer({ speed: 10 });
        const env = cleanEnv({ MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey });
        const exit = await start(file, env, where).exit.finally(() => server.close());
        expect(exit.code, transcript(file, exit)).toBe(0);
        expect(exit.stderr, transcript(file, exit)).toBe('');
        for (const pattern of expected.patterns) expect(exit.stdout, transcript(file, exit)).toMatch(pattern);
        if (expected.inOrder) expect(inOrder(exit.stdout, expected.inOrder), transcript(file, exit)).toBe(true);
        await expected.check?.(where, exit);
      });
    }
  });
});

describe('demo', () => {
  it('runs with no API key against the in-process simulator, downloads the video, in under 15 s', { timeout: TEST_TIMEOUT_MS }, async ({ annotate }) => {
    const cwd = await tempFolder();
    const exit = await start('demo.ts', cleanEnv({}), cwd).exit;
    expect(exit.code, transcript('demo.ts', exit)).toBe(0);
    expect(exit.stdout).toMatch(/^No API key set: running against the local simulator/m);
    const saved = new RegExp(`^Saved ${VIDEO_720P_5S} bytes to (out/${UUID}\\.mp4) \\(link valid until `, 'm').exec(exit.stdout);
    expect(saved, transcript('demo.ts', exit)).not.toBeNull();
    const file = join(cwd, saved?.[1] ?? 'missing');
    expect((await stat(file)).size).toBe(VIDEO_720P_5S);
    // The video is what the demo asked for: 720P 16:9, 5 s (ffprobe, when installed; CI has it).
    if (!ffprobeMissing()) {
      expect(probeVideo(file)).toMatchObject({ codec: 'h264', width: 1280, height: 720, frames: 120, seconds: 5 });
      expect(decodeErrors(file)).toBe('');
    }
    // The estimate before paying, and the cost billed: 5 s at 720P in Singapore.
    expect(exit.stdout).toMatch(/^Estimated cost: 0\.5 USD \(5 s × 0\.1 USD\/s at 720P; .+\)$/m);
    expect(exit.stdout).toMatch(/^Cost: 0\.5 USD \(5 s billed × 0\.1 USD\/s at 720P; .+\)$/m);
    await annotate(`demo wall time ${Math.round(exit.ms)} ms`);
    expect(exit.ms).toBeLessThan(15_000);
  });
});

describe('simulator server', () => {
  it('starts on PORT=0, answers like the service, and stops cleanly on SIGTERM', { timeout: TEST_TIMEOUT_MS }, async () => {
    const running = start('simulator-server.ts', cleanEnv({ PORT: '0', SIMULATOR_SPEED: '20' }), await tempFolder());
    try {
      const [, baseUrl] = await running.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const [, apiKey] = await running.waitFor(/^ {2}export MODELSTUDIO_API_KEY=(\S+)$/m);
      expect(await running.waitFor(/^ {2}export MODELSTUDIO_BASE_URL=(\S+)$/m)).toContain(baseUrl);

      const response = await fetch(`${baseUrl}/api/v1/tasks/x`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ output: { task_id: 'x', task_status: 'UNKNOWN' } });
    } finally {
      running.child.kill('SIGTERM');
    }
    const exit = await running.exit;
    expect(exit, transcript('simulator-server.ts', exit)).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(exit.stdout).toMatch(/^SIGTERM: stopping/m);
    expect(exit.stdout).toMatch(/^Stopped\.$/m);
  });
});
