/**
 * What a batch line's fields are: which hold media (a local path in them is read from the input
 * file's folder) and how a CSV cell, always text, becomes the value the SDK's request takes.
 *
 * @module
 */
import type { OptionKey } from '../models/caps.ts';

/** How a CSV cell is read: as text, a number, `true`/`false`, a list split on `|`, JSON, or media. */
type CellKind = 'text' | 'number' | 'boolean' | 'list' | 'json' | 'media' | 'media-list';

/** Every option's cell kind; a new option fails to compile until it is given one here. */
const CELL_KINDS: Readonly<Record<OptionKey, CellKind>> = {
  prompt: 'text', negativePrompt: 'text', template: 'text', size: 'text', resolution: 'text', aspectRatio: 'text', shotType: 'text',
  function: 'text', maskType: 'text', controlCondition: 'text', audioSetting: 'text', quality: 'text',
  duration: 'number', seed: 'number', maskFrameId: 'number', strength: 'number', expandRatio: 'number',
  promptExtend: 'boolean', watermark: 'boolean', audio: 'boolean', extendVideo: 'boolean',
  objOrBg: 'list', shots: 'json',
  image: 'media', lastFrame: 'media', firstFrame: 'media', maskImage: 'media', continueFrom: 'media', video: 'media', faceImage: 'media',
  audioUrl: 'media', drivingAudio: 'media', references: 'media-list',
};

/** The fields of a line that are not request options: its mode, its id and its model. */
const LINE_FIELDS = ['mode', 'id', 'model'] as const;

/** Whether `name` is a field a line may have. */
export function isLineField(name: string): boolean {
  return name in CELL_KINDS || (LINE_FIELDS as readonly string[]).includes(name);
}

/** The value of one CSV cell for field `name`, or what is wrong with it; an empty cell is no value. */
export function cellValue(name: string, cell: string): { readonly value: unknown } | { readonly problem: string } | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  const kind: CellKind = (CELL_KINDS as Readonly<Record<string, CellKind>>)[name] ?? 'text';
  switch (kind) {
    case 'number': {
      const number = Number(text);
      return Number.isFinite(number) ? { value: number } : { problem: `is ${JSON.stringify(cell)}, not a number` };
    }
    case 'boolean':
      if (/^(true|yes|1)$/i.test(text)) return { value: true };
      if (/^(false|no|0)$/i.test(text)) return { value: false };
      return { problem: `is ${JSON.stringify(cell)}; write true or false` };
    case 'list':
    case 'media-list':
      return { value: text.split('|').map((item) => item.trim()).filter((item) => item !== '') };
    case 'json':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { problem: 'is not JSON; write the value as a JSON array, with "" for each quote inside the CSV cell' };
      }
    default:
      // Text keeps its spaces: a prompt is what it is.
      return { value: cell };
  }
}

/** Whether field `name` holds media: one input, or a list of them. */
export function mediaKindOf(name: string): 'one' | 'list' | undefined {
  const kind = (CELL_KINDS as Readonly<Record<string, CellKind>>)[name];
  return kind === 'media' ? 'one' : kind === 'media-list' ? 'list' : undefined;
}
