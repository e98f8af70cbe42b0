/**
 * The contact sheet of a batch: `<out>/index.html`, a static page (no server, no script from
 * elsewhere) with each line's video, prompt, model, duration, cost and status, the failures with
 * their reason, and the batch's totals. Rewritten as results arrive, so it can be opened mid-run.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** One line of the batch, as the sheet shows it. */
export interface SheetEntry {
  /** The line's id (it names `<id>.mp4`). */
  readonly id: string;
  /** Its line number in the input file (1-based, the header of a CSV being line 1). */
  readonly line: number;
  /** `queued`, `running`, `succeeded`, `failed` or `skipped`. */
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped';
  /** The model, once known. */
  readonly model: string | undefined;
  /** The prompt, when the request has one. */
  readonly prompt: string | undefined;
  /** Where the video plays from: the file's name relative to the sheet (`<id>.mp4`), or its URL with `--no-download`. */
  readonly video: string | undefined;
  /** The video's length in seconds, when known. */
  readonly durationSeconds: number | undefined;
  /** What it cost (succeeded; 0 for a failed task, which is free) or is estimated to cost (not ended yet), when priced. */
  readonly cost: number | undefined;
  /** Why it failed or was skipped: the error's class and message. */
  readonly error: {
    /** The error's class. */
    readonly name: string;
    /** What happened. */
    readonly message: string;
  } | undefined;
}

/** The whole sheet. */
export interface ContactSheet {
  /** The input file's name, for the title. */
  readonly title: string;
  /** When the page was written. */
  readonly updatedAt: Date;
  /** Whether the batch is still running (the page then says it is rewritten as results arrive). */
  readonly running: boolean;
  /** The currency of every cost, when priced. */
  readonly currency: string | undefined;
  /** Totals over the lines. */
  readonly totals: {
    /** Lines in the file. */
    readonly lines: number;
    /** Lines with a video. */
    readonly succeeded: number;
    /** Lines that failed, or were not valid. */
    readonly failed: number;
    /** Tasks running on the service. */
    readonly running: number;
    /** Lines not started. */
    readonly queued: number;
    /** Cost of the succeeded lines. */
    readonly cost: number;
    /** The estimate of the whole batch. */
    readonly estimatedCost: number | undefined;
  };
  /** The lines, in input order. */
  readonly entries: readonly SheetEntry[];
}

/** Seconds between reloads of the page while the batch runs (a `<meta http-equiv="refresh">`, no script). */
const REFRESH_SECONDS = 10;

/** Escapes text for HTML element content and for a double- or single-quoted attribute value. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Where a video plays from, or why it is not played. */
type VideoSource = { readonly src: string } | { readonly refused: string };

/** Control characters and white space, which neither a URL nor a file name given here may hold. */
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/;

/**
 * The `src` of a video: an http(s) URL as given, or a plain file name relative to the sheet (no
 * folder, no scheme), percent-encoded so that `#`, `?` or `%` in an id name the file and not a
 * fragment (`clip-1.mp4` stays as it is). Anything else (`javascript:`, `data:`, `file:`, a path)
 * gets no player.
 */
