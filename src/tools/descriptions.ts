/**
 * What the video tools tell a model: each tool's description and each argument's, written from the
 * caps table, so that the limits a model reads are the ones the client enforces. Nothing here
 * names a model: every line is read from the caps of the models a tool offers.
 *
 * @module
 */
import {
  MODE_OPTIONS, capsOf, isSnapshot, takesOption, type ImageInputCaps, type ModelId, type OptionKey, type ReferenceCaps, type TimedInputCaps,
  type VideoMode,
} from '../models/caps.ts';
import { allowedDurations } from '../models/fields.ts';
import { either } from '../core/text.ts';
import { VACE_FUNCTIONS } from '../models/vace-functions.ts';
import type { CostLimits } from './budget.ts';
import type { ModeSchemaSpec } from './mode-spec.ts';

/** How a mode tool hands back its task. */
export type WaitPolicy =
  | { readonly kind: 'wait'; readonly maxWaitMs: number | undefined }
  | { readonly kind: 'submit' };

/** JSON Schema keywords of one argument. */
export interface FieldMeta {
  readonly description: string;
  readonly [keyword: string]: unknown;
}

/** The model that `model` is another name of, when that model is listed before it. */
function aliasTarget(model: ModelId, models: readonly ModelId[]): ModelId | undefined {
  const target = capsOf(model).sameModelAs as ModelId | undefined;
  return target !== undefined && models.indexOf(target) !== -1 && models.indexOf(target) < models.indexOf(model) ? target : undefined;
}

/**
 * The models of `models` that are not another name (a region's name, a dated snapshot) of one
 * listed before them: the ones whose caps a description spells out.
 */
export function representatives(models: readonly ModelId[]): ModelId[] {
  return models.filter((model) => aliasTarget(model, models) === undefined);
}

