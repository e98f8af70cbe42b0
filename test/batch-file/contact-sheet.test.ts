/**
 * The contact sheet's HTML: everything from the data escaped, videos only from http(s) URLs and
 * plain file names, failures with their reason, the totals, the running notice and reload only
 * while running, no script and nothing loaded but the videos; and the atomic write.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderContactSheet, writeContactSheet, type ContactSheet, type SheetEntry } from '../../src/batch-file/contact-sheet.ts';

function entry(overrides: Partial<SheetEntry> = {}): SheetEntry {
  return {
    id: 'fox',
    line: 2,
    status: 'succeeded',
    model: 'wan2.6-t2v',
    prompt: 'A red fox trotting through fresh snow at dawn',
    video: 'fox.mp4',
    durationSeconds: 5,
    cost: 0.5,
    error: undefined,
    ...overrides,
  };
}

function sheet(entries: readonly SheetEntry[], overrides: Partial<ContactSheet> = {}): ContactSheet {
  return {
    title: 'prompts.jsonl',
    updatedAt: new Date('2026-05-01T12:34:56.789Z'),
    running: false,
    currency: 'USD',
    totals: { lines: entries.length, succeeded: 0, failed: 0, running: 0, queued: 0, cost: 0, estimatedCost: undefined },
    entries,
    ...overrides,
  };
}

/** The `src` values of the `<video>` elements. */
function videoSources(html: string): string[] {
  return [...html.matchAll(/<video\b[^>]*\ssrc="([^"]*)"/g)].map((match) => match[1] as string);
}

/** Cards, one string each. */
function cards(html: string): string[] {
  return [...html.matchAll(/<article\b[\s\S]*?<\/article>/g)].map((match) => match[0]);
}

