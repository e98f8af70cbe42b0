/**
 * What the video tools tell a model: each tool's description and each argument's, written from the
 * caps table, so that the limits a model reads are the ones the client enforces.
 *
 * @module
 */
import { modelCaps, type ModelCaps, type ModelId, type VideoMode } from '../models/caps.ts';
import { either } from '../models/text.ts';
import type { ModeSchemaSpec } from './schemas.ts';

/** How a mode tool hands back its task. */
export type WaitPolicy =
  | { readonly kind: 'wait'; readonly maxWaitMs: number | undefined }
  | { readonly kind: 'submit' };

/** JSON Schema keywords of one argument. */
export interface FieldMeta {
  readonly description: string;
  readonly [keyword: string]: unknown;
}

function capsOf(model: ModelId): ModelCaps {
  return modelCaps[model];
}

function mebibytes(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MB`;
}

function formats(mimeTypes: readonly string[]): string {
  return either([...new Set(mimeTypes.map((type) => (type.split('/')[1] ?? type).replace(/^x-/, '').replace('quicktime', 'mov').replace('mpeg', 'mp3').toUpperCase()))]);
}

/** `2–10 s (wan2.6-r2v, wan2.6-r2v-flash), 2–15 s (wan2.7-r2v)`, or `2–15 s` for one range. */
function durationRanges(models: readonly ModelId[]): string {
  const groups = new Map<string, ModelId[]>();
  for (const model of models) {
    const { min, max } = capsOf(model).duration;
    const range = `${min}–${max} s`;
    groups.set(range, [...(groups.get(range) ?? []), model]);
  }
  if (groups.size === 1) return [...groups.keys()].join('');
  return [...groups].map(([range, group]) => `${range} (${group.join(', ')})`).join(', ');
}

/** ` Only for wan2.6-r2v-flash.` when not every offered model takes the option. */
function onlyFor(takers: readonly ModelId[], models: readonly ModelId[]): string {
  return takers.length === models.length ? '' : ` Only for ${either(takers)}.`;
}

const PROMPT_HINTS: Record<VideoMode, string> = {
  textToVideo: 'What the video shows, in detail: subject, action, setting, camera movement, lighting and style.',
  imageToVideo: 'What should happen, starting from the image: motion, camera movement, mood. Optional.',
  referenceToVideo:
    'What the video shows, naming the references character1, character2, ... in the order of `references` (e.g. "character1 walks a dog along a beach at sunset").',
};

/** The description (and extra JSON Schema keywords) of one argument of a mode tool. */
export function fieldDescription(key: string, spec: ModeSchemaSpec, takers: readonly ModelId[]): FieldMeta {
  const { mode, models, defaultModel } = spec;
  const [first = models[0]] = takers;
  const caps = capsOf(first);
  const only = onlyFor(takers, models);
  switch (key) {
    case 'model':
      return {
        description: `The model: ${models.join(', ')}. ${defaultModel ? `Default ${defaultModel}.` : "Omit it to use the application's default model."}`,
      };
    case 'prompt':
      return { description: `${PROMPT_HINTS[mode]} Up to ${caps.prompt.maxLength} characters.`, maxLength: caps.prompt.maxLength };
    case 'negativePrompt':
      return {
        description: `What to keep out of the video, e.g. "blurry, text, watermark". Up to ${caps.negativePrompt.maxLength} characters.`,
        maxLength: caps.negativePrompt.maxLength,
      };
    case 'image': {
      const image = caps.image;
      const rules = image ? ` ${formats(image.mimeTypes)}, ${image.minSide}–${image.maxSide} px per side, up to ${mebibytes(image.maxBytes)}.` : '';
      return { description: `The first frame: an https:// image URL (or oss://, or a data:image/...;base64 URI).${rules} The video keeps its aspect ratio.` };
    }
    case 'audioUrl': {
      const audio = caps.audioInput;
      const rules = audio ? ` ${formats(audio.mimeTypes)}, ${audio.minSeconds}–${audio.maxSeconds} s, up to ${mebibytes(audio.maxBytes)}.` : '';
      return { description: `Audio that drives the video (speech, rhythm): an https:// or oss:// URL.${rules}${only}` };
    }
    case 'references': {
      const references = caps.references;
      const rules = references
        ? ` At least ${references.min}; images (${formats(references.image.mimeTypes)}) and at most ${references.maxVideos} videos (${formats(references.video.mimeTypes)}, ${references.video.minSeconds}–${references.video.maxSeconds} s each).`
        : '';
      return {
        description:
          'The people, animals or objects to feature, as images or videos, in order: the first is character1 in the prompt, the second character2, and so on. ' +
          `Each is a URL, or { url, type } when the URL does not end in a known extension.${rules}`,
      };
    }
    case 'duration':
      return { description: `Length in whole seconds: ${durationRanges(takers)}. Default ${caps.duration.default}. Longer videos cost more.` };
    case 'size':
      return { description: `Exact output size "W*H", with an asterisk (e.g. "1280*720"). Give either size, or resolution and aspectRatio.${only}` };
    case 'resolution':
      return {
        description: `Output resolution: ${either(caps.resolutions)}; default ${caps.defaultResolution}.${mode === 'imageToVideo' ? ' The aspect ratio follows the image.' : ''}${only}`,
      };
    case 'aspectRatio':
      return { description: `Output aspect ratio: ${either(caps.aspectRatios)}.${only}` };
    case 'promptExtend':
      return { description: `Let the service rewrite the prompt with more detail; the service's default is true.${only}` };
    case 'shotType':
      return { description: `"single" for one continuous shot, "multi" for several shots with cuts.${only}` };
    case 'watermark':
      return { description: `Add the service's watermark; default false.${only}` };
    case 'seed':
      return { description: `Random seed, 0–2147483647; the same seed and request give similar videos.${only}` };
    case 'audio':
      return { description: `Generate a sound track with the video.${only}` };
    default:
      // A new registry option reaches the tools at once; a test asks for a proper description.
      return { description: `The ${key} option of ${either(takers)}.` };
  }
}

