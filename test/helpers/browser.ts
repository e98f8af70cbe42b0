// A real browser for tests: Debian's chromium (`apt-get install chromium`; .ci/run installs it),
// driven headless through playwright-core, which downloads no browser of its own.
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Where the browser is looked for: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
const chromiumPath: string = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Whether {@link chromiumPath} is an executable file. */
function chromiumInstalled(): boolean {
  try {
    accessSync(chromiumPath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why a browser test cannot run here, to skip it with; in CI (`CI` set) a missing browser throws instead. */
export function chromiumMissing(): string | undefined {
  if (chromiumInstalled()) return undefined;
  const install = 'install it with `sudo apt-get install chromium`, or set CHROMIUM_PATH';
  if (process.env.CI) throw new Error(`CI needs chromium for the browser tests, and there is none at ${chromiumPath}: ${install} (.ci/run installs it).`);
  return `no chromium at ${chromiumPath}: ${install} to run this browser test (in CI it fails instead)`;
}

/**
 * Runs `fn` with a fresh page of a headless chromium (1280x800 unless `options` say otherwise), and
 * closes the browser afterwards, whether `fn` succeeded or not.
 */
export async function withChromium<T>(fn: (page: Page, browser: Browser) => Promise<T>, options: BrowserContextOptions = {}): Promise<T> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    const page = await context.newPage();
    return await fn(page, browser);
  } finally {
    await browser.close();
  }
}

/** What a `<video>` element knows once its metadata loaded. */
export interface VideoMetadata {
  /** Its `src` attribute, as written. */
  readonly src: string;
  /** The URL it resolved to. */
  readonly currentSrc: string;
  /** In seconds. */
  readonly duration: number;
  readonly videoWidth: number;
  readonly videoHeight: number;
  /** 0 HAVE_NOTHING to 4 HAVE_ENOUGH_DATA. */
  readonly readyState: number;
}

interface VideoState extends VideoMetadata {
  readonly networkState: number;
  /** The element's MediaError, if any: `code: message`. */
  readonly error: string | undefined;
}

function videoStates(page: Page): Promise<VideoState[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('video')].map((video) => ({
      src: video.getAttribute('src') ?? '',
      currentSrc: video.currentSrc,
      duration: video.duration,
      videoWidth: video.videoWidth,
      videoHeight: video.videoHeight,
      readyState: video.readyState,
      networkState: video.networkState,
      error: video.error ? `${video.error.code}: ${video.error.message || 'no message'}` : undefined,
    })),
  );
}

/**
 * Waits until every `<video>` of the page has loaded its metadata (`readyState >= 1`,
 * HAVE_METADATA) and returns what each knows, in document order. Fails when one reports a media
 * error, or after `timeoutMs`, naming each video that did not load, with its ready state, network
 * state and error.
 */
export async function videoMetadata(page: Page, timeoutMs = 15_000): Promise<VideoMetadata[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await videoStates(page);
    const pending = states.filter((state) => state.readyState < 1);
    const failed = pending.filter((state) => state.error !== undefined);
    if (pending.length === 0) {
      return states.map(({ src, currentSrc, duration, videoWidth, videoHeight, readyState }) => ({ src, currentSrc, duration, videoWidth, videoHeight, readyState }));
    }
    if (failed.length > 0 || Date.now() >= deadline) {
      const why = failed.length > 0 ? 'a media error' : `${timeoutMs} ms`;
      const list = pending.map((state) => `${state.src || '(no src)'} (readyState ${state.readyState}, networkState ${state.networkState}${state.error ? `, error ${state.error}` : ''})`);
      throw new Error(`${pending.length} of ${states.length} videos did not load their metadata (stopped after ${why}): ${list.join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
