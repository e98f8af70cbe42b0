/**
 * An OpenClaw request as one of the SDK's requests: the SDK mode that serves its model and inputs,
 * the inputs placed by role, buffers as bytes inputs (`{ data, fileName, mimeType }`, which the
 * uploader inlines or uploads), URLs as they are, and `providerOptions` as the SDK's own options.
 * Everything is then checked by the model's schema, as any request of the SDK.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../core/errors.ts';
import { capsEntryFor, capsOf, modelCaps, takesOption, type ModelId, type OptionKey, type VideoMode } from '../models/caps.ts';
import { shapeOfSize } from '../models/output-shape.ts';
import { describe, plural } from '../core/text.ts';
import { extensionFor, mimeTypeOf, type BytesInput } from '../media/local-media.ts';
import { MAX_COST_OPTION, OPTION_ROUTES, sdkModesFor } from './capabilities.ts';
import type { OpenClawVideoGenerationRequest, OpenClawVideoMode, OpenClawVideoSourceAsset } from './types.ts';

/** The roles an input image may have. */
const IMAGE_ROLES = ['first_frame', 'last_frame', 'reference_image'] as const;
/** The roles an input video may have: OpenClaw's `reference_video`, and this provider's `source_video` and `first_clip`. */
const VIDEO_ROLES = ['reference_video', 'source_video', 'first_clip'] as const;
/** The roles an input audio clip may have: OpenClaw's `reference_audio`, and this provider's `driving_audio`. */
const AUDIO_ROLES = ['reference_audio', 'driving_audio'] as const;

type ImageRole = (typeof IMAGE_ROLES)[number];
type VideoRole = (typeof VIDEO_ROLES)[number];
type AudioRole = (typeof AUDIO_ROLES)[number];

/** An input with its role read, and where it came from (for messages). */
interface Asset<R extends string> {
  readonly role: R | undefined;
  readonly asset: OpenClawVideoSourceAsset;
  readonly path: string;
}

/** An OpenClaw request made into an SDK request. */
export interface PlannedRequest {
  /** The SDK mode. */
  readonly mode: VideoMode;
  /** The OpenClaw mode its inputs make. */
  readonly openClawMode: OpenClawVideoMode;
  /** The model as named (a caps entry, or a later dated snapshot of one). */
  readonly model: string;
  /** The request for `client.generate`, not validated yet: typed `unknown`, the client checks it at run time. */
  readonly request: unknown;
  /** `providerOptions.maxCost`, when set. */
  readonly maxCost: number | undefined;
}


