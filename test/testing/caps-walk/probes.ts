/**
 * The probes of the caps walk: for every model and mode of the SDK's caps, the requests that put
 * each value the SDK accepts to the simulator, and each value just beyond (which the SDK refuses)
 * with the wire change that sends it anyway. The probes are made from the SDK's caps alone; the
 * rulebook is what they are checked against.
 */
import { REGIONS, type Region } from '../../../src/core/regions.ts';
import { capsOf, modelCaps, modesOf, type ModelCaps, type ModelId, type OptionKey, type ReferenceKind, type VideoMode } from '../../../src/models/caps.ts';
import { VACE_FUNCTIONS, type VaceFunction } from '../../../src/models/vace-functions.ts';
import type { SubmitBody } from '../../../src/http/wire.ts';

/** A wire body to send when the SDK refuses a value: the base body (which the SDK made) changed by hand. */
type ByHand = (base: SubmitBody) => SubmitBody | undefined;

/** One probe: a request for the SDK, and what to send by hand when the SDK refuses it. */
export interface Probe {
  /** The caps entry. */
  readonly model: ModelId;
  /** The mode. */
  readonly mode: VideoMode;
  /** What the probe varies, as the SDK names it (`duration`, `references (video)`, `region`). */
  readonly field: string;
  /** The value tried, for the table. */
  readonly value: string;
  /** The request, without `model`. */
  readonly request: Readonly<Record<string, unknown>>;
  /** The model name sent, when not the caps entry's own (a dated snapshot). */
  readonly name?: string;
  /** The client's region; the simulator then serves that region only. */
  readonly region?: Region;
  /** The request whose SDK-made body the hand change starts from (made without a region). */
  readonly base: Readonly<Record<string, unknown>>;
  /** The body to send when the SDK refuses; none when the value has no wire form. */
  readonly byHand?: ByHand;
}

export const IMAGE = 'https://cdn.example.com/walk/frame.png';
const VIDEO = 'https://cdn.example.com/walk/clip.mp4';
const AUDIO = 'https://cdn.example.com/walk/voice.mp3';
const URL_OF: Readonly<Record<ReferenceKind, string>> = { image: IMAGE, video: VIDEO, audio: AUDIO };
const PROMPT = 'A red fox trots through fresh snow at dawn';

/** Every resolution, ratio and size any model names, so that each model is tried on the others' values too. */
const RESOLUTIONS = ['480P', '720P', '1080P'] as const;
const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '4:5', '5:4', '9:21', '21:9', 'adaptive'] as const;
const SIZES_16_9: Readonly<Record<string, string>> = { '480P': '832*480', '720P': '1280*720', '1080P': '1920*1080' };
const ALL_SIZES = [
  '832*480', '480*832', '624*624',
  '1280*720', '720*1280', '960*960', '1088*832', '832*1088',
  '1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632',
] as const;

/** A sample value for each option the SDK can pass (durations, sizes and references are walked on their own). */
function sample(option: OptionKey, caps: ModelCaps): unknown {
  switch (option) {
    case 'prompt': return PROMPT;
    case 'negativePrompt': return 'blur, text';
    case 'audioUrl':
    case 'drivingAudio': return AUDIO;
    case 'promptExtend': return false;
    case 'shotType': return 'multi';
    case 'watermark': return true;
    case 'seed': return 42;
    case 'audio': return false;
    case 'image':
    case 'lastFrame':
    case 'firstFrame':
    case 'maskImage':
    case 'faceImage': return IMAGE;
    case 'continueFrom':
    case 'video': return VIDEO;
    case 'template': return 'flying';
    case 'references': return [URL_OF[caps.references?.kinds[0] ?? 'image']];
    case 'maskFrameId': return 2;
    case 'maskType': return 'fixed';
    case 'controlCondition': return 'depth';
    case 'strength': return 0.5;
    case 'audioSetting': return 'origin';
    case 'quality': return 'pro';
    case 'extendVideo': return true;
    case 'shots': return [{ prompt: 'It wakes', duration: 3 }, { prompt: 'It runs', duration: 2 }];
    default: return undefined;
  }
}

/** Every value of the options that take one of a few words, to try each. */
const CHOICES: Partial<Record<OptionKey, readonly string[]>> = {
  shotType: ['single', 'multi'],
  audioSetting: ['auto', 'origin'],
  quality: ['std', 'pro'],
  maskType: ['tracking', 'fixed'],
  controlCondition: ['posebodyface', 'posebody', 'depth', 'scribble'],
};

/** Options walked on their own, not as a sample added to the base request. */
const WALKED: readonly OptionKey[] = ['duration', 'size', 'resolution', 'aspectRatio', 'references', 'function'];