function mebibytes(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MB`;
}

function formats(mimeTypes: readonly string[]): string {
  return either([...new Set(mimeTypes.map((type) => (type.split('/')[1] ?? type).replace(/^x-/, '').replace('quicktime', 'mov').replace('mpeg', 'mp3').toUpperCase()))]);
}

/** The facets of an image input's rules, for {@link facets}. */
function imageRules(of: (model: ModelId) => ImageInputCaps | undefined): ((model: ModelId) => string)[] {
  return [
    (model) => formats(of(model)?.mimeTypes ?? []),
    (model) => (of(model)?.maxSide === undefined ? `at least ${of(model)?.minSide ?? '?'} px per side` : `${of(model)?.minSide ?? '?'}–${of(model)?.maxSide ?? '?'} px per side`),
    (model) => `up to ${mebibytes(of(model)?.maxBytes ?? 0)}`,
  ];
}

/** The facets of a video or audio input's rules, for {@link facets}. */
function timedRules(of: (model: ModelId) => TimedInputCaps | undefined): ((model: ModelId) => string)[] {
  return [
    (model) => formats(of(model)?.mimeTypes ?? []),
    (model) => `${of(model)?.minSeconds ?? '?'}–${of(model)?.maxSeconds ?? '?'} s`,
    (model) => `up to ${mebibytes(of(model)?.maxBytes ?? 0)}`,
  ];
}

/**
 * A value that can differ by model, said once: `5000` when every model agrees, else each value
 * with its models, the most common last (`20000 for wan3.0-video; 1500 for the others`).
 */
function grouped(models: readonly ModelId[], valueOf: (model: ModelId) => string): string {
  const groups = new Map<string, ModelId[]>();
  for (const model of representatives(models)) {
    const value = valueOf(model);
    groups.set(value, [...(groups.get(value) ?? []), model]);
  }
  const [common, ...others] = [...groups].sort((a, b) => b[1].length - a[1].length);
  if (!common) return '';
  if (others.length === 0) return common[0];
  const rest = common[1].length > 1 ? 'the others' : common[1].join(', ');
  return [...others.map(([value, group]) => `${value} for ${group.join(', ')}`), `${common[0]} for ${rest}`].join('; ');
}

/**
 * Several facets of a rule, each said once: those every model shares first (`MP4 or MOV, up to
 * 100 MB`), then those that differ, grouped (`1–30 s; 1–5 s for wan2.1-vace-plus`).
 */
function facets(models: readonly ModelId[], rules: readonly ((model: ModelId) => string)[]): string {
  const texts = rules.map((rule) => ({ text: grouped(models, rule), shared: new Set(representatives(models).map(rule)).size === 1 }));
  const shared = texts.filter((facet) => facet.shared).map((facet) => facet.text);
  const differing = texts.filter((facet) => !facet.shared).map((facet) => facet.text);
  return [shared.join(', '), ...differing].filter(Boolean).join('; ');
}

/** The offered models (one per model, not per name) that `predicate` holds for. */
function shownWhere(models: readonly ModelId[], predicate: (model: ModelId) => boolean): ModelId[] {
  return representatives(models).filter(predicate);
}

/** `A or B`, or `all but C` when that is shorter. */
function someOf(subset: readonly ModelId[], all: readonly ModelId[]): string {
  const others = all.filter((model) => !subset.includes(model));
  return others.length < subset.length ? `all but ${either(others)}` : either(subset);
}

/**
 * Which offered models take and require an option, when not all of them do:
 * ` Only for wan2.6-r2v-flash.`, ` Not for wan3.0-video.`, ` Required by all but wan2.7-i2v.`,
 * ` Only for wan2.1-vace-plus (required).`
 */
function availability(key: OptionKey, spec: ModeSchemaSpec, takers: readonly ModelId[]): string {
  const { mode, models } = spec;
  const note = functionNote(key, takers);
  const shown = representatives(models);
  const taking = shownWhere(models, (model) => takesOption(model, mode, key));
  const requiring = shownWhere(models, (model) => capsOf(model).modes[mode]?.required.includes(key) === true);
  if (taking.length === shown.length) return requiring.length === 0 || requiring.length === shown.length ? '' : ` Required by ${someOf(requiring, shown)}.`;
  const others = shown.filter((model) => !taking.includes(model));
  const only = others.length < taking.length ? ` Not for ${either(others)}` : ` Only for ${either(taking)}${note ? `, ${note}` : ''}`;
  if (requiring.length === 0) return `${only}.`;
  return requiring.length === taking.length ? `${only} (required).` : `${only}; required by ${someOf(requiring, taking)}.`;
}

/** `function video_edit` for an option that only some VACE functions take, when only VACE models take it. */
function functionNote(key: OptionKey, takers: readonly ModelId[]): string {
  if (!takers.every((model) => capsOf(model).family === 'vace')) return '';
  const functions = Object.entries(VACE_FUNCTIONS).filter(([, rules]) => (rules.takes as readonly OptionKey[]).includes(key)).map(([name]) => name);
  return functions.length > 0 && functions.length < Object.keys(VACE_FUNCTIONS).length ? `function ${either(functions)}` : '';
}

/** The longest value of a limit among the models that have it. */
function most(models: readonly ModelId[], valueOf: (model: ModelId) => number | undefined): number | undefined {
  const values = models.map(valueOf).filter((value): value is number => value !== undefined);
  return values.length > 0 ? Math.max(...values) : undefined;
}

const PROMPT_HINTS: Partial<Record<VideoMode, string>> = {
  textToVideo: 'What the video shows, in detail: subject, action, setting, camera movement, lighting and style.',
  imageToVideo: 'What should happen, starting from the image: motion, camera movement, mood.',
  referenceToVideo:
    'What the video shows, naming the references character1, character2, ... in the order of `references` (e.g. "character1 walks a dog along a beach at sunset").',
  editVideo: 'The edit, e.g. "make it a watercolor painting" or "replace the red car with a white horse"; with a function, describe the whole result.',
};

function referencesText(references: ReferenceCaps | undefined): string {
  if (!references) return '';
  const limit = (count: number | undefined, word: string) => (count === undefined ? `${word}s` : count === 0 ? undefined : `≤${count} ${word}s`);
  const kinds = [
    references.kinds.includes('image') ? limit(references.maxImages, 'image') : undefined,
    references.kinds.includes('video') ? limit(references.maxVideos, 'video') : undefined,
    references.kinds.includes('audio') ? limit(references.maxAudios, 'audio clip') : undefined,
  ].filter((text): text is string => text !== undefined);
  return [
    kinds.join(', '),
    references.max !== undefined ? `≤${references.max} in all` : undefined,
    references.voice ? 'a voice each' : undefined,
    references.maxDurationWithVideo !== undefined ? `≤${references.maxDurationWithVideo} s with a video` : undefined,
  ].filter(Boolean).join(', ');
}

/** The description (and extra JSON Schema keywords) of one argument of a mode tool. */
export function fieldDescription(key: 'model' | OptionKey, spec: ModeSchemaSpec, takers: readonly ModelId[]): FieldMeta {
  const { mode, defaultModel } = spec;
  if (key === 'model') {
    return { description: `The model; see the list in the tool description. ${defaultModel ? `Default ${defaultModel}.` : "Omit it for the application's default."}` };
  }
  const only = availability(key, spec, takers);
  const media = (what: string, rules: readonly ((model: ModelId) => string)[]) => ({ description: `${what}. ${facets(takers, rules)}.${only}` });
  switch (key) {
    case 'prompt': {
      const maxLength = most(takers, (model) => capsOf(model).prompt.maxLength);
      return { description: `${PROMPT_HINTS[mode] ?? 'What the video shows.'} Up to ${grouped(takers, (model) => `${capsOf(model).prompt.maxLength} characters`)}.${only}`, maxLength };
    }
    case 'negativePrompt':
      return {
        description: `What to keep out of the video, e.g. "blurry, text, watermark". Up to ${grouped(takers, (model) => `${capsOf(model).negativePrompt?.maxLength} characters`)}.${only}`,
        maxLength: most(takers, (model) => capsOf(model).negativePrompt?.maxLength),
      };
    case 'image':
      return media(IMAGE_ROLES[mode] ?? 'The first frame: an https:// or oss:// image URL, or a data:image/...;base64 URI', imageRules((model) => capsOf(model).image));
    case 'lastFrame':
      return media('The last frame: an image URL, as for image', imageRules((model) => capsOf(model).image));
    case 'firstFrame':
      return media('The first frame: an image URL; the video takes its aspect ratio', imageRules((model) => capsOf(model).image));
    case 'maskImage':
      return media('A mask image of the area of the video to redraw: an image URL', imageRules((model) => capsOf(model).image));
    case 'continueFrom':
      return media('A video clip to continue: an https:// or oss:// video URL', timedRules((model) => capsOf(model).clip));
    case 'video':
      return media(VIDEO_ROLES[mode] ?? 'The video: an https:// or oss:// video URL', timedRules((model) => capsOf(model).video));
    case 'audioUrl':
      return media('Audio that drives the video (speech, music): an https:// or oss:// URL', timedRules((model) => capsOf(model).audioInput));
    case 'drivingAudio':
      return media(
        mode === 'lipSync' ? 'The new speech the lips follow: an https:// or oss:// audio URL' : 'Audio that drives the video (speech, singing): an https:// or oss:// URL',
        timedRules((model) => capsOf(model).audioInput),
      );
    case 'references': {
      const kinds = [...new Set(takers.flatMap((model) => capsOf(model).references?.kinds ?? []))];
      const voice = takers.some((model) => capsOf(model).references?.voice === true);
      return {
        description:
          (mode === 'referenceToVideo'
            ? 'The people, animals or objects to feature, in order: the first is character1 in the prompt, the second character2, and so on. '
            : `References for the edit (${either(kinds.map((kind) => (kind === 'audio' ? 'audio clips' : `${kind}s`)))}), in order. `) +
          `Each is a URL, or { url, type } when the URL does not end in a known extension` +
          `${voice ? '; { url, type, voice } gives a character a voice (an audio URL) where a model takes one' : ''}. Counts per model in the tool description.${only}`,
      };
    }
    case 'duration':
      return {
        description:
          `Length in whole seconds: ${grouped(takers, (model) => allowedDurations(capsOf(model).duration))}. ` +
          `Default ${grouped(takers, (model) => String(capsOf(model).duration.default))}. Longer videos cost more.`,
      };
    case 'size':
      return { description: `Exact output size "W*H", with an asterisk (e.g. "1280*720"). Give either size, or resolution and aspectRatio.${only}` };
    case 'resolution':
      return { description: `Output resolution, as each model allows (see the tool description).${only}` };
    case 'aspectRatio':
      return { description: `Output aspect ratio, as each model allows (see the tool description).${only}` };
    case 'promptExtend':
      return { description: `Let the service rewrite the prompt with more detail; the service's default is true.${only}` };
    case 'shotType':
      return { description: `"single" for one continuous shot, "multi" for several shots with cuts.${only}` };
    case 'watermark': {
      // HappyHorse watermarks unless told not to; the others only when asked.
      const marking = takers.filter((model) => capsOf(model).watermarkByDefault === true);
      const defaults = marking.length === 0 ? 'default false' : marking.length === takers.length ? 'default true' : `default true for ${either(marking)}, false for the others`;
      return { description: `Add the service's watermark; ${defaults}.${only}` };
    }
    case 'seed':
      return { description: `Random seed, 0–2147483647; the same seed and request give similar videos.${only}` };
    case 'audio':
      return { description: `Generate a sound track with the video.${only}` };
    case 'template':
      return { description: `The name of an effect template of the service, to animate the frames with.${only}` };
    case 'function': {
      const rows = Object.entries(VACE_FUNCTIONS).map(([name, rules]) => `${name}, ${rules.summary}${rules.requires.length > 0 ? ` (needs ${rules.requires.join(' + ')})` : ''}`);
      return { description: `What to do: ${rows.join('; ')}.${only}` };
    }
    case 'maskFrameId':
      return { description: `The frame of the video, from 1, that the mask image marks; default 1.${only}` };
    case 'maskType':
      return { description: `"tracking" (the mask follows the object; default) or "fixed".${only}` };
    case 'controlCondition':
      return { description: `The motion to keep from the video: body pose with face, body pose, depth or scribble (outlines).${only}` };
    case 'strength':
      return { description: `How closely to follow the control condition, 0–1; default 1.${only}` };
    case 'expandRatio': {
      const ranges = Object.entries(VACE_FUNCTIONS).flatMap(([name, rules]) => ('expandRatio' in rules ? [`${rules.expandRatio[0]}–${rules.expandRatio[1]} for ${name}`] : []));
      return { description: `How much to expand the mask, or the frame on every side: ${ranges.join(', ')}.${only}` };
    }
    case 'objOrBg':
      return { description: `For each reference image, in order: "obj" (a subject) or "bg" (the background).${only}` };
    case 'audioSetting':
      return { description: `"origin" keeps the input video's sound; "auto" lets the model decide.${only}` };
    case 'quality':
      return { description: `"std" (faster, cheaper; default) or "pro" (finer motion and detail).${only}` };
    case 'faceImage':
      return media('A photo of the face to sync when the video shows several: an https:// or oss:// image URL', imageRules((model) => capsOf(model).image));
    case 'shots':
      return { description: `A multi-shot video: 2–6 shots in order, each { prompt, duration } (whole seconds); together they set the length. Instead of prompt and duration.${only}` };
    case 'extendVideo':
      return { description: `When the audio is longer than the video, extend the video to the audio's length; default false.${only}` };
    default:
      return key satisfies never;
  }
}