describe('renderContactSheet', () => {
  it('is a whole UTF-8 document with one card per line, each succeeded one a metadata-preloading player', () => {
    const html = renderContactSheet(sheet([entry(), entry({ id: 'owl', line: 3, video: 'https://example.com/v/owl.mp4?Expires=1&Signature=a%2Bb' })]));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>prompts.jsonl · contact sheet</title>');
    expect(cards(html)).toHaveLength(2);
    const videos = html.match(/<video\b[^>]*>/g) ?? [];
    expect(videos).toHaveLength(2);
    for (const video of videos) expect(video).toMatch(/^<video class="media" controls preload="metadata" src="[^"]+">$/);
    expect(videoSources(html)).toEqual(['fox.mp4', 'https://example.com/v/owl.mp4?Expires=1&amp;Signature=a%2Bb']);
    const fox = cards(html)[0] as string;
    expect(fox).toContain('>fox</h2>');
    expect(fox).toContain('line 2');
    expect(fox).toContain('<span class="badge succeeded">succeeded</span>');
    expect(fox).toContain('<dd>wan2.6-t2v</dd>');
    expect(fox).toContain('<dd>5 s</dd>');
    expect(fox).toContain('<dt>Cost</dt><dd>0.5 USD</dd>');
    expect(fox).toContain('A red fox trotting through fresh snow at dawn');
  });

  it('escapes the prompt, the id, the title, the model and error messages', () => {
    const html = renderContactSheet(
      sheet(
        [
          entry({ id: 'a"b', prompt: `<script>alert("x")</script> it's "quoted" & <b>bold</b>`, model: '<i>m</i>' }),
          entry({ id: '<img src=x onerror=alert(1)>', line: 3, status: 'failed', video: undefined, error: { name: 'Task<Failed>Error', message: 'content "<blocked>" & more' } }),
        ],
        { title: '</title><script>alert(1)</script>' },
      ),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).not.toContain('<i>m</i>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; it&#39;s &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('>a&quot;b</h2>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Task&lt;Failed&gt;Error');
    expect(html).toContain('content &quot;&lt;blocked&gt;&quot; &amp; more');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; · contact sheet</title>');
  });

  it('escapes a file name in the src attribute (percent-encoded), so that a quote cannot end it', () => {
    const html = renderContactSheet(sheet([entry({ video: 'a" onerror="x.mp4' }), entry({ id: 'b', video: "it's #1 100%.mp4" })]));
    expect(videoSources(html)).toEqual(['a%22%20onerror%3D%22x.mp4', 'it&#39;s%20%231%20100%25.mp4']);
    expect(html).not.toContain('onerror="');
  });

  it.each([
    ['javascript:alert(1)', 'neither'],
    ['JavaScript:alert(document.cookie)', 'neither'],
    ['data:video/mp4;base64,AAAA', 'neither'],
    ['file:///etc/passwd', 'neither'],
    ['vbscript:msgbox', 'neither'],
    ['../secret/clip.mp4', 'not paths'],
    ['/abs/clip.mp4', 'not paths'],
    ['dir\\clip.mp4', 'not paths'],
    ['https://exa mple.com/a.mp4', 'white space or control characters'],
    ['http://[bad/a.mp4', 'cannot be parsed'],
    ['', 'empty'],
  ])('gives %j no player and says why', (video, why) => {
    const html = renderContactSheet(sheet([entry({ video })]));
    expect(html).not.toContain('<video');
    const card = cards(html)[0] as string;
    expect(card).toContain('Not played');
    expect(card).toContain(why);
  });

  it('shows a failed or skipped line with its error name and message instead of a player', () => {
    const html = renderContactSheet(
      sheet([
        entry({ id: 'ok', line: 2 }),
        entry({ id: 'bad', line: 3, status: 'failed', video: undefined, cost: 0, error: { name: 'TaskFailedError', message: 'DataInspectionFailed: the input text may contain inappropriate content' } }),
        entry({ id: 'skip', line: 4, status: 'skipped', video: undefined, model: undefined, cost: undefined, durationSeconds: undefined, error: { name: 'ValidationError', message: 'prompt: must not be empty' } }),
      ]),
    );
    const [ok, bad, skip] = cards(html) as [string, string, string];
    expect(ok).toContain('<video');
    expect(bad).not.toContain('<video');
    expect(bad).toContain('<span class="badge failed">failed</span>');
    expect(bad).toContain('<p class="error-name">TaskFailedError</p>');
    expect(bad).toContain('<p class="error-message">DataInspectionFailed: the input text may contain inappropriate content</p>');
    // A failed task costs nothing: its cost, not an estimate.
    expect(bad).toContain('<dt>Cost</dt><dd>0 USD</dd>');
    expect(skip).not.toContain('<video');
    expect(skip).toContain('<span class="badge skipped">skipped</span>');
    expect(skip).toContain('ValidationError');
    expect(skip).toContain('prompt: must not be empty');
    expect(skip).toContain('<dt>Model</dt><dd>—</dd>');
    expect(skip).toContain('<dt>Estimate</dt><dd>not priced</dd>');
  });

  it('shows queued and running lines without a player', () => {
    const html = renderContactSheet(sheet([entry({ status: 'queued', video: undefined }), entry({ id: 'r', status: 'running', video: undefined })]));
    expect(html).not.toContain('<video');
    expect(html).toContain('Queued: not submitted yet');
    expect(html).toContain('Generating…');
  });

  it('shows the totals, cost so far against the estimate in the currency, and the update time', () => {
    const html = renderContactSheet(
      sheet([entry()], {
        totals: { lines: 12, succeeded: 5, failed: 2, running: 3, queued: 1, cost: 2.5000000000000004, estimatedCost: 6 },
        currency: 'CNY',
      }),
    );
    const header = /<header class="page-header">[\s\S]*?<\/header>/.exec(html)?.[0] ?? '';
    expect(header).toContain('<h1>prompts.jsonl</h1>');
    for (const [count, name] of [[12, 'lines'], [5, 'succeeded'], [2, 'failed'], [3, 'running'], [1, 'queued'], [1, 'skipped']] as const) {
      expect(header).toContain(`<strong>${count}</strong> ${name}`);
    }
    expect(header).toContain('<strong>2.5 CNY</strong> spent, estimate 6 CNY');
    expect(header).toContain('<time datetime="2026-05-01T12:34:56.789Z">2026-05-01 12:34:56 UTC</time>');
    expect(html).toContain('<dd>0.5 CNY</dd>');
  });

  it('says "no estimate" and leaves out the currency when there is none', () => {
    const html = renderContactSheet(sheet([entry()], { currency: undefined }));
    expect(html).toContain('<strong>0</strong> spent, no estimate');
    expect(html).toContain('<dd>0.5</dd>');
  });

  it('says it is still running and reloads itself only while running', () => {
    const running = renderContactSheet(sheet([entry({ status: 'running', video: undefined })], { running: true }));
    expect(running).toContain('<meta http-equiv="refresh" content="10">');
    expect(running).toContain('Still running: this page is rewritten as results arrive');
    const done = renderContactSheet(sheet([entry()], { running: false }));
    expect(done).not.toContain('http-equiv="refresh"');
    expect(done).not.toContain('Still running');
    expect(done).toContain('Finished.');
  });

  it('has no script and loads nothing from elsewhere: the only resources are the video sources', () => {
    const html = renderContactSheet(
      sheet(
        [
          entry({ prompt: 'see https://example.com/<script>', video: 'https://cdn.example.com/a.mp4' }),
          entry({ id: 'b', video: 'b.mp4' }),
          entry({ id: 'c', status: 'failed', video: undefined, error: { name: 'Error', message: 'fetch http://evil.example/x.js failed' } }),
        ],
        { running: true },
      ),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|source|track|base|form)\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    // Every src is a video's, and no href at all.
    expect([...html.matchAll(/\ssrc=/g)]).toHaveLength(videoSources(html).length);
    expect(html).not.toMatch(/\shref=/i);
    // With the video tags taken out, http(s) URLs appear only as escaped text in the prompt and error.
    const withoutVideos = html.replace(/<video\b[^>]*><\/video>/g, '');
    const urls = [...withoutVideos.matchAll(/https?:\/\/[^\s<&"]*/g)].map((match) => match[0]);
    expect(urls).toEqual(['https://example.com/', 'http://evil.example/x.js']);
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  });

  it('gives a long prompt whole to the page (CSS clamps it) and styles light and dark', () => {
    const prompt = 'word '.repeat(400).trim();
    const html = renderContactSheet(sheet([entry({ prompt })]));
    expect(html).toContain(prompt);
    expect(html).toMatch(/-webkit-line-clamp: 4/);
    expect(html).toContain('@media (prefers-color-scheme: dark)');
  });
});

describe('writeContactSheet', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('writes the rendered page and leaves no temporary file, over an existing page too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contact-sheet-'));
    dirs.push(dir);
    const path = join(dir, 'index.html');
    await writeContactSheet(path, sheet([entry()], { running: true }));
    expect(await readFile(path, 'utf8')).toContain('Still running');
    const finished = sheet([entry()]);
    await writeContactSheet(path, finished);
    expect(await readFile(path, 'utf8')).toBe(renderContactSheet(finished));
    expect(await readdir(dir)).toEqual(['index.html']);
  });

  it('fails when the folder does not exist, leaving nothing behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contact-sheet-'));
    dirs.push(dir);
    await expect(writeContactSheet(join(dir, 'missing', 'index.html'), sheet([]))).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes its temporary file when the rename fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contact-sheet-'));
    dirs.push(dir);
    // A folder where the page should go: the rename of a file over it fails.
    const path = join(dir, 'index.html');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(path, 'x'), { recursive: true }));
    await expect(writeContactSheet(path, sheet([]))).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['index.html']);
  });
});