const clone = (body: SubmitBody): SubmitBody => structuredClone(body);
const withInput = (key: string, value: unknown): ByHand => (base) => ({ ...clone(base), input: { ...base.input, [key]: value } });
const withParameter = (key: string, value: unknown): ByHand => (base) => ({ ...clone(base), parameters: { ...base.parameters, [key]: value } });
const withoutInput = (key: string): ByHand => (base) => {
  const { [key]: _dropped, ...input } = base.input;
  return { ...clone(base), input };
};

/** The wire field a model's resolution goes out as, and the value. */
function resolutionByHand(caps: ModelCaps, resolution: string): ByHand | undefined {
  if (caps.family === 'kling') return resolution === '480P' ? undefined : withParameter('mode', resolution === '720P' ? 'std' : 'pro');
  if (caps.output === 'size') return withParameter('size', SIZES_16_9[resolution]);
  return withParameter('resolution', resolution);
}

/** A reference item of `kind` as the model's family puts it on the wire. */
function wireReference(caps: ModelCaps, kind: ReferenceKind): { list: 'reference_urls' | 'ref_images_url' | 'media'; item: unknown } {
  if (caps.family === 'flat') return { list: 'reference_urls', item: URL_OF[kind] };
  if (caps.family === 'vace') return { list: 'ref_images_url', item: URL_OF[kind] };
  if (caps.family === 'kling') return { list: 'media', item: { type: kind === 'video' ? 'feature' : 'refer', url: URL_OF[kind] } };
  return { list: 'media', item: { type: `reference_${kind}`, url: URL_OF[kind] } };
}

/** Adds one more reference of `kind` to a body. */
function oneMoreReference(caps: ModelCaps, kind: ReferenceKind): ByHand {
  return (base) => {
    const { list, item } = wireReference(caps, kind);
    const items = Array.isArray(base.input[list]) ? (base.input[list] as unknown[]) : [];
    return { ...clone(base), input: { ...base.input, [list]: [...items, item] } };
  };
}

/** Removes every reference from a body (the media items that are references, or the whole list). */
function noReferences(caps: ModelCaps): ByHand {
  return (base) => {
    const { list } = wireReference(caps, 'image');
    if (list !== 'media') return { ...clone(base), input: { ...base.input, [list]: [] } };
    const media = (Array.isArray(base.input.media) ? base.input.media : []).filter((item: { type?: string }) => !/^reference_|^refer$|^feature$/.test(String(item.type)));
    return { ...clone(base), input: { ...base.input, media } };
  };
}

/** The base request of a mode: its required options, and for a mode of frame combinations, the first combination. */
function baseRequest(caps: ModelCaps, mode: VideoMode): Record<string, unknown> {
  const modeCaps = caps.modes[mode];
  const keys = new Set<OptionKey>([...(modeCaps?.required ?? []), ...(modeCaps?.combinations?.[0] ?? [])]);
  return Object.fromEntries([...keys].filter((key) => key !== 'function').map((key) => [key, sample(key, caps)]));
}

/** The base request of each VACE function: what it requires, with the prompt. */
function vaceBase(fn: VaceFunction): Record<string, unknown> {
  const rules = VACE_FUNCTIONS[fn];
  const request: Record<string, unknown> = { function: fn, prompt: PROMPT };
  for (const key of rules.requires) {
    if (key === 'references') request.references = [IMAGE];
    else if (key === 'expandRatio') request.expandRatio = fn === 'video_outpainting' ? 1.5 : 0.1;
    else request[key] = sample(key, modelCaps['wan2.1-vace-plus']);
  }
  return request;
}