class Issues {
  readonly list: ValidationIssue[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}

function readRoles<R extends string>(
  assets: readonly OpenClawVideoSourceAsset[] | undefined, field: string, roles: readonly R[], issues: Issues,
): Asset<R>[] {
  return (assets ?? []).map((asset, index) => {
    const path = `${field}[${index}]`;
    const role = asset.role?.trim() || undefined;
    if (role !== undefined && !roles.includes(role as R)) issues.add(`${path}.role`, `${describe(role)} is not a role of ${field} (allowed: ${roles.join(', ')})`);
    return { role: role as R | undefined, asset, path };
  });
}

/** A URL as it is, or a buffer as bytes the uploader sends; `undefined` (with an issue) when neither. */
function mediaOf(item: Asset<string>, kind: 'image' | 'video' | 'audio', issues: Issues): string | BytesInput | undefined {
  const { asset, path } = item;
  const url = asset.url?.trim();
  if (url) return url;
  if (asset.buffer === undefined || asset.buffer.byteLength === 0) {
    issues.add(path, 'has neither a url nor a non-empty buffer');
    return undefined;
  }
  const given = asset.fileName?.trim();
  const mimeType = asset.mimeType?.trim().toLowerCase() || (given ? mimeTypeOf(given) : undefined);
  if (!mimeType) {
    issues.add(`${path}.mimeType`, `is required for a buffer${given ? ` (${describe(given)} has no known extension)` : ''}`);
    return undefined;
  }
  const index = /\[(\d+)\]$/.exec(path)?.[1] ?? '0';
  // A copy: a Buffer may be a view into a shared pool.
  return { data: new Uint8Array(asset.buffer), fileName: given || `${kind}-${Number(index) + 1}${extensionFor(mimeType)}`, mimeType };
}

/** A reference of the given kind: `{ url, type }` or bytes with their type. */
function referenceOf(item: Asset<string>, kind: 'image' | 'video' | 'audio', issues: Issues): unknown {
  const media = mediaOf(item, kind, issues);
  if (media === undefined) return undefined;
  return typeof media === 'string' ? { url: media, type: kind } : { ...media, type: kind };
}

/** The OpenClaw mode of a request, by its inputs, as OpenClaw picks it. */
function openClawModeOf(request: OpenClawVideoGenerationRequest): OpenClawVideoMode {
  if ((request.inputVideos?.length ?? 0) > 0) return 'videoToVideo';
  if ((request.inputImages?.length ?? 0) > 0) return 'imageToVideo';
  return 'generate';
}

/** The SDK mode for the request's inputs and roles, among those of the model that serve its OpenClaw mode. */
function chooseMode(model: ModelId, name: string, openClawMode: OpenClawVideoMode, images: Asset<ImageRole>[], videos: Asset<VideoRole>[]): VideoMode {
  const candidates = sdkModesFor(model, openClawMode);
  const has = (mode: VideoMode) => candidates.includes(mode);
  const pick = (...preferred: VideoMode[]) => preferred.find(has);
  let mode: VideoMode | undefined;
  if (openClawMode === 'videoToVideo') {
    const roles = new Set(videos.map((video) => video.role));
    mode = roles.has('first_clip') ? pick('imageToVideo')
      : roles.has('source_video') ? pick('editVideo')
        : roles.has('reference_video') ? pick('referenceToVideo')
          : pick('editVideo', 'referenceToVideo', 'imageToVideo');
  } else if (openClawMode === 'imageToVideo') {
    const references = images.some((image) => image.role === 'reference_image');
    mode = references ? pick('referenceToVideo', 'editVideo') : pick('imageToVideo', 'referenceToVideo', 'editVideo');
  } else {
    mode = pick('textToVideo');
  }
  if (mode) return mode;
  const served = (['generate', 'imageToVideo', 'videoToVideo'] as const).filter((which) => sdkModesFor(model, which).length > 0);
  const what = { generate: 'text alone', imageToVideo: 'input images', videoToVideo: 'input videos' } as const;
  const message = candidates.length === 0
    ? `${name} does not make videos from ${what[openClawMode]} (it takes ${served.map((which) => what[which]).join(' or ')})`
    : `${name} cannot use these inputs with these roles`;
  throw new ValidationError(`Invalid OpenClaw request for ${name} (1 problem):`, [{ path: openClawMode === 'generate' ? 'model' : openClawMode === 'imageToVideo' ? 'inputImages' : 'inputVideos', message }]);
}

/** `1280x720` as the SDK's `1280*720`. */
function sdkSize(size: string): string {
  return size.trim().toLowerCase().replace(/\s*[x×]\s*/, '*');
}

/**
 * Makes an OpenClaw request into the SDK request of the mode that serves it. Throws a
 * {@link ValidationError} for what no SDK request can express (an unknown model or role, a buffer
 * without a type); the SDK's schema checks the rest when the request is sent.
 */
export function planRequest(request: OpenClawVideoGenerationRequest, defaultModel: string): PlannedRequest {
  const name = request.model?.trim() || defaultModel;
  const entry = capsEntryFor(name);
  if (entry === undefined) {
    throw new ValidationError(`Invalid OpenClaw request: unknown model ${describe(name)}`, [{ path: 'model', message: `must be one of ${Object.keys(modelCaps).join(', ')}` }]);
  }
  const issues = new Issues();
  const images = readRoles(request.inputImages, 'inputImages', IMAGE_ROLES, issues);
  const videos = readRoles(request.inputVideos, 'inputVideos', VIDEO_ROLES, issues);
  const audios = readRoles(request.inputAudios, 'inputAudios', AUDIO_ROLES, issues);
  const openClawMode = openClawModeOf(request);
  const mode = chooseMode(entry, name, openClawMode, images, videos);
  const takes = (key: OptionKey) => takesOption(entry, mode, key);
  const caps = capsOf(entry);
  const out: Record<string, unknown> = { model: name };

  if (request.prompt?.trim() || caps.modes[mode]?.required.includes('prompt')) out.prompt = request.prompt ?? '';
  if (request.durationSeconds !== undefined) out.duration = request.durationSeconds;
  if (request.size?.trim()) {
    const size = sdkSize(request.size);
    const shape = caps.sizes && shapeOfSize(caps.sizes, size);
    if (takes('size') || !shape) out.size = size;
    else {
      // A model that takes no exact size gets the size's resolution and ratio, where it takes them.
      if (takes('resolution') && request.resolution === undefined) out.resolution = shape.resolution;
      if (takes('aspectRatio') && request.aspectRatio === undefined) out.aspectRatio = shape.ratio;
    }
  }
  if (request.resolution?.trim()) out.resolution = request.resolution.trim().toUpperCase();
  if (request.aspectRatio?.trim()) out.aspectRatio = request.aspectRatio.trim();
  if (request.audio !== undefined) out.audio = request.audio;
  if (request.watermark !== undefined) out.watermark = request.watermark;

  const references: unknown[] = [];
  const misplaced = (item: Asset<string>, why: string) => issues.add(item.role ? `${item.path}.role` : item.path, `${why} with ${name} in ${mode}`);

  // Images: frames by role (unroled images are frames in imageToVideo, in order), references otherwise.
  const continuing = mode === 'imageToVideo' && videos.length > 0;
  const freeFrames: OptionKey[] = mode === 'imageToVideo' ? (continuing ? ['lastFrame'] : ['image', 'lastFrame']) : [];
  for (const image of images) {
    const asReference = image.role === 'reference_image' || (image.role === undefined && mode !== 'imageToVideo');
    if (asReference) {
      if (takes('references') && caps.references?.kinds.includes('image')) references.push(referenceOf(image, 'image', issues));
      else misplaced(image, 'a reference image is not taken');
      continue;
    }
    const slot: OptionKey | undefined =
      image.role === 'first_frame' ? (mode === 'imageToVideo' ? (continuing ? undefined : 'image') : 'firstFrame')
        : image.role === 'last_frame' ? 'lastFrame'
          : freeFrames[0];
    if (slot === undefined || !takes(slot) || out[slot] !== undefined) {
      misplaced(image, `${image.role === undefined ? 'another image' : `a ${image.role}`} is not taken`);
      continue;
    }
    const at = freeFrames.indexOf(slot);
    if (at >= 0) freeFrames.splice(at, 1);
    out[slot] = mediaOf(image, 'image', issues);
  }

  // Videos: the clip to continue, the video to edit, or references.
  let sourceTaken = false;
  for (const video of videos) {
    if (mode === 'imageToVideo') {
      if (video.role !== undefined && video.role !== 'first_clip') misplaced(video, `a ${video.role} is not taken`);
      else if (out.continueFrom !== undefined) misplaced(video, 'a second clip to continue is not taken');
      else out.continueFrom = mediaOf(video, 'video', issues);
    } else if (mode === 'editVideo' && !sourceTaken && video.role !== 'reference_video') {
      sourceTaken = true;
      out.video = mediaOf(video, 'video', issues);
    } else if (video.role === 'source_video' || video.role === 'first_clip') {
      misplaced(video, `a ${video.role} is not taken`);
    } else {
      references.push(referenceOf(video, 'video', issues));
    }
  }

  // Audio: driving audio where the mode takes it, else references.
  for (const audio of audios) {
    const driving = takes('drivingAudio') ? 'drivingAudio' : takes('audioUrl') ? 'audioUrl' : undefined;
    if (audio.role !== 'reference_audio' && driving !== undefined && out[driving] === undefined) out[driving] = mediaOf(audio, 'audio', issues);
    else if (audio.role !== 'driving_audio' && takes('references') && caps.references?.kinds.includes('audio')) references.push(referenceOf(audio, 'audio', issues));
    else misplaced(audio, 'this audio is not taken');
  }
  if (references.length > 0) out.references = references;

  // providerOptions: the SDK's other options by name, and maxCost.
  let maxCost: number | undefined;
  for (const [key, value] of Object.entries(request.providerOptions ?? {})) {
    const path = `providerOptions.${key}`;
    if (key === MAX_COST_OPTION) {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) maxCost = value;
      else issues.add(path, `must be a non-negative number, got ${describe(value)}`);
      continue;
    }
    const known = Object.hasOwn(OPTION_ROUTES, key) ? OPTION_ROUTES[key as OptionKey] : undefined;
    const route = known === 'none' ? undefined : known;
    if (route === 'request' || route === 'input') {
      issues.add(path, `is set from the request's own fields and inputs, not from providerOptions`);
    } else if (route === undefined) {
      const options = [...(caps.modes[mode]?.options ?? []).filter((option) => !['request', 'input', 'none'].includes(OPTION_ROUTES[option])), MAX_COST_OPTION];
      issues.add(path, `is not an option of ${name} in ${mode} (providerOptions: ${options.join(', ')})`);
    } else if (key === 'objOrBg' && typeof value === 'string') {
      out.objOrBg = value.split(',').map((part) => part.trim()).filter(Boolean);
    } else {
      out[key] = value;
    }
  }

  if (issues.list.length > 0) {
    throw new ValidationError(`Invalid OpenClaw request for ${name} (${plural(issues.list.length, 'problem')}):`, issues.list);
  }
  return { mode, openClawMode, model: name, request: out, maxCost };
}