/** What the `video` input is in each mode that takes one. */
const VIDEO_ROLES: Partial<Record<VideoMode, string>> = {
  editVideo: 'The video to edit: an https:// or oss:// video URL',
  animateCharacter: 'The driving video whose motion the character follows (or, with wan2.2-animate-mix, the video the character is put into): an https:// or oss:// video URL',
  lipSync: 'The video of the person whose lips to sync: an https:// or oss:// video URL',
};

/** What the `image` input is in the modes where it is not a first frame. */
const IMAGE_ROLES: Partial<Record<VideoMode, string>> = {
  animateCharacter: 'The character to animate, one person seen whole: an https:// or oss:// image URL',
  speechToVideo: 'The portrait that speaks: an https:// or oss:// image URL',
};

const INTROS: Record<VideoMode, string> = {
  textToVideo: 'Generate a short video from a text description.',
  imageToVideo: 'Animate an image: generate a short video that starts from the given frame (and, where a model takes them, ends on a last frame or follows audio).',
  referenceToVideo:
    'Generate a short video featuring people, animals or objects from reference images and videos. ' +
    'The prompt names the references character1, character2, ... in the order given.',
  editVideo: 'Edit a video as the prompt says: restyle it, change or replace what it shows, optionally from reference images.',
  animateCharacter:
    'Animate a character: the person of an image moves as the person of a driving video (wan2.2-animate-move), or replaces that person in the video (wan2.2-animate-mix).',
  speechToVideo: 'Make a portrait speak: a video of the person of an image saying the given audio, as long as the audio.',
  lipSync: "Sync a video's lips to new speech: the person in the video says the given audio.",
};

