/**
 * Reading and checking batch files, sending nothing: JSON Lines and CSV, modes and ids, local paths
 * from the file's folder, and every kind of bad line reported with its line and field.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStudioClient } from 'modelstudio-video';
import { checkBatchFile, invalidBatchError } from 'modelstudio-video/batch';

let dir: string;
const client = new ModelStudioClient({ apiKey: 'sk-test-never-sent', region: 'intl', fetch: () => Promise.reject(new Error('nothing may be sent')) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'batch-check-'));
  await writeFile(join(dir, 'cat.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(join(dir, 'talk.mp4'), new Uint8Array([0, 0, 0, 0x20]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(name: string, text: string, model?: string) {
  const path = join(dir, name);
  await writeFile(path, text);
  return checkBatchFile({ input: path, client, model });
}

describe('checkBatchFile', () => {
  it('reads JSON Lines: default mode t2v, aliases and SDK mode names, ids defaulting to the line number, local paths from the file\'s folder', async () => {
    const file = await check('ok.jsonl', [
      '{"prompt": "A fox in snow"}',
      '',
      '{"mode": "i2v", "image": "cat.png", "prompt": "The cat yawns", "id": "cat"}',
      '{"mode": "imageToVideo", "image": "https://example.com/a.png", "id": 7}',
      '{"mode": "r2v", "references": ["cat.png", "https://example.com/b.mp4"], "prompt": "character1 and character2"}',
    ].join('\n'));
    expect(file.problems).toEqual([]);
    expect(file.lines.map((line) => [line.line, line.id, line.mode, line.model])).toEqual([
      [1, '1', 'textToVideo', 'wan2.6-t2v'],
      [3, 'cat', 'imageToVideo', 'wan2.6-i2v'],
      [4, '7', 'imageToVideo', 'wan2.6-i2v'],
      [5, '5', 'referenceToVideo', expect.any(String)],
    ]);
    expect(file.lines[1]?.request).toEqual({ image: { path: join(dir, 'cat.png') }, prompt: 'The cat yawns' });
    expect(file.lines[3]?.request['references']).toEqual([{ path: join(dir, 'cat.png') }, 'https://example.com/b.mp4']);
    expect(file.lines.every((line) => line.estimate.currency === 'USD' && (line.estimate.amount ?? 0) > 0)).toBe(true);
  });

  it('reads CSV with a header: quoted commas, quotes and line breaks, numbers and booleans by field, lists split on |, --model for lines without one', async () => {
    const file = await check('ok.csv', [
      'id,mode,prompt,duration,audio,resolution,references',
      'fox,t2v,"A fox, in snow, says ""hi""",10,,720P,',
      'two,t2v,"A long',
      'prompt",5,,,',
      'refs,r2v,character1 waves,,,,cat.png|https://example.com/b.mp4',
    ].join('\r\n'), 'wan2.5-t2v-preview');
    expect(file.problems).toEqual([]);
    expect(file.lines[0]).toMatchObject({ line: 2, id: 'fox', request: { prompt: 'A fox, in snow, says "hi"', duration: 10, resolution: '720P', model: 'wan2.5-t2v-preview' } });
    expect(file.lines[1]).toMatchObject({ line: 3, id: 'two', request: { prompt: 'A long\nprompt', duration: 5 } });
    // --model goes to the lines of the modes it serves; the r2v line keeps its mode's default.
    expect(file.lines[2]).toMatchObject({ model: 'wan2.6-r2v' });
    expect(file.lines[2]?.request['references']).toEqual([{ path: join(dir, 'cat.png') }, 'https://example.com/b.mp4']);
    const booleans = await check('b.csv', 'prompt,audio,watermark\nA fox,yes,FALSE\n');
    expect(booleans.lines[0]?.request).toEqual({ prompt: 'A fox', audio: true, watermark: false });
  });

  it('hashes what a line asks for, not how it is written: key order and spacing do not count, a changed value does', async () => {
    const a = await check('a.jsonl', '{"prompt": "A fox", "duration": 5}\n');
    const b = await check('b.jsonl', '{ "duration":5,"prompt":"A fox" }\n');
    const c = await check('c.jsonl', '{"prompt": "A fox", "duration": 10}\n');
    expect(a.lines[0]?.hash).toBe(b.lines[0]?.hash);
    expect(c.lines[0]?.hash).not.toBe(a.lines[0]?.hash);
  });

  // Each bad line, its line and field, and what the message says.
  const badLines: readonly { name: string; file: string; text: string; problems: readonly [line: number, field: string | undefined, message: RegExp][] }[] = [
    { name: 'a missing prompt', file: 'p.jsonl', text: '{"duration": 5}\n', problems: [[1, 'prompt', /required|must not be empty/]] },
    { name: 'an empty prompt', file: 'p.jsonl', text: '{"prompt": ""}\n', problems: [[1, 'prompt', /must not be empty/]] },
    { name: 'an unknown model', file: 'p.jsonl', text: '{"prompt": "x", "model": "wan9-nope"}\n', problems: [[1, 'model', /textToVideo models of intl: wan2\.6-t2v/]] },
    { name: 'a local file that does not exist', file: 'p.jsonl', text: '{"mode": "i2v", "image": "nope.png", "prompt": "x"}\n', problems: [[1, 'image', /nope\.png does not exist/]] },
    { name: 'a line that is not JSON', file: 'p.jsonl', text: '{"prompt": "ok"}\n{"prompt": "x"\n', problems: [[2, undefined, /is not JSON/]] },
    { name: 'a line that is JSON but no object', file: 'p.jsonl', text: '["A fox"]\n', problems: [[1, undefined, /each line is one JSON object/]] },
    { name: 'an unknown mode', file: 'p.jsonl', text: '{"mode": "t2i", "prompt": "x"}\n', problems: [[1, 'mode', /t2v, i2v, r2v/]] },
    { name: 'an id that cannot name a file', file: 'p.jsonl', text: '{"id": "../../etc/x", "prompt": "x"}\n', problems: [[1, 'id', /letters, digits/]] },
    { name: 'a duplicate id', file: 'p.jsonl', text: '{"id": "a", "prompt": "x"}\n{"id": "a", "prompt": "y"}\n', problems: [[2, 'id', /already the id of line 1/]] },
    { name: 'a duration out of range', file: 'p.jsonl', text: '{"prompt": "x", "duration": 99}\n', problems: [[1, 'duration', /99/]] },
    { name: 'a CSV with an unknown column', file: 'p.csv', text: 'prompt,colour\nA fox,red\n', problems: [[1, 'colour', /not a field of a request/]] },
    { name: 'a CSV number that is not one', file: 'p.csv', text: 'prompt,duration\nA fox,five\n', problems: [[2, 'duration', /not a number/]] },
    { name: 'a CSV with more cells than columns', file: 'p.csv', text: 'prompt\nA fox, in snow\n', problems: [[2, undefined, /2 cells for 1 columns/]] },
    { name: 'a CSV quote never closed', file: 'p.csv', text: 'prompt\n"A fox\n', problems: [[2, undefined, /never closed/]] },
    { name: 'an empty file', file: 'p.jsonl', text: '\n\n', problems: [[1, undefined, /no requests/]] },
  ];

  for (const { name, file, text, problems } of badLines) {
    it(`reports ${name} with its line and field`, async () => {
      const checked = await check(file, text);
      expect(checked.problems.map((problem) => [problem.line, problem.field])).toEqual(problems.map(([line, field]) => [line, field]));
      problems.forEach(([, , message], index) => expect(checked.problems[index]?.message).toMatch(message));
    });
  }

  it('reports every bad line of a file at once, in line order, in one ValidationError', async () => {
    const file = await check('many.jsonl', ['{"prompt": "ok"}', '{"prompt": ""}', 'nope', '{"mode": "i2v", "image": "gone.png", "prompt": "x"}', '{"prompt": "x", "duration": 99}'].join('\n'));
    expect(file.lines.map((line) => line.line)).toEqual([1]);
    const error = invalidBatchError(file);
    expect(error.message.split('\n')[0]).toBe('many.jsonl has 4 problems on 4 lines; nothing was sent:');
    expect(error.issues.map((issue) => issue.path)).toEqual(['line 2, prompt:', 'line 3:', 'line 4, image:', 'line 5, duration:']);
  });
});
