/**
 * The contact sheet of a finished batch in a real browser (Debian's chromium, headless): every
 * player loads the simulator's videos (H.264 made by src/testing/video/, 3 s at 16:9, 9:16 and
 * 1:1) from next to the page over file:// and plays them, the failed card shows its reason,
 * nothing is blocked or logged as an error, and a full-page screenshot (light and dark) is saved
 * under test-output/contact-sheet/.
 *
 * Skipped, saying why, when there is no chromium and CI is not set; in CI a missing chromium fails.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeContactSheet, type ContactSheet, type SheetEntry } from '../../src/batch-file/contact-sheet.ts';
import { ModelStudioClient } from 'modelstudio-video';
import { runBatchFile } from 'modelstudio-video/batch';
import { createSimulator, generateVideo } from 'modelstudio-video/testing';
import { chromiumMissing, withChromium, videoMetadata } from '../helpers/browser.ts';

const outputDir = fileURLToPath(new URL('../../test-output/contact-sheet/', import.meta.url));
const skipReason = chromiumMissing();
if (skipReason) console.warn(`The contact sheet's browser tests are skipped: ${skipReason}.`);

const succeeded = (id: string, line: number, prompt: string): SheetEntry => ({
  id,
  line,
  status: 'succeeded',
  model: 'wan2.6-t2v',
  prompt,
  video: `${id}.mp4`,
  durationSeconds: 3,
  cost: 0.3,
  error: undefined,
});

const failedReason = 'DataInspectionFailed: Input data may contain inappropriate content. <script>alert(1)</script>';

const sheet: ContactSheet = {
  title: 'prompts.jsonl',
  updatedAt: new Date('2026-05-01T12:34:56Z'),
  running: false,
  currency: 'USD',
  totals: { lines: 4, succeeded: 3, failed: 1, running: 0, queued: 0, cost: 0.9, estimatedCost: 1.2 },
  entries: [
    succeeded('a', 2, 'A red fox trotting through fresh snow at dawn, low sun, long shadows'),
    succeeded('b', 3, `A lighthouse on a cliff in a storm, waves breaking over the rocks. ${'The beam sweeps across the rain. '.repeat(12)}`),
    succeeded('c', 4, 'Close-up of a "hummingbird" drinking from a <red> flower & hovering'),
    { id: 'd', line: 5, status: 'failed', model: 'wan2.6-t2v', prompt: 'something the service refuses', video: undefined, durationSeconds: 5, cost: 0.3, error: { name: 'TaskFailedError', message: failedReason } },
  ],
};

describe('the contact sheet in chromium', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('loads every video, shows the failure and its reason, and is saved as a screenshot', async (context) => {
    if (skipReason) context.skip(skipReason);
    const dir = await mkdtemp(join(tmpdir(), 'contact-sheet-browser-'));
    dirs.push(dir);
    const shapes = { a: [1280, 720], b: [720, 1280], c: [960, 960] } as const;
    for (const [name, [width, height]] of Object.entries(shapes)) await writeFile(join(dir, `${name}.mp4`), generateVideo({ width, height, seconds: 3 }));
    await writeContactSheet(join(dir, 'index.html'), sheet);
    await mkdir(outputDir, { recursive: true });

    for (const colorScheme of ['light', 'dark'] as const) {
      await withChromium(
        async (page) => {
          const problems: string[] = [];
          page.on('console', (message) => {
            if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
          });
          page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
          await page.goto(pathToFileURL(join(dir, 'index.html')).href);

          const videos = await videoMetadata(page);
          expect(videos.map((video) => video.src)).toEqual(['a.mp4', 'b.mp4', 'c.mp4']);
          for (const video of videos) {
            expect(video.currentSrc).toBe(pathToFileURL(join(dir, video.src)).href);
            expect(video.duration).toBeCloseTo(3, 1);
            expect([video.videoWidth, video.videoHeight]).toEqual(shapes[video.src.slice(0, 1) as keyof typeof shapes]);
          }

          // Metadata is the container; playing shows that the browser decodes H.264 frames too.
          const played = await page.evaluate(async () => {
            const video = document.querySelector('video') as HTMLVideoElement;
            video.muted = true;
            await video.play();
            await new Promise<void>((resolve) => {
              const check = (): void => (video.currentTime > 0.5 ? resolve() : void setTimeout(check, 50));
              check();
            });
            video.pause();
            return { currentTime: video.currentTime, frames: video.getVideoPlaybackQuality().totalVideoFrames };
          });
          expect(played.currentTime).toBeGreaterThan(0.5);
          expect(played.frames).toBeGreaterThan(0);
          await page.evaluate(() => {
            const video = document.querySelector('video') as HTMLVideoElement;
            video.currentTime = 1.5;
          });

          const failed = page.locator('article.failed');
          await expect.poll(() => failed.count()).toBe(1);
          expect(await failed.locator('video').count()).toBe(0);
          expect(await failed.locator('.badge').textContent()).toBe('failed');
          expect(await failed.locator('.error-name').textContent()).toBe('TaskFailedError');
          expect(await failed.locator('.error-message').textContent()).toBe(failedReason);
          expect(await page.locator('script').count()).toBe(0);
          expect(await page.locator('.totals').textContent()).toContain('0.9 USD spent, estimate 1.2 USD');
          expect(await page.locator('.status').textContent()).toBe('Finished.');

          // Each player shows its first frame (or the seeked one) before the picture is taken.
          await page.waitForFunction(() => [...document.querySelectorAll('video')].every((video) => video.readyState >= 2 && !video.seeking && video.networkState !== 2));
          // Chromium's controls fade their loading spinner out for about a second after that; only the picture needs the wait.
          await page.waitForTimeout(1_500);
          const screenshot = join(outputDir, colorScheme === 'light' ? 'contact-sheet.png' : 'contact-sheet-dark.png');
          await page.screenshot({ path: screenshot, fullPage: true });
          console.log(`contact sheet screenshot (${colorScheme}): ${screenshot}`);
          expect(problems).toEqual([]);
        },
        { colorScheme },
      );
    }
  }, 60_000);

  it('the page of a batch run by runBatchFile: every video loads, the failure shows its reason, totals add up; saved as batch.png', async (context) => {
    if (skipReason) context.skip(skipReason);
    const dir = await mkdtemp(join(tmpdir(), 'contact-sheet-batch-'));
    dirs.push(dir);
    const sim = createSimulator({ speed: 200, moderationWords: ['forbidden'] });
    const client = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, region: 'intl' });
    const prompts = [
      'A red fox trotting through fresh snow at dawn',
      'A lighthouse on a cliff in a storm, waves breaking over the rocks',
      'A koi pond at dusk, lanterns reflected in the water',
      'A hummingbird drinking from a red flower, slow motion',
      'A forbidden scene the service refuses',
    ];
    await writeFile(join(dir, 'prompts.jsonl'), prompts.map((prompt, index) => JSON.stringify({ id: `shot-${index + 1}`, prompt, resolution: '720P', duration: 4 })).join('\n'));
    const out = join(dir, 'out');
    const summary = await runBatchFile({ input: join(dir, 'prompts.jsonl'), out, client }).summary();
    expect(summary).toMatchObject({ succeeded: 4, failed: 1 });

    await mkdir(outputDir, { recursive: true });
    await withChromium(async (page) => {
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      const videos = await videoMetadata(page);
      expect(videos.map((video) => video.src)).toEqual(['shot-1.mp4', 'shot-2.mp4', 'shot-3.mp4', 'shot-4.mp4']);
      // The simulator made each video as the line asked: 720P (16:9), 4 s.
      for (const video of videos) expect([video.duration, video.videoWidth, video.videoHeight]).toEqual([4, 1280, 720]);
      const failed = page.locator('article.failed');
      expect(await failed.count()).toBe(1);
      expect(await failed.locator('.error-name').textContent()).toBe('TaskFailedError');
      expect(await failed.locator('.error-message').textContent()).toContain('DataInspectionFailed');
      expect(await page.locator('.totals').textContent()).toContain(`${summary.cost} USD spent`);
      expect(await page.locator('.status').textContent()).toBe('Finished.');
      await page.waitForFunction(() => [...document.querySelectorAll('video')].every((video) => video.readyState >= 2 && !video.seeking));
      await page.waitForTimeout(1_500);
      const screenshot = join(outputDir, 'batch.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      console.log(`contact sheet of a finished batch: ${screenshot}`);
    }, { viewport: { width: 1100, height: 700 } });
  }, 60_000);

  it('fails naming the videos that did not load', async (context) => {
    if (skipReason) context.skip(skipReason);
    const dir = await mkdtemp(join(tmpdir(), 'contact-sheet-browser-'));
    dirs.push(dir);
    await writeFile(join(dir, 'a.mp4'), generateVideo({ width: 320, height: 180, seconds: 3 }));
    await writeFile(join(dir, 'not-a-video.mp4'), 'plain text, not an MP4');
    const entries = [succeeded('a', 2, 'loads'), succeeded('missing', 3, 'no such file'), succeeded('not-a-video', 4, 'not a video')];
    await writeContactSheet(join(dir, 'index.html'), { ...sheet, entries });
    await withChromium(async (page) => {
      await page.goto(pathToFileURL(join(dir, 'index.html')).href);
      const error = await videoMetadata(page, 5_000).then(() => undefined, (reason: unknown) => reason);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^2 of 3 videos did not load their metadata .*missing\.mp4 \(readyState 0.*not-a-video\.mp4 \(readyState 0/);
      expect((error as Error).message).not.toContain('a.mp4 (');
    });
  }, 30_000);
});