function videoSource(video: string): VideoSource {
  if (/^https?:/i.test(video)) {
    if (UNSAFE_CHARACTERS.test(video)) return { refused: 'its URL holds white space or control characters' };
    let url: URL;
    try {
      url = new URL(video);
    } catch {
      return { refused: 'its URL cannot be parsed' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { refused: 'its URL is not http or https' };
    return { src: video };
  }
  if (video.includes(':')) return { refused: 'only http(s) URLs and file names next to this page are played, and this is neither' };
  if (/[/\\]/.test(video) || video === '.' || video === '..') return { refused: 'only file names next to this page are played, not paths' };
  if (video === '' || UNSAFE_CHARACTERS.test(video.replace(/ /g, '_'))) return { refused: 'its file name is empty or holds control characters' };
  return { src: encodeURIComponent(video) };
}

/** An amount of money for a person: at most 4 decimals, with its currency when known. */
function money(amount: number, currency: string | undefined): string {
  const rounded = Math.round(amount * 1e4) / 1e4;
  return currency ? `${rounded} ${currency}` : String(rounded);
}

/** `2026-05-01 12:34:56 UTC`. */
function timestamp(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'unknown' : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The player of a line, or the box that says why there is none. */
function mediaOf(entry: SheetEntry): string {
  if (entry.status === 'failed' || entry.status === 'skipped') {
    const error = entry.error ?? { name: entry.status === 'failed' ? 'Error' : 'Skipped', message: 'no reason was recorded' };
    return `<div class="media reason" role="note"><p class="error-name">${escapeHtml(error.name)}</p><p class="error-message">${escapeHtml(error.message)}</p></div>`;
  }
  if (entry.video === undefined) {
    const waiting = { queued: 'Queued: not submitted yet', running: 'Generating…', succeeded: 'No video file' } as const;
    return `<div class="media waiting"><p>${waiting[entry.status] ?? ''}</p></div>`;
  }
  const source = videoSource(entry.video);
  if ('refused' in source) {
    return `<div class="media reason" role="note"><p class="error-name">Not played</p><p class="error-message">${escapeHtml(source.refused)}: <code>${escapeHtml(shorten(entry.video, 120))}</code></p></div>`;
  }
  return `<video class="media" controls preload="metadata" src="${escapeHtml(source.src)}"></video>`;
}

/** `text`, cut to `max` characters with an ellipsis. */
function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One card of the grid. */
function cardOf(entry: SheetEntry, currency: string | undefined): string {
  const facts: string[] = [];
  facts.push(fact('Model', entry.model ?? '—'));
  facts.push(fact('Duration', entry.durationSeconds === undefined ? '—' : `${entry.durationSeconds} s`));
  const costLabel = entry.status === 'succeeded' || entry.status === 'failed' ? 'Cost' : 'Estimate';
  facts.push(fact(costLabel, entry.cost === undefined ? 'not priced' : money(entry.cost, currency)));
  const prompt = entry.prompt === undefined ? '<p class="prompt none">No prompt</p>' : `<p class="prompt" tabindex="0">${escapeHtml(entry.prompt)}</p>`;
  return [
    `<article class="card ${escapeHtml(entry.status)}">`,
    mediaOf(entry),
    '<div class="body">',
    `<header><h2 class="id">${escapeHtml(entry.id)}</h2><span class="line">line ${escapeHtml(String(entry.line))}</span><span class="badge ${escapeHtml(entry.status)}">${escapeHtml(entry.status)}</span></header>`,
    `<dl>${facts.join('')}</dl>`,
    prompt,
    '</div>',
    '</article>',
  ].join('\n');
}

function fact(term: string, value: string): string {
  return `<div><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`;
}

/** The header's totals. */
function totalsOf(sheet: ContactSheet): string {
  const { totals, currency } = sheet;
  const skipped = Math.max(0, totals.lines - totals.succeeded - totals.failed - totals.running - totals.queued);
  const counts: [string, number][] = [
    ['lines', totals.lines],
    ['succeeded', totals.succeeded],
    ['failed', totals.failed],
    ['running', totals.running],
    ['queued', totals.queued],
  ];
  if (skipped > 0) counts.push(['skipped', skipped]);
  const estimate = totals.estimatedCost === undefined ? 'no estimate' : `estimate ${money(totals.estimatedCost, currency)}`;
  const items = counts.map(([name, count]) => `<li class="${name}"><strong>${escapeHtml(String(count))}</strong> ${name}</li>`);
  items.push(`<li class="cost"><strong>${escapeHtml(money(totals.cost, currency))}</strong> spent, ${escapeHtml(estimate)}</li>`);
  return `<ul class="totals">${items.join('')}</ul>`;
}

const STYLE = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --text: #1c1e21; --muted: #5f6670; --line: #dde1e6; --ok: #1a7f37; --bad: #c62828; --run: #0a66c2; --wait: #6e7781; --skip: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --bg: #111418; --card: #1b1f24; --text: #e6e8eb; --muted: #9aa3ad; --line: #30363d; --ok: #3fb950; --bad: #f85149; --run: #58a6ff; --wait: #8b949e; --skip: #d29922; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem; background: var(--bg); color: var(--text); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.page-header { margin-bottom: 1.25rem; }
h1 { margin: 0 0 .5rem; font-size: 1.5rem; overflow-wrap: anywhere; }
.totals { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; margin: 0 0 .5rem; padding: 0; list-style: none; }
.totals .failed strong { color: var(--bad); } .totals .succeeded strong { color: var(--ok); }
.status, .updated { margin: .25rem 0; color: var(--muted); }
.status.running { color: var(--run); font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr)); gap: 1rem; }
.card { display: flex; flex-direction: column; background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
.card.failed { border-color: var(--bad); }
.media { display: block; width: 100%; aspect-ratio: 16 / 9; background: #000; object-fit: contain; }
.media.waiting, .media.reason { display: flex; flex-direction: column; justify-content: center; padding: 1rem; background: var(--bg); color: var(--muted); overflow: auto; }
.media.reason { border-bottom: 1px solid var(--line); }
.media p { margin: 0; overflow-wrap: anywhere; }
.error-name { font-weight: 700; color: var(--bad); }
.skipped .error-name { color: var(--skip); }
.body { padding: .75rem .9rem 1rem; }
.body header { display: flex; align-items: baseline; gap: .5rem; flex-wrap: wrap; }
.id { margin: 0; font-size: 1rem; overflow-wrap: anywhere; }
.line { color: var(--muted); font-size: .85rem; }
.badge { margin-left: auto; padding: .05rem .5rem; border-radius: 999px; font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: #fff; background: var(--wait); }
.badge.succeeded { background: var(--ok); } .badge.failed { background: var(--bad); } .badge.running { background: var(--run); } .badge.skipped { background: var(--skip); }
dl { display: grid; grid-template-columns: repeat(3, auto); gap: .25rem .75rem; margin: .6rem 0; font-size: .85rem; }
dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
.prompt { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 4; line-clamp: 4; overflow: hidden; }
.prompt:hover, .prompt:focus { -webkit-line-clamp: unset; line-clamp: none; outline: none; }
.prompt.none { color: var(--muted); font-style: italic; }
code { font-size: .85em; overflow-wrap: anywhere; }
`;

/**
 * The contact sheet as a whole HTML document (UTF-8, inline CSS in light and dark, no script, no
 * font, image or style from elsewhere): a header with the title, the totals and the time it was
 * written, then a grid of one card per line with its player (or its failure's reason), id, line,
 * status, model, duration, cost and prompt.
 *
 * Everything taken from `sheet` is HTML-escaped. A video plays only from an http(s) URL or a plain
 * file name next to the page; any other value (`javascript:`, a path) gets no player and a note that
 * says why. While `sheet.running`, the page says that it is rewritten as results arrive and reloads
 * itself every 10 seconds (a `<meta http-equiv="refresh">`).
 */
export function renderContactSheet(sheet: ContactSheet): string {
  const title = escapeHtml(sheet.title);
  const updated = Number.isNaN(sheet.updatedAt.getTime()) ? '' : ` datetime="${sheet.updatedAt.toISOString()}"`;
  const state = sheet.running
    ? `<p class="status running">Still running: this page is rewritten as results arrive and reloads every ${REFRESH_SECONDS} seconds.</p>`
    : '<p class="status done">Finished.</p>';
  const cards = sheet.entries.map((entry) => cardOf(entry, sheet.currency));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No script may run and nothing but the videos may load, whatever the data held.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; media-src 'self' file: http: https:">`,
    '<meta name="color-scheme" content="light dark">',
    ...(sheet.running ? [`<meta http-equiv="refresh" content="${REFRESH_SECONDS}">`] : []),
    `<title>${title} · contact sheet</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header class="page-header">',
    `<h1>${title}</h1>`,
    totalsOf(sheet),
    state,
    `<p class="updated">Updated <time${updated}>${timestamp(sheet.updatedAt)}</time></p>`,
    '</header>',
    `<main class="grid">`,
    cards.length === 0 ? '<p>No lines.</p>' : cards.join('\n'),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Writes the sheet's HTML to `path` atomically: into a temporary file in the same folder, flushed
 * to disk, then renamed over `path`, so a reader (or a browser reloading the page) never sees half
 * a page. The temporary file is removed when a step fails. Calls for one `path` must not overlap:
 * the last rename wins.
 */
export async function writeContactSheet(path: string, sheet: ContactSheet): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(renderContactSheet(sheet), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