/** The probes of one model in one mode, for one base request (a VACE function's, or the mode's). */
function probesOf(model: ModelId, mode: VideoMode, base: Record<string, unknown>, options: readonly OptionKey[], label: string): Probe[] {
  const caps = capsOf(model);
  const modeCaps = caps.modes[mode];
  if (!modeCaps) return [];
  const probe = (field: string, value: string, request: Record<string, unknown>, byHand?: ByHand, from?: Record<string, unknown>): Probe => ({
    model, mode, field: `${label}${field}`, value, request, base: from ?? base, ...(byHand && { byHand }),
  });
  const probes: Probe[] = [probe('(base request)', Object.keys(base).join(' + ') || 'nothing', base)];

  // Each option the SDK passes, alone on the base request (each value of the few-word ones).
  for (const option of options.filter((key) => !WALKED.includes(key) && !(key in base) && !(modeCaps.combinations ?? []).flat().includes(key))) {
    const values = CHOICES[option] ?? [sample(option, caps)];
    for (const value of values) {
      const request = { ...base, [option]: option === 'objOrBg' ? (base.references as unknown[] | undefined ?? []).map(() => 'obj') : option === 'expandRatio' ? base.expandRatio ?? 0.1 : value };
      probes.push(probe(option, JSON.stringify(request[option]), request));
    }
  }

  // The frame combinations of wan2.7-i2v.
  for (const combination of modeCaps.combinations ?? []) {
    const request = { ...base };
    for (const key of (modeCaps.combinations ?? []).flat()) delete request[key];
    for (const key of combination) request[key] = sample(key, caps);
    probes.push(probe('frames', combination.join(' + '), request));
  }

  // Resolutions, sizes and ratios: every value any model names.
  if (options.includes('resolution')) {
    for (const resolution of RESOLUTIONS) probes.push(probe('resolution', resolution, { ...base, resolution }, resolutionByHand(caps, resolution)));
  }
  if (options.includes('size')) {
    for (const size of ALL_SIZES) probes.push(probe('size', size, { ...base, size }, caps.output === 'size' ? withParameter('size', size) : undefined));
  }
  if (options.includes('aspectRatio')) {
    const wire = caps.family === 'kling' ? 'aspect_ratio' : caps.output === 'resolution+ratio' ? 'ratio' : undefined;
    for (const ratio of RATIOS) probes.push(probe('aspectRatio', ratio, { ...base, aspectRatio: ratio }, wire && withParameter(wire, ratio)));
  }

  // Durations: each whole second from one below the lowest to one above the highest, and the special values.
  if (options.includes('duration')) {
    const { min, max, special = [] } = caps.duration;
    const lowest = Math.min(min, ...special.map((entry) => entry.value));
    const values = new Set([...special.map((entry) => entry.value), ...Array.from({ length: max - lowest + 3 }, (_, index) => lowest - 1 + index)]);
    for (const duration of values) probes.push(probe('duration', String(duration), { ...base, duration }, withParameter('duration', duration)));
    const mostWithVideo = caps.references?.maxDurationWithVideo;
    if (mostWithVideo !== undefined && options.includes('references') && caps.references?.kinds.includes('video')) {
      const withVideo = { ...base, references: [VIDEO] };
      for (const duration of [mostWithVideo, mostWithVideo + 1]) {
        probes.push(probe('duration (with a reference video)', String(duration), { ...withVideo, duration }, withParameter('duration', duration), withVideo));
      }
    }
  }

  // Prompts at their longest and one character beyond; none, where the SDK requires one.
  if (options.includes('prompt')) {
    const { maxLength, wideCountsTwice } = caps.prompt;
    probes.push(probe('prompt length', String(maxLength), { ...base, prompt: 'a'.repeat(maxLength) }));
    probes.push(probe('prompt length', String(maxLength + 1), { ...base, prompt: 'a'.repeat(maxLength + 1) }, withInput('prompt', 'a'.repeat(maxLength + 1))));
    if (wideCountsTwice) {
      probes.push(probe('prompt length (Chinese)', String(maxLength / 2), { ...base, prompt: '狐'.repeat(maxLength / 2) }));
      probes.push(probe('prompt length (Chinese)', String(maxLength / 2 + 1), { ...base, prompt: '狐'.repeat(maxLength / 2 + 1) }, withInput('prompt', '狐'.repeat(maxLength / 2 + 1))));
    }
    if (modeCaps.required.includes('prompt') || 'prompt' in base) {
      const { prompt: _prompt, ...without } = base;
      probes.push(probe('prompt', '(none)', without, withoutInput('prompt')));
    }
  }
  if (options.includes('negativePrompt') && caps.negativePrompt) {
    const { maxLength } = caps.negativePrompt;
    probes.push(probe('negativePrompt length', String(maxLength), { ...base, negativePrompt: 'n'.repeat(maxLength) }));
    probes.push(probe('negativePrompt length', String(maxLength + 1), { ...base, negativePrompt: 'n'.repeat(maxLength + 1) }, withInput('negative_prompt', 'n'.repeat(maxLength + 1))));
  }

  // References: each kind at its most and one beyond, the total at its most and one beyond, none.
  if (options.includes('references') && caps.references) probes.push(...referenceProbes(caps, base, label, probe));
  return probes;
}

type MakeProbe = (field: string, value: string, request: Record<string, unknown>, byHand?: ByHand, from?: Record<string, unknown>) => Probe;