const BILLING: Record<VideoMode, string> = {
  textToVideo: 'billed per second of generated video',
  imageToVideo: 'billed per second of generated video',
  referenceToVideo: 'billed per second of generated video (and of reference videos)',
  editVideo: 'billed per second of generated video (and of the input video, for some models)',
  animateCharacter: 'billed per second of generated video',
  speechToVideo: 'billed per second of generated video',
  lipSync: 'billed per second of generated video',
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

/** Options a model line does not list: said by the line's own parts, or by every model. */
const SHOWN_APART: ReadonlySet<OptionKey> = new Set(['prompt', 'duration', 'size', 'resolution', 'aspectRatio', 'references']);

/** The options most of the offered models take: a model line says how a model differs from them. */
function usualOptions(mode: VideoMode, models: readonly ModelId[]): OptionKey[] {
  const shown = representatives(models);
  return (MODE_OPTIONS[mode] as readonly OptionKey[]).filter((key) => shown.filter((model) => takesOption(model, mode, key)).length * 2 > shown.length);
}

/** What a model takes in this mode, in a few words. */
function modelLineBody(model: ModelId, spec: ModeSchemaSpec, usual: readonly OptionKey[]): string {
  const { mode, models, region } = spec;
  const caps = capsOf(model);
  const modeCaps = caps.modes[mode];
  const resolutions = (region !== undefined ? caps.resolutionsByRegion?.[region] : undefined) ?? caps.resolutions;
  const parts: string[] = [
    takesOption(model, mode, 'resolution') ? `${either(resolutions)} (default ${caps.defaultResolution})` : `size only (${either(resolutions)})`,
  ];
  if (takesOption(model, mode, 'aspectRatio')) parts.push(`ratios ${caps.aspectRatios.join(', ')}`);
  else if (!takesOption(model, mode, 'size')) parts.push('ratio of the input');
  const everyone = (key: OptionKey) => models.every((other) => capsOf(other).modes[mode]?.required.includes(key) === true);
  if (modeCaps?.combinations) parts.push(`inputs ${modeCaps.combinations.map((combination) => combination.join(' + ')).join(' | ')}`);
  else {
    const needs = (modeCaps?.required ?? []).filter((key) => !everyone(key));
    if (needs.length > 0) parts.push(`needs ${needs.join(' + ')}`);
  }
  if (takesOption(model, mode, 'references')) parts.push(`references ${referencesText(caps.references)}`);
  const taken = (MODE_OPTIONS[mode] as readonly OptionKey[]).filter((key) => !SHOWN_APART.has(key) && takesOption(model, mode, key));
  const also = taken.filter((key) => !usual.includes(key) && !(modeCaps?.required ?? []).includes(key) && !modeCaps?.combinations?.flat().includes(key));
  const without = usual.filter((key) => !SHOWN_APART.has(key) && !takesOption(model, mode, key));
  if (also.length > 0) parts.push(`also ${also.join(', ')}`);
  if (without.length > 0) parts.push(`no ${without.join(', ')}`);
  return parts.join('; ');
}

/** One line per offered model; other names of a model listed before, and models with the same caps, in a few words. */
function modelLines(spec: ModeSchemaSpec): string[] {
  const { mode, models } = spec;
  const usual = usualOptions(mode, models);
  const bodies = new Map<string, ModelId>();
  return models.map((model) => {
    const target = aliasTarget(model, models);
    if (target !== undefined) {
      const regions = capsOf(model).regions;
      return isSnapshot(model) ? `- ${model}: snapshot of ${target}.` : `- ${model}: ${target} under its name in ${regions.join(', ')}.`;
    }
    const body = modelLineBody(model, spec, usual);
    const same = bodies.get(body);
    if (same !== undefined) return `- ${model}: as ${same}.`;
    bodies.set(body, model);
    return `- ${model}: ${body}.`;
  });
}

/** The cost limits, in one line: `Cost limits: 1 USD per call, 5 USD for all calls together (...)`. */
function costLimitText({ maxCostPerCall, maxCostTotal, currency }: CostLimits): string | undefined {
  const parts = [
    maxCostPerCall !== undefined ? `${maxCostPerCall} ${currency} per call` : undefined,
    maxCostTotal !== undefined ? `${maxCostTotal} ${currency} for all calls together` : undefined,
  ].filter((part): part is string => part !== undefined);
  if (parts.length === 0) return undefined;
  return `Cost limit${parts.length > 1 ? 's' : ''}: ${parts.join(', ')} (estimated before sending); a call over ${parts.length > 1 ? 'them' : 'it'} is refused, nothing sent.`;
}

/**
 * The description of a mode tool: what it does, what it costs and how long it takes, each model's
 * caps, and the cost limits when set.
 */
export function modeToolDescription(spec: ModeSchemaSpec, wait: WaitPolicy, limits?: CostLimits): string {
  const { mode, models, defaultModel } = spec;
  const shape = [
    models.every((model) => takesOption(model, mode, 'aspectRatio'))
      ? 'Set resolution and aspectRatio'
      : models.some((model) => takesOption(model, mode, 'aspectRatio'))
        ? 'Set resolution, and aspectRatio where the model takes one'
        : 'Set resolution',
    models.some((model) => takesOption(model, mode, 'size')) ? ', or an exact size' : '',
    '.',
  ].join('');
  const choose = models.length > 1 ? ` (choose with model; ${defaultModel ? `default ${defaultModel}` : "omitted: the application's default"})` : '';
  return [
    `${INTROS[mode]} Uses Alibaba Cloud Model Studio (Wan models).`,
    `Each call starts one paid task, ${BILLING[mode]}, that usually takes 1–5 minutes; ` +
      'do not call again for the same video while its task runs. Video URLs are valid for 24 hours.',
    waitText(wait),
    ...(limits ? [costLimitText(limits)].filter((line): line is string => line !== undefined) : []),
    `Models${choose}:`,
    ...modelLines(spec),
    shape,
  ].join('\n');
}

/** The description of `get_video_task`, naming the mode tools of its set. */
export function getTaskDescription(modeTools: readonly string[]): string {
  return [
    `Check a video task started by ${either(modeTools)}, by its task_id.`,
    'Returns its status: PENDING or RUNNING (check again in 15–30 s; tasks usually take 1–5 minutes), SUCCEEDED (with the video URLs, valid for 24 hours), ' +
      'FAILED (with the error), CANCELED, or UNKNOWN (wrong id, or older than 24 hours).',
    'Checking does not start a new task.',
  ].join('\n');
}