const INTROS: Record<VideoMode, string> = {
  textToVideo: 'Generate a short video from a text description.',
  imageToVideo: 'Animate an image: generate a short video whose first frame is the given image.',
  referenceToVideo:
    'Generate a short video featuring people, animals or objects from reference images and videos. ' +
    'The prompt names the references character1, character2, ... in the order given.',
};

function waitText(wait: WaitPolicy): string {
  if (wait.kind === 'submit') {
    return 'The call returns at once with a task_id: call get_video_task with it every 15–30 s until the status is SUCCEEDED (the result then holds the video URL) or FAILED.';
  }
  if (wait.maxWaitMs === undefined) return 'The call returns when the video is ready, with its URL.';
  return (
    `The call waits up to ${Math.round(wait.maxWaitMs / 1000)} s: if the video is ready by then it returns its URL; ` +
    'otherwise it returns the status and a task_id, to follow with get_video_task every 15–30 s.'
  );
}

function modelLine(model: ModelId): string {
  const caps = capsOf(model);
  const { min, max, default: fallback } = caps.duration;
  const ratios = caps.aspectRatios.length > 0 ? `aspect ratios ${caps.aspectRatios.join(', ')}` : 'aspect ratio of the image';
  const features = [
    caps.supports.audio && 'sound (audio)',
    caps.supports.shotType && 'shotType',
    caps.supports.promptExtend && 'promptExtend',
    caps.audioInput && 'audioUrl',
  ].filter(Boolean);
  const references = caps.references ? `; at least ${caps.references.min} reference, at most ${caps.references.maxVideos} videos` : '';
  return (
    `- ${model}: ${min}–${max} s (default ${fallback}); ${caps.resolutions.join(' or ')} (default ${caps.defaultResolution}); ${ratios}` +
    `${references}${features.length > 0 ? `; also ${features.join(', ')}` : ''}.`
  );
}

/** The description of a mode tool: what it does, what it costs and how long it takes, and each model's caps. */
export function modeToolDescription(spec: ModeSchemaSpec, wait: WaitPolicy): string {
  const { mode, models } = spec;
  const shape = modelCaps[models[0]].aspectRatios.length > 0 ? ' Set resolution and aspectRatio, or an exact size.' : ' Set resolution; the aspect ratio follows the image.';
  return [
    `${INTROS[mode]} Uses Alibaba Cloud Model Studio (Wan models).`,
    `Each call starts one paid task, billed per second of generated video${mode === 'referenceToVideo' ? ' (and of reference videos)' : ''}, that usually takes 1–5 minutes; ` +
      'do not call again for the same video while its task runs. Video URLs are valid for 24 hours.',
    waitText(wait),
    `Models${models.length > 1 ? ' (choose with model)' : ''}:`,
    ...models.map(modelLine),
    shape.trim(),
  ].join('\n');
}

/** The description of `get_video_task`. */
export const GET_TASK_DESCRIPTION = [
  'Check a video task started by text_to_video, image_to_video or reference_to_video, by its task_id.',
  'Returns its status: PENDING or RUNNING (check again in 15–30 s; tasks usually take 1–5 minutes), SUCCEEDED (with the video URLs, valid for 24 hours), ' +
    'FAILED (with the error), CANCELED, or UNKNOWN (wrong id, or older than 24 hours).',
  'Checking does not start a new task.',
].join('\n');