/** Reference counts at and beyond each limit of the SDK's caps (a function's own limit for VACE). */
function referenceProbes(caps: ModelCaps, base: Record<string, unknown>, label: string, probe: MakeProbe): Probe[] {
  const references = caps.references;
  if (!references) return [];
  const probes: Probe[] = [];
  const fnLimit = typeof base.function === 'string' ? VACE_FUNCTIONS[base.function as VaceFunction].maxReferences : undefined;
  for (const kind of references.kinds) {
    const kindLimit = { image: references.maxImages, video: references.maxVideos, audio: references.maxAudios }[kind];
    const most = Math.min(kindLimit ?? Number.POSITIVE_INFINITY, references.max ?? Number.POSITIVE_INFINITY, fnLimit ?? Number.POSITIVE_INFINITY);
    // An unlimited kind is tried at 6, more than any limit the notes give for another model.
    const count = Number.isFinite(most) ? most : 6;
    if (count === 0) continue;
    const atMost = { ...base, references: Array.from({ length: count }, () => URL_OF[kind]) };
    probes.push(probe(`references (${kind})`, String(count), atMost));
    if (Number.isFinite(most)) {
      probes.push(probe(`references (${kind})`, String(count + 1), { ...base, references: [...atMost.references, URL_OF[kind]] }, oneMoreReference(caps, kind), atMost));
    }
  }
  // Images at their most beside a video, for the models that take both.
  if (references.kinds.includes('image') && references.kinds.includes('video') && references.maxVideos > 0) {
    const images = Math.min(references.maxImages ?? Number.POSITIVE_INFINITY, (references.max ?? Number.POSITIVE_INFINITY) - 1);
    const count = Number.isFinite(images) ? images : 6;
    probes.push(probe('references (images beside a video)', `${count} + 1 video`, { ...base, references: [VIDEO, ...Array.from({ length: count }, () => IMAGE)] }));
  }
  if (references.max !== undefined) {
    const mixed = Array.from({ length: references.max }, (_, index) => (index === 0 && references.kinds.includes('video') ? VIDEO : IMAGE));
    const atMost = { ...base, references: mixed };
    probes.push(probe('references (all kinds)', String(references.max), atMost));
    probes.push(probe('references (all kinds)', String(references.max + 1), { ...base, references: [...mixed, IMAGE] }, oneMoreReference(caps, 'image'), atMost));
  }
  // A reference's own voice and description, where the SDK takes them (wan2.7-r2v).
  if (references.voice) probes.push(probe('references[0].voice', AUDIO, { ...base, references: [{ url: IMAGE, type: 'image', voice: AUDIO }] }));
  if (references.description) probes.push(probe('references[0].description', 'a girl in red', { ...base, references: [{ url: VIDEO, type: 'video', description: 'a girl in red' }] }));
  if ('references' in base) probes.push(probe('references', '0', { ...base, references: [] }, noReferences(caps)));
  return probes;
}

/** Every probe of the value walk: each model of the SDK's caps in each mode it serves (and each VACE function). */
export function valueProbes(): Probe[] {
  return (Object.keys(modelCaps) as ModelId[]).flatMap((model) =>
    modesOf(model).flatMap((mode) => {
      const caps = capsOf(model);
      const options = caps.modes[mode]?.options ?? [];
      if (caps.family !== 'vace') return probesOf(model, mode, baseRequest(caps, mode), options, '');
      return (Object.keys(VACE_FUNCTIONS) as VaceFunction[]).flatMap((fn) => {
        const rules = VACE_FUNCTIONS[fn];
        const taken = options.filter((key) => ['prompt', 'size', 'duration', 'promptExtend', 'watermark', 'seed', ...rules.takes].includes(key));
        return probesOf(model, mode, vaceBase(fn), taken, `${fn}: `);
      });
    }),
  );
}

/** The region walk: each model's base request in each region, at each resolution it names there. */
export function regionProbes(): Probe[] {
  return (Object.keys(modelCaps) as ModelId[]).flatMap((model) =>
    modesOf(model).flatMap((mode) => {
      const caps = capsOf(model);
      const base = caps.family === 'vace' ? vaceBase('image_reference') : baseRequest(caps, mode);
      const takesResolution = caps.modes[mode]?.options.includes('resolution') ?? false;
      return REGIONS.flatMap((region): Probe[] => [
        { model, mode, field: 'region', value: region, request: base, base, region, byHand: (body) => body },
        ...(takesResolution
          ? caps.resolutions.map((resolution): Probe => {
              const byHand = resolutionByHand(caps, resolution);
              return { model, mode, field: `resolution in ${region}`, value: resolution, request: { ...base, resolution }, base, region, ...(byHand && { byHand }) };
            })
          : []),
      ]);
    }),
  );
}
