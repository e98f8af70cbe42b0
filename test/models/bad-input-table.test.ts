/**
 * A table of bad inputs across the three modes. Each row: the mode, the request, and the exact
 * problem lines of the ValidationError (a RegExp only where a line embeds a long value). Every row
 * also checks that each line matches its issue, that the error is thrown synchronously and that no
 * request left.
 */
import { describe, expect, it } from 'vitest';
import {
  ValidationError, VIDEO_MODES, modelsOf, type ModelStudioClientOptions, type VideoMode,
} from 'modelstudio-video';
import { useMsw } from '../helpers/msw.ts';
import { flush, quietClient } from './submit-helper.ts';

// No handler is registered: any request that left would also fail the test as unhandled.
const { requests } = useMsw();

interface Row {
  readonly name: string;
  readonly mode: VideoMode;
  readonly request: unknown;
  /** The model in the summary line; the mode's default model when absent. */
  readonly model?: string;
  /** The problem lines without their leading "- ", in order. */
  readonly lines: readonly (string | RegExp)[];
  /** The whole summary line, for requests rejected before a model is settled. */
  readonly summary?: string | RegExp;
  /** Client options (a region, a base URL). */
  readonly client?: ModelStudioClientOptions;
}

/** The models of each mode in intl (the default client's region), as the "must be one of" line lists them. */
const MODELS = Object.fromEntries(VIDEO_MODES.map((mode) => [mode, `the ${mode} models of intl: ${modelsOf(mode, 'intl').join(', ')}`])) as Record<VideoMode, string>;

const DEFAULT_MODEL: Record<VideoMode, string> = {
  textToVideo: 'wan2.6-t2v',
  imageToVideo: 'wan2.6-i2v',
  referenceToVideo: 'wan2.6-r2v',
  editVideo: 'wan2.7-videoedit',
  animateCharacter: 'wan2.2-animate-move',
  speechToVideo: 'wan2.2-s2v',
  lipSync: 'videoretalk',
};

const IMAGE = 'https://cdn.example.com/people/alice.png';
const VIDEO = 'https://cdn.example.com/clips/bob.mp4';
const T2V_SIZES = '1280*720, 720*1280, 960*960, 1088*832, 832*1088, 1920*1080, 1080*1920, 1440*1440, 1632*1248, 1248*1632';
const T2V_OPTIONS =
  'model, prompt, negativePrompt, audioUrl, duration, size, resolution, aspectRatio, promptExtend, shotType, watermark, seed, audio, extraInput, extraParameters';
const I2V_OPTIONS =
  'model, image, prompt, negativePrompt, audioUrl, duration, resolution, promptExtend, shotType, watermark, seed, audio, extraInput, extraParameters';
const IMAGE_SCHEMES = '(allowed: https:, http:, oss:, data:)';
const LONG_URL = `https://cdn.example.com/${'a'.repeat(2030)}.png`; // 2058 characters
// 14 MiB of base64 text: 10.5 MiB once decoded, above the 10 MiB image limit.
const HUGE_PNG = `data:image/png;base64,${'A'.repeat(14 * 1024 * 1024)}`;
// 16 MiB of base64 text: exactly 12 MiB once decoded.
const PNG_12_MIB = `data:image/png;base64,${'A'.repeat(16 * 1024 * 1024)}`;
const LOCAL_PATH_WITH_DATA = "looks like a local file path; pass an http(s):// URL, an oss:// URL or a data: URI";
const LOCAL_PATH_NO_DATA = 'looks like a local file path; pass an http(s):// URL or an oss:// URL';
const videos = (count: number, ext = 'mp4') => Array.from({ length: count }, (_, i) => `https://cdn.example.com/v${i + 1}.${ext}`);

const t2v = (extra: Record<string, unknown>) => ({ prompt: 'A red fox in snow', ...extra });
const i2v = (extra: Record<string, unknown>) => ({ image: IMAGE, ...extra });
const r2v = (extra: Record<string, unknown>) => ({ prompt: 'character1 waves', references: [VIDEO], ...extra });

const rows: readonly Row[] = [
  // Wrong types
  { name: 'prompt as a number', mode: 'textToVideo', request: { prompt: 42 }, lines: ['prompt must be a string, got 42'] },
  { name: 'prompt as null', mode: 'textToVideo', request: { prompt: null }, lines: ['prompt must be a string, got null'] },
  { name: 'duration as the string "5"', mode: 'textToVideo', request: t2v({ duration: '5' }), lines: ['duration must be a number of seconds, got "5"'] },
  { name: 'duration NaN', mode: 'textToVideo', request: t2v({ duration: Number.NaN }), lines: ['duration must be a number of seconds, got NaN'] },
  { name: 'seed as a float', mode: 'textToVideo', request: t2v({ seed: 1.5 }), lines: ['seed 1.5 is not an integer'] },
  { name: 'seed as a string', mode: 'textToVideo', request: t2v({ seed: '42' }), lines: ['seed must be an integer, got "42"'] },
  { name: 'watermark "yes"', mode: 'textToVideo', request: t2v({ watermark: 'yes' }), lines: ['watermark must be true or false, got "yes"'] },
  { name: 'promptExtend "true"', mode: 'textToVideo', request: t2v({ promptExtend: 'true' }), lines: ['promptExtend must be true or false, got "true"'] },
  { name: 'audio 1', mode: 'imageToVideo', request: i2v({ audio: 1 }), lines: ['audio must be true or false, got 1'] },
  { name: 'resolution as the number 720', mode: 'textToVideo', request: t2v({ resolution: 720 }), lines: ['resolution 720 is not supported by wan2.6-t2v (allowed: 720P, 1080P)'] },
  { name: 'extraParameters as an array', mode: 'textToVideo', request: t2v({ extraParameters: [1] }), lines: ['extraParameters must be a plain object of extra wire fields'] },
  { name: 'extraInput as a string', mode: 'imageToVideo', request: i2v({ extraInput: 'x' }), lines: ['extraInput must be a plain object of extra wire fields'] },
  {
    name: 'references as a single string',
    mode: 'referenceToVideo',
    request: { prompt: 'character1', references: IMAGE },
    lines: [`references must be an array of references, got "${IMAGE}"`],
  },
  {
    name: 'references as a single object',
    mode: 'referenceToVideo',
    request: { prompt: 'character1', references: { url: IMAGE, type: 'image' } },
    lines: ['references must be an array of references, got an object'],
  },
  { name: 'a reference as a number', mode: 'referenceToVideo', request: r2v({ references: [5] }), lines: ['references[0] must be a URL string, { url, type }, { path }, a Blob or { data, fileName, mimeType }, got 5'] },
  { name: 'image as a number', mode: 'imageToVideo', request: { image: 5 }, lines: ['image must be a URL, a URL string, { path }, a Blob or { data, fileName, mimeType }, got 5'] },
  { name: 'negativePrompt as a number', mode: 'textToVideo', request: t2v({ negativePrompt: 5 }), lines: ['negativePrompt must be a string, got 5'] },
  { name: 'negativePrompt as null', mode: 'textToVideo', request: t2v({ negativePrompt: null }), lines: ['negativePrompt must be a string, got null'] },

  // Missing fields
  { name: 'no prompt for t2v', mode: 'textToVideo', request: {}, lines: ['prompt is required by wan2.6-t2v'] },
  { name: 'no prompt for r2v', mode: 'referenceToVideo', request: { references: [VIDEO] }, lines: ['prompt is required by wan2.6-r2v'] },
  { name: 'no image for i2v', mode: 'imageToVideo', request: { prompt: 'She smiles' }, lines: ['image is required'] },
  { name: 'no references for r2v', mode: 'referenceToVideo', request: { prompt: 'character1 waves' }, lines: ['references is required by wan2.6-r2v'] },
  {
    name: 'no references for wan2.7-r2v',
    mode: 'referenceToVideo',
    model: 'wan2.7-r2v',
    request: { model: 'wan2.7-r2v', prompt: 'character1 waves' },
    lines: ['references is required by wan2.7-r2v'],
  },
  {
    name: 'img_url instead of image',
    mode: 'imageToVideo',
    request: { img_url: IMAGE },
    lines: ['image is required', `unknown option "img_url" for wan2.6-i2v (options: ${I2V_OPTIONS})`],
  },

  // Durations out of range
  { name: 'duration 1 (t2v)', mode: 'textToVideo', request: t2v({ duration: 1 }), lines: ['duration 1 is below the minimum of 2 for wan2.6-t2v (allowed 2–15)'] },
  { name: 'duration 16 (t2v)', mode: 'textToVideo', request: t2v({ duration: 16 }), lines: ['duration 16 is above the maximum of 15 for wan2.6-t2v (allowed 2–15)'] },
  { name: 'duration 0', mode: 'textToVideo', request: t2v({ duration: 0 }), lines: ['duration 0 is below the minimum of 2 for wan2.6-t2v (allowed 2–15)'] },
  { name: 'duration -5', mode: 'textToVideo', request: t2v({ duration: -5 }), lines: ['duration -5 is below the minimum of 2 for wan2.6-t2v (allowed 2–15)'] },
  { name: 'duration 5.5', mode: 'textToVideo', request: t2v({ duration: 5.5 }), lines: ['duration 5.5 is not a whole number of seconds (allowed 2–15)'] },
  { name: 'duration 16 (i2v)', mode: 'imageToVideo', request: i2v({ duration: 16 }), lines: ['duration 16 is above the maximum of 15 for wan2.6-i2v (allowed 2–15)'] },
  { name: 'duration 11 (wan2.6-r2v)', mode: 'referenceToVideo', request: r2v({ duration: 11 }), lines: ['duration 11 is above the maximum of 10 for wan2.6-r2v (allowed 2–10)'] },
  {
    name: 'duration 11 (wan2.6-r2v-flash)',
    mode: 'referenceToVideo',
    model: 'wan2.6-r2v-flash',
    request: r2v({ model: 'wan2.6-r2v-flash', duration: 11 }),
    lines: ['duration 11 is above the maximum of 10 for wan2.6-r2v-flash (allowed 2–10)'],
  },
  {
    name: 'duration 16 (wan2.7-r2v)',
    mode: 'referenceToVideo',
    model: 'wan2.7-r2v',
    request: r2v({ model: 'wan2.7-r2v', duration: 16 }),
    lines: ['duration 16 is above the maximum of 15 for wan2.7-r2v (allowed 2–15)'],
  },

  // Output shape
  { name: 'size with an x', mode: 'textToVideo', request: t2v({ size: '1280x720' }), lines: [`size "1280x720" is not supported by wan2.6-t2v (allowed: ${T2V_SIZES}) (W*H with an asterisk)`] },
  { name: 'size 640*480', mode: 'textToVideo', request: t2v({ size: '640*480' }), lines: [`size "640*480" is not supported by wan2.6-t2v (allowed: ${T2V_SIZES}) (W*H with an asterisk)`] },
  { name: 'old 480P size 832*480', mode: 'textToVideo', request: t2v({ size: '832*480' }), lines: [`size "832*480" is not supported by wan2.6-t2v (allowed: ${T2V_SIZES}) (W*H with an asterisk)`] },
  {
    name: 'old 480P size on wan2.7-r2v',
    mode: 'referenceToVideo',
    model: 'wan2.7-r2v',
    request: r2v({ model: 'wan2.7-r2v', size: '480*832' }),
    lines: [`size "480*832" is not supported by wan2.7-r2v (allowed: ${T2V_SIZES}) (W*H with an asterisk)`],
  },
  { name: 'resolution 480P', mode: 'textToVideo', request: t2v({ resolution: '480P' }), lines: ['resolution "480P" is not supported by wan2.6-t2v (allowed: 720P, 1080P)'] },
  { name: 'resolution in lower case', mode: 'imageToVideo', request: i2v({ resolution: '720p' }), lines: ['resolution "720p" is not supported by wan2.6-i2v (allowed: 720P, 1080P)'] },
  { name: 'aspectRatio 21:9', mode: 'textToVideo', request: t2v({ aspectRatio: '21:9' }), lines: ['aspectRatio "21:9" is not supported by wan2.6-t2v (allowed: 16:9, 9:16, 1:1, 4:3, 3:4)'] },
  { name: 'shotType "double"', mode: 'textToVideo', request: t2v({ shotType: 'double' }), lines: ['shotType "double" is not supported by wan2.6-t2v (allowed: single, multi)'] },

  // References
  {
    name: 'five reference videos (wan2.6-r2v)',
    mode: 'referenceToVideo',
    request: r2v({ references: videos(5) }),
    lines: ['references has 5 videos, above the maximum of 4 for wan2.6-r2v'],
  },
  {
    name: 'six references (wan2.7-r2v)',
    mode: 'referenceToVideo',
    model: 'wan2.7-r2v',
    request: r2v({ model: 'wan2.7-r2v', references: [...videos(4), ...videos(1, 'mov'), IMAGE] }),
    lines: ['references has 6 references, above the maximum of 5 for wan2.7-r2v'],
  },
  { name: 'zero references', mode: 'referenceToVideo', request: r2v({ references: [] }), lines: ['references has 0 references; wan2.6-r2v needs at least 1'] },
  {
    name: 'a reference whose kind cannot be inferred',
    mode: 'referenceToVideo',
    request: r2v({ references: ['https://cdn.example.com/ref'] }),
    lines: [`references[0] cannot tell whether "https://cdn.example.com/ref" is an image or a video; pass { url, type: 'image' | 'video' }`],
  },
  {
    name: 'a reference object without type',
    mode: 'referenceToVideo',
    request: r2v({ references: [{ url: 'https://cdn.example.com/ref' }] }),
    // The path and the allowed types only: the wording for a missing type is not settled.
    lines: ['references[0].type is required (allowed: image, video)'],
  },
  {
    name: 'a reference object with type "audio"',
    mode: 'referenceToVideo',
    request: r2v({ references: [{ url: 'https://cdn.example.com/ref.wav', type: 'audio' }] }),
    lines: ['references[0].type "audio" is not a reference type (allowed: image, video)'],
  },
  {
    name: 'a reference object with type null',
    mode: 'referenceToVideo',
    request: r2v({ references: [{ url: IMAGE, type: null }] }),
    lines: ['references[0].type null is not a reference type (allowed: image, video)'],
  },
  {
    name: 'a reference object with an unknown key',
    mode: 'referenceToVideo',
    request: r2v({ references: [{ url: IMAGE, type: 'image', weight: 1 }] }),
    lines: ['references[0] unknown key "weight" (a reference takes url and type)'],
  },
  {
    name: 'a reference object with two unknown keys',
    mode: 'referenceToVideo',
    request: r2v({ references: [{ url: IMAGE, type: 'image', weight: 1, name: 'alice' }] }),
    lines: ['references[0] unknown keys "weight", "name" (a reference takes url and type)'],
  },
  {
    name: 'a reference object without url',
    mode: 'referenceToVideo',
    request: r2v({ references: [VIDEO, { type: 'image' }] }),
    lines: ['references[1].url is required'],
  },
  {
    name: 'a reference object with a numeric url',
    mode: 'referenceToVideo',
    request: r2v({ references: [{ url: 5, type: 'video' }] }),
    lines: ['references[0].url must be a URL string, got 5'],
  },
  {
    name: 'a data: URI as a video reference',
    mode: 'referenceToVideo',
    request: r2v({ references: ['data:video/mp4;base64,AAAA'] }),
    lines: ['references[0] a video cannot be sent as a data: URI; pass an http(s):// or oss:// URL'],
  },
  {
    name: 'a data:image URI declared as a video',
    mode: 'referenceToVideo',
    request: r2v({ references: [{ url: 'data:image/png;base64,AAAA', type: 'video' }] }),
    lines: ['references[0].url a video cannot be sent as a data: URI; pass an http(s):// or oss:// URL'],
  },
  {
    name: 'an ftp:// reference',
    mode: 'referenceToVideo',
    request: r2v({ references: ['ftp://cdn.example.com/a.png'] }),
    lines: [`references[0] URL scheme ftp: is not accepted ${IMAGE_SCHEMES}`],
  },
  {
    name: 'an oss:// reference with no key',
    mode: 'referenceToVideo',
    request: r2v({ references: [{ url: 'oss://', type: 'image' }] }),
    lines: ['references[0].url oss:// URL has no object key'],
  },

  // Prompts
  { name: 'empty prompt', mode: 'textToVideo', request: { prompt: '' }, lines: ['prompt must not be empty: wan2.6-t2v needs a prompt'] },
  { name: 'whitespace-only prompt (t2v)', mode: 'textToVideo', request: { prompt: '   ' }, lines: ['prompt must not be empty: wan2.6-t2v needs a prompt'] },
  { name: 'whitespace-only prompt (r2v)', mode: 'referenceToVideo', request: r2v({ prompt: ' \n\t ' }), lines: ['prompt must not be empty: wan2.6-r2v needs a prompt'] },
  { name: 'prompt of 1501 characters', mode: 'textToVideo', request: { prompt: 'a'.repeat(1501) }, lines: ['prompt is 1501 characters, above the maximum of 1500 for wan2.6-t2v'] },
  { name: 'prompt of 1501 characters (i2v)', mode: 'imageToVideo', request: i2v({ prompt: 'a'.repeat(1501) }), lines: ['prompt is 1501 characters, above the maximum of 1500 for wan2.6-i2v'] },
  { name: 'negativePrompt of 501 characters', mode: 'textToVideo', request: t2v({ negativePrompt: 'b'.repeat(501) }), lines: ['negativePrompt is 501 characters, above the maximum of 500 for wan2.6-t2v'] },

  // URLs
  { name: 'ftp:// image', mode: 'imageToVideo', request: { image: 'ftp://cdn.example.com/a.png' }, lines: [`image URL scheme ftp: is not accepted ${IMAGE_SCHEMES}`] },
  { name: 'file:///x.png image', mode: 'imageToVideo', request: { image: 'file:///x.png' }, lines: [`image URL scheme file: is not accepted ${IMAGE_SCHEMES}`] },
  { name: '"not a url" image', mode: 'imageToVideo', request: { image: 'not a url' }, lines: ['image "not a url" is not a URL (expected http(s)://, oss:// or data:)'] },
  { name: 'javascript: image', mode: 'imageToVideo', request: { image: 'javascript:alert(1)' }, lines: [`image URL scheme javascript: is not accepted ${IMAGE_SCHEMES}`] },
  { name: 'empty image URL', mode: 'imageToVideo', request: { image: '' }, lines: ['image "" is not a URL (expected http(s)://, oss:// or data:)'] },
  { name: 'a bare file name as image', mode: 'imageToVideo', request: { image: 'alice.png' }, lines: ['image "alice.png" is not a URL (expected http(s)://, oss:// or data:)'] },
  { name: 'URL longer than 2048 characters', mode: 'imageToVideo', request: { image: LONG_URL }, lines: ['image URL is 2058 characters, above the limit of 2048'] },
  { name: 'ftp:// audioUrl', mode: 'textToVideo', request: t2v({ audioUrl: 'ftp://cdn.example.com/a.mp3' }), lines: ['audioUrl URL scheme ftp: is not accepted (allowed: https:, http:, oss:)'] },

  // Local file paths
  { name: 'an absolute POSIX path as image', mode: 'imageToVideo', request: { image: '/tmp/alice.png' }, lines: [`image "/tmp/alice.png" ${LOCAL_PATH_WITH_DATA}`] },
  { name: 'a Windows drive path as image', mode: 'imageToVideo', request: { image: 'C:\\Users\\alice\\alice.png' }, lines: [`image "C:\\\\Users\\\\alice\\\\alice.png" ${LOCAL_PATH_WITH_DATA}`] },
  { name: 'a Windows drive path with forward slashes', mode: 'imageToVideo', request: { image: 'D:/pics/alice.png' }, lines: [`image "D:/pics/alice.png" ${LOCAL_PATH_WITH_DATA}`] },
  { name: 'a UNC path as image', mode: 'imageToVideo', request: { image: '\\\\server\\share\\alice.png' }, lines: [`image "\\\\\\\\server\\\\share\\\\alice.png" ${LOCAL_PATH_WITH_DATA}`] },
  { name: 'a ./ path as image', mode: 'imageToVideo', request: { image: './alice.png' }, lines: [`image "./alice.png" ${LOCAL_PATH_WITH_DATA}`] },
  { name: 'a ../ path as image', mode: 'imageToVideo', request: { image: '../alice.png' }, lines: [`image "../alice.png" ${LOCAL_PATH_WITH_DATA}`] },
  { name: 'a .\\ path as image', mode: 'imageToVideo', request: { image: '.\\alice.png' }, lines: [`image ".\\\\alice.png" ${LOCAL_PATH_WITH_DATA}`] },
  { name: 'a local path as audioUrl', mode: 'textToVideo', request: t2v({ audioUrl: '/tmp/drums.mp3' }), lines: [`audioUrl "/tmp/drums.mp3" ${LOCAL_PATH_NO_DATA}`] },
  { name: 'a ~/ path as image', mode: 'imageToVideo', request: { image: '~/alice.png' }, lines: [`image "~/alice.png" ${LOCAL_PATH_WITH_DATA}`] },
  {
    name: 'a local path as an image reference',
    mode: 'referenceToVideo',
    request: r2v({ references: ['./alice.png'] }),
    lines: [`references[0] "./alice.png" ${LOCAL_PATH_WITH_DATA}`],
  },

  { name: '"not a url" audioUrl', mode: 'imageToVideo', request: i2v({ audioUrl: 'not a url' }), lines: ['audioUrl "not a url" is not a URL (expected http(s)://, oss://)'] },

  // data: URIs
  { name: 'data: URI that is not base64', mode: 'imageToVideo', request: { image: 'data:image/png,abc' }, lines: ['image is not a base64 data: URI (expected data:<mime type>;base64,<data>)'] },
  {
    name: 'data:text/plain URI',
    mode: 'imageToVideo',
    request: { image: 'data:text/plain;base64,aGVsbG8=' },
    lines: ['image data: URI of type text/plain is not an accepted image type (allowed: image/jpeg, image/png, image/bmp, image/webp)'],
  },
  {
    name: 'data:image/gif URI',
    mode: 'imageToVideo',
    request: { image: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' },
    lines: ['image data: URI of type image/gif is not an accepted image type (allowed: image/jpeg, image/png, image/bmp, image/webp)'],
  },
  { name: 'data: URI with an empty payload', mode: 'imageToVideo', request: { image: 'data:image/png;base64,' }, lines: ['image data: URI payload is not valid base64'] },
  { name: 'data: URI with a payload of bad characters', mode: 'imageToVideo', request: { image: 'data:image/png;base64,@@@@' }, lines: ['image data: URI payload is not valid base64'] },
  // A base64 payload of length 1 mod 4 cannot come from any byte string.
  { name: 'data: URI with a one-character payload', mode: 'imageToVideo', request: { image: 'data:image/png;base64,A' }, lines: ['image data: URI payload is not valid base64'] },
  { name: 'data: URI with a five-character payload', mode: 'imageToVideo', request: { image: 'data:image/png;base64,AAAAA' }, lines: ['image data: URI payload is not valid base64'] },
  { name: 'image data: URI over 10 MiB', mode: 'imageToVideo', request: { image: HUGE_PNG }, lines: ['image data: URI holds 10.50 MiB, above the image limit of 10 MiB'] },
  { name: 'image data: URI of a whole 12 MiB', mode: 'imageToVideo', request: { image: PNG_12_MIB }, lines: ['image data: URI holds 12 MiB, above the image limit of 10 MiB'] },
  {
    name: 'image reference data: URI over 10 MiB',
    mode: 'referenceToVideo',
    request: r2v({ references: [VIDEO, { url: HUGE_PNG, type: 'image' }] }),
    lines: ['references[1].url data: URI holds 10.50 MiB, above the image limit of 10 MiB'],
  },
  {
    name: 'data: URI as audioUrl',
    mode: 'textToVideo',
    request: t2v({ audioUrl: 'data:audio/mpeg;base64,AAAA' }),
    lines: ['audioUrl an audio cannot be sent as a data: URI; pass an http(s):// or oss:// URL'],
  },

  // oss:// with no key
  { name: 'oss:// image with no key', mode: 'imageToVideo', request: { image: 'oss://' }, lines: ['image oss:// URL has no object key'] },
  { name: 'oss:// audioUrl with no key', mode: 'textToVideo', request: t2v({ audioUrl: 'oss://' }), lines: ['audioUrl oss:// URL has no object key'] },

  // Models
  {
    name: 'unknown model id',
    mode: 'textToVideo',
    request: t2v({ model: 'wan9-t2v' }),
    summary: 'Invalid textToVideo request: unknown model "wan9-t2v"',
    lines: [`model must be one of ${MODELS.textToVideo}`],
  },
  {
    name: 'model of the wrong mode (r2v on textToVideo)',
    mode: 'textToVideo',
    request: t2v({ model: 'wan2.7-r2v' }),
    summary: 'Invalid textToVideo request: model "wan2.7-r2v" is for referenceToVideo: call client.referenceToVideo, or pick a textToVideo model',
    lines: [`model must be one of ${MODELS.textToVideo}`],
  },
  {
    name: 'model of the wrong mode (t2v on imageToVideo)',
    mode: 'imageToVideo',
    request: i2v({ model: 'wan2.6-t2v' }),
    // "an?": the article before "imageToVideo model" is not settled.
    summary: 'Invalid imageToVideo request: model "wan2.6-t2v" is for textToVideo: call client.textToVideo, or pick an imageToVideo model',
    lines: [`model must be one of ${MODELS.imageToVideo}`],
  },
  {
    name: 'model of the wrong mode (i2v on textToVideo)',
    mode: 'textToVideo',
    request: t2v({ model: 'wan2.6-i2v' }),
    summary: 'Invalid textToVideo request: model "wan2.6-i2v" is for imageToVideo: call client.imageToVideo, or pick a textToVideo model',
    lines: [`model must be one of ${MODELS.textToVideo}`],
  },
  {
    name: 'model of the wrong mode (i2v on referenceToVideo)',
    mode: 'referenceToVideo',
    request: r2v({ model: 'wan2.6-i2v' }),
    summary: 'Invalid referenceToVideo request: model "wan2.6-i2v" is for imageToVideo: call client.imageToVideo, or pick a referenceToVideo model',
    lines: [`model must be one of ${MODELS.referenceToVideo}`],
  },
  {
    name: 'unknown r2v model lists the r2v models',
    mode: 'referenceToVideo',
    request: r2v({ model: 'wan2.7-r2v-pro' }),
    summary: 'Invalid referenceToVideo request: unknown model "wan2.7-r2v-pro"',
    lines: [`model must be one of ${MODELS.referenceToVideo}`],
  },
  {
    name: 'model as a number',
    mode: 'textToVideo',
    request: t2v({ model: 5 }),
    summary: 'Invalid textToVideo request: unknown model 5',
    lines: [`model must be one of ${MODELS.textToVideo}`],
  },
  {
    name: 'model null is an unknown model, not the default',
    mode: 'textToVideo',
    request: t2v({ model: null }),
    summary: 'Invalid textToVideo request: unknown model null',
    lines: [`model must be one of ${MODELS.textToVideo}`],
  },

  // Unknown fields
  { name: 'unknown field fps', mode: 'textToVideo', request: t2v({ fps: 24 }), lines: [`unknown option "fps" for wan2.6-t2v (options: ${T2V_OPTIONS})`] },
  {
    name: 'snake_case prompt_extend',
    mode: 'textToVideo',
    request: t2v({ prompt_extend: true }),
    lines: [`unknown option "prompt_extend" for wan2.6-t2v (options: ${T2V_OPTIONS})`],
  },
  {
    name: 'two unknown fields',
    mode: 'textToVideo',
    request: t2v({ fps: 24, negative_prompt: 'blur' }),
    lines: [`unknown options "fps", "negative_prompt" for wan2.6-t2v (options: ${T2V_OPTIONS})`],
  },
  { name: 'image on textToVideo', mode: 'textToVideo', request: t2v({ image: IMAGE }), lines: [`unknown option "image" for wan2.6-t2v (options: ${T2V_OPTIONS})`] },

  // Not an object: one issue with an empty path
  { name: 'request null', mode: 'textToVideo', request: null, summary: 'Invalid textToVideo request (1 problem):', lines: ['the request must be an object of options, got null'] },
  {
    name: 'request a string',
    mode: 'textToVideo',
    request: 'a red fox',
    summary: 'Invalid textToVideo request (1 problem):',
    lines: ['the request must be an object of options, got "a red fox"'],
  },
  {
    name: 'request an array',
    mode: 'referenceToVideo',
    request: [VIDEO],
    summary: 'Invalid referenceToVideo request (1 problem):',
    lines: ['the request must be an object of options, got an array'],
  },
  { name: 'request a number', mode: 'imageToVideo', request: 42, summary: 'Invalid imageToVideo request (1 problem):', lines: ['the request must be an object of options, got 42'] },
  {
    name: 'request undefined',
    mode: 'imageToVideo',
    request: undefined,
    summary: 'Invalid imageToVideo request (1 problem):',
    lines: ['the request must be an object of options, got nothing'],
  },

  // Seeds
  { name: 'seed -1', mode: 'textToVideo', request: t2v({ seed: -1 }), lines: ['seed -1 is below the minimum of 0'] },
  { name: 'seed 2147483648', mode: 'referenceToVideo', request: r2v({ seed: 2147483648 }), lines: ['seed 2147483648 is above the maximum of 2147483647'] },
];

const LAST = 'https://cdn.example.com/frames/last.png';
const CLIP = 'https://cdn.example.com/clips/opening.mp4';
const VOICE = 'https://cdn.example.com/audio/voice.mp3';
const I27_COMBOS = 'image, image + drivingAudio, image + lastFrame, image + lastFrame + drivingAudio, continueFrom or continueFrom + lastFrame';
const W30_DURATIONS = 'allowed -1 (the model picks) or 2–30';
const VACE = 'wan2.1-vace-plus';
const vace = (fn: string, extra: Record<string, unknown>) => ({ model: VACE, function: fn, prompt: 'A calm lake', ...extra });
const edit = (extra: Record<string, unknown>) => ({ video: VIDEO, prompt: 'make it snow', ...extra });
const i27 = (extra: Record<string, unknown>) => ({ model: 'wan2.7-i2v', ...extra });
const w30 = (extra: Record<string, unknown>) => ({ model: 'wan3.0-video', prompt: 'A lighthouse in a storm', ...extra });
const images = (count: number) => Array.from({ length: count }, (_, i) => `https://cdn.example.com/i${i + 1}.png`);
const voices = (count: number) => Array.from({ length: count }, (_, i) => ({ url: `https://cdn.example.com/a${i + 1}.mp3`, type: 'audio' }));
const region = (key: 'intl' | 'cn' | 'us') => ({ region: key });

/** The rows of the whole lineup (issue 11): new models, families, modes and regions. */
const lineupRows: readonly Row[] = [
  // wan2.7-i2v: frame combinations
  { name: 'wan2.7-i2v image + continueFrom', mode: 'imageToVideo', model: 'wan2.7-i2v', request: i27({ image: IMAGE, continueFrom: CLIP }), lines: [`image + continueFrom cannot go together on wan2.7-i2v (allowed: ${I27_COMBOS})`] },
  { name: 'wan2.7-i2v with no frame at all', mode: 'imageToVideo', model: 'wan2.7-i2v', request: i27({ prompt: 'A bud opens' }), lines: [`image is required by wan2.7-i2v: give ${I27_COMBOS}`] },
  { name: 'wan2.7-i2v lastFrame alone', mode: 'imageToVideo', model: 'wan2.7-i2v', request: i27({ lastFrame: LAST }), lines: [`lastFrame cannot go together on wan2.7-i2v (allowed: ${I27_COMBOS})`] },
  { name: 'wan2.7-i2v continueFrom + drivingAudio', mode: 'imageToVideo', model: 'wan2.7-i2v', request: i27({ continueFrom: CLIP, drivingAudio: VOICE }), lines: [`drivingAudio + continueFrom cannot go together on wan2.7-i2v (allowed: ${I27_COMBOS})`] },
  { name: 'wan2.7-i2v continueFrom as a data: URI', mode: 'imageToVideo', model: 'wan2.7-i2v', request: i27({ continueFrom: 'data:video/mp4;base64,AAAA' }), lines: ['continueFrom a video cannot be sent as a data: URI; pass an http(s):// or oss:// URL'] },
  { name: 'wan2.7-i2v drivingAudio as a local path', mode: 'imageToVideo', model: 'wan2.7-i2v', request: i27({ image: IMAGE, drivingAudio: './rap.mp3' }), lines: ['drivingAudio "./rap.mp3" looks like a local file path; pass an http(s):// URL or an oss:// URL'] },
  { name: 'wan2.7-i2v aspectRatio', mode: 'imageToVideo', model: 'wan2.7-i2v', request: i27({ image: IMAGE, aspectRatio: '16:9' }), lines: ['aspectRatio is not supported by wan2.7-i2v: the video takes the aspect ratio of the input; set resolution instead'] },
  { name: 'wan2.7-i2v duration 16', mode: 'imageToVideo', model: 'wan2.7-i2v', request: i27({ image: IMAGE, duration: 16 }), lines: ['duration 16 is above the maximum of 15 for wan2.7-i2v (allowed 2–15)'] },
  { name: 'lastFrame on wan2.6-i2v', mode: 'imageToVideo', request: i2v({ lastFrame: LAST }), lines: ['lastFrame is not supported by wan2.6-i2v: use wan2.7-i2v, wan3.0-video, wan3.0-video-prime, wan2.2-kf2v-flash, wan2.1-kf2v-plus, kling/kling-v3-video-generation or kling/kling-v3-omni-video-generation'] },
  { name: 'drivingAudio on wan2.6-i2v', mode: 'imageToVideo', request: i2v({ drivingAudio: VOICE }), lines: ['drivingAudio is not supported by wan2.6-i2v: use wan2.7-i2v'] },

  // Keyframes
  { name: 'wan2.2-kf2v-flash without lastFrame', mode: 'imageToVideo', model: 'wan2.2-kf2v-flash', request: { model: 'wan2.2-kf2v-flash', image: IMAGE }, lines: ['lastFrame is required'] },
  { name: 'wan2.2-kf2v-flash duration 10', mode: 'imageToVideo', model: 'wan2.2-kf2v-flash', request: { model: 'wan2.2-kf2v-flash', image: IMAGE, lastFrame: LAST, duration: 10 }, lines: ['duration 10 is above the maximum of 5 for wan2.2-kf2v-flash (allowed 5)'] },
  { name: 'wan2.1-kf2v-plus at 1080P', mode: 'imageToVideo', model: 'wan2.1-kf2v-plus', request: { model: 'wan2.1-kf2v-plus', image: IMAGE, lastFrame: LAST, resolution: '1080P' }, lines: ['resolution "1080P" is not supported by wan2.1-kf2v-plus (allowed: 720P)'] },
  { name: 'wan2.2-kf2v-flash with an empty template', mode: 'imageToVideo', model: 'wan2.2-kf2v-flash', request: { model: 'wan2.2-kf2v-flash', image: IMAGE, lastFrame: LAST, template: '' }, lines: ['template must not be empty'] },
  { name: 'wan2.2-kf2v-flash shotType', mode: 'imageToVideo', model: 'wan2.2-kf2v-flash', request: { model: 'wan2.2-kf2v-flash', image: IMAGE, lastFrame: LAST, shotType: 'multi' }, lines: ['shotType is not supported by wan2.2-kf2v-flash: not documented for this model; use extraParameters.shot_type to send it anyway'] },
  { name: 'wan2.2-kf2v-flash aspectRatio', mode: 'imageToVideo', model: 'wan2.2-kf2v-flash', request: { model: 'wan2.2-kf2v-flash', image: IMAGE, lastFrame: LAST, aspectRatio: '1:1' }, lines: ['aspectRatio is not supported by wan2.2-kf2v-flash: the video takes the aspect ratio of the input; set resolution instead'] },

  // wan3.0
  { name: 'wan3.0 duration 31', mode: 'textToVideo', model: 'wan3.0-video', request: w30({ duration: 31 }), lines: [`duration 31 is above the maximum of 30 for wan3.0-video (${W30_DURATIONS})`] },
  { name: 'wan3.0 duration 1', mode: 'textToVideo', model: 'wan3.0-video', request: w30({ duration: 1 }), lines: [`duration 1 is not served by wan3.0-video (${W30_DURATIONS})`] },
  { name: 'wan3.0 duration -2', mode: 'textToVideo', model: 'wan3.0-video', request: w30({ duration: -2 }), lines: [`duration -2 is below the minimum of -1 for wan3.0-video (${W30_DURATIONS})`] },
  { name: 'wan3.0 negativePrompt', mode: 'textToVideo', model: 'wan3.0-video', request: w30({ negativePrompt: 'blur' }), lines: ['negativePrompt is not supported by wan3.0-video: it takes no negative prompt; say what to avoid in the prompt'] },
  { name: 'wan3.0 prompt of 20001 characters', mode: 'textToVideo', model: 'wan3.0-video', request: w30({ prompt: 'a'.repeat(20_001) }), lines: ['prompt is 20001 characters, above the maximum of 20000 for wan3.0-video'] },
  { name: 'wan3.0 eleven reference images', mode: 'referenceToVideo', model: 'wan3.0-video', request: w30({ references: images(11) }), lines: ['references has 11 images, above the maximum of 10 for wan3.0-video'] },
  { name: 'wan3.0 six reference videos', mode: 'referenceToVideo', model: 'wan3.0-video', request: w30({ references: videos(6) }), lines: ['references has 6 videos, above the maximum of 5 for wan3.0-video'] },
  { name: 'wan3.0 six reference audio clips', mode: 'referenceToVideo', model: 'wan3.0-video', request: w30({ references: [IMAGE, ...voices(6)] }), lines: ['references has 6 audio clips, above the maximum of 5 for wan3.0-video'] },
  {
    name: 'wan3.0 references on imageToVideo (frames exclude references)',
    mode: 'imageToVideo',
    model: 'wan3.0-video',
    request: w30({ image: IMAGE, references: [IMAGE] }),
    lines: ['unknown option "references" for wan3.0-video (options: model, image, lastFrame, prompt, duration, resolution, aspectRatio, promptExtend, watermark, seed, audio, extraInput, extraParameters)'],
  },
  { name: 'wan3.0 aspectRatio 21:9', mode: 'textToVideo', model: 'wan3.0-video', request: w30({ aspectRatio: '21:9' }), lines: ['aspectRatio "21:9" is not supported by wan3.0-video (allowed: adaptive, 16:9, 9:16, 1:1, 4:3, 3:4)'] },
  { name: 'wan3.0 resolution 4K', mode: 'textToVideo', model: 'wan3.0-video', request: w30({ resolution: '4K' }), lines: ['resolution "4K" is not supported by wan3.0-video (allowed: 480P, 720P, 1080P)'] },
  { name: 'wan3.0 a voice on a reference', mode: 'referenceToVideo', model: 'wan3.0-video', request: w30({ references: [{ url: IMAGE, voice: VOICE }] }), lines: ['references[0].voice is not taken by this model (wan2.7-r2v takes a voice per reference)'] },
  { name: 'wan3.0 imageToVideo without an image', mode: 'imageToVideo', model: 'wan3.0-video', request: w30({ lastFrame: LAST }), lines: ['image is required'] },
  { name: 'wan3.0 editVideo without a video', mode: 'editVideo', model: 'wan3.0-video', request: w30({}), lines: ['video is required'] },

  // wan2.7-r2v and wan2.7-t2v
  { name: 'wan2.7-r2v an audio reference', mode: 'referenceToVideo', model: 'wan2.7-r2v', request: r2v({ model: 'wan2.7-r2v', references: [VOICE] }), lines: ['references[0] is an audio clip; wan2.7-r2v takes images or videos as references'] },
  { name: 'wan2.7-r2v a voice as a data: URI', mode: 'referenceToVideo', model: 'wan2.7-r2v', request: r2v({ model: 'wan2.7-r2v', references: [{ url: IMAGE, voice: 'data:audio/mp3;base64,AAAA' }] }), lines: ['references[0].voice an audio cannot be sent as a data: URI; pass an http(s):// or oss:// URL'] },
  { name: 'wan2.7-r2v 12 s with a reference video', mode: 'referenceToVideo', model: 'wan2.7-r2v', request: r2v({ model: 'wan2.7-r2v', duration: 12 }), lines: ['duration 12 is above the maximum of 10 for wan2.7-r2v with a reference video'] },
  { name: 'wan2.7-r2v firstFrame as a local path', mode: 'referenceToVideo', model: 'wan2.7-r2v', request: r2v({ model: 'wan2.7-r2v', firstFrame: './first.png' }), lines: [`firstFrame "./first.png" ${LOCAL_PATH_WITH_DATA}`] },
  { name: 'firstFrame on wan2.6-r2v', mode: 'referenceToVideo', request: r2v({ firstFrame: IMAGE }), lines: ['firstFrame is not supported by wan2.6-r2v: use wan2.7-r2v'] },
  { name: 'wan2.7-t2v prompt of 5001 characters', mode: 'textToVideo', model: 'wan2.7-t2v', request: t2v({ model: 'wan2.7-t2v', prompt: 'a'.repeat(5001) }), lines: ['prompt is 5001 characters, above the maximum of 5000 for wan2.7-t2v'] },
  { name: 'wan2.7-t2v shotType', mode: 'textToVideo', model: 'wan2.7-t2v', request: t2v({ model: 'wan2.7-t2v', shotType: 'multi' }), lines: ['shotType is not supported by wan2.7-t2v: not documented for this model; use extraParameters.shot_type to send it anyway'] },
  { name: 'wan2.7-t2v audio', mode: 'textToVideo', model: 'wan2.7-t2v', request: t2v({ model: 'wan2.7-t2v', audio: false }), lines: ['audio is not supported by wan2.7-t2v: use wan3.0-video or wan3.0-video-prime, or extraParameters.audio to send it anyway'] },
  { name: 'wan2.7-t2v resolution 480P', mode: 'textToVideo', model: 'wan2.7-t2v', request: t2v({ model: 'wan2.7-t2v', resolution: '480P' }), lines: ['resolution "480P" is not supported by wan2.7-t2v (allowed: 720P, 1080P)'] },
  { name: 'wan2.7-t2v duration 16', mode: 'textToVideo', model: 'wan2.7-t2v', request: t2v({ model: 'wan2.7-t2v', duration: 16 }), lines: ['duration 16 is above the maximum of 15 for wan2.7-t2v (allowed 2–15)'] },
  { name: 'a dated snapshot keeps its base caps', mode: 'textToVideo', model: 'wan2.7-t2v-2026-04-25', request: t2v({ model: 'wan2.7-t2v-2026-04-25', duration: 20 }), lines: ['duration 20 is above the maximum of 15 for wan2.7-t2v-2026-04-25 (allowed 2–15)'] },
  { name: 'an undated snapshot of an unknown model', mode: 'textToVideo', request: t2v({ model: 'wan9.9-t2v-2026-01-01' }), summary: 'Invalid textToVideo request: unknown model "wan9.9-t2v-2026-01-01"', lines: [`model must be one of ${MODELS.textToVideo}`] },

  // wan2.7-videoedit
  { name: 'videoedit duration 1', mode: 'editVideo', request: edit({ duration: 1 }), lines: ["duration 1 is not served by wan2.7-videoedit (allowed 0 (the input video's length) or 2–10)"] },
  { name: 'videoedit duration 11', mode: 'editVideo', request: edit({ duration: 11 }), lines: ["duration 11 is above the maximum of 10 for wan2.7-videoedit (allowed 0 (the input video's length) or 2–10)"] },
  { name: 'videoedit five reference images', mode: 'editVideo', request: edit({ references: images(5) }), lines: ['references has 5 images, above the maximum of 4 for wan2.7-videoedit'] },
  { name: 'videoedit a reference video', mode: 'editVideo', request: edit({ references: [VIDEO] }), lines: ['references[0] is a video; wan2.7-videoedit takes images as references'] },
  { name: 'videoedit audioSetting "keep"', mode: 'editVideo', request: edit({ audioSetting: 'keep' }), lines: ['audioSetting "keep" is not supported by wan2.7-videoedit (allowed: auto, origin)'] },
  { name: 'videoedit without a video', mode: 'editVideo', request: { prompt: 'make it snow' }, lines: ['video is required'] },
  { name: 'videoedit without a prompt', mode: 'editVideo', request: { video: VIDEO }, lines: ['prompt is required by wan2.7-videoedit'] },
  { name: 'videoedit the video as a data: URI', mode: 'editVideo', request: edit({ video: 'data:video/mp4;base64,AAAA' }), lines: ['video a video cannot be sent as a data: URI; pass an http(s):// or oss:// URL'] },
  { name: 'videoedit a VACE function', mode: 'editVideo', request: edit({ function: 'video_edit' }), lines: [`function is not supported by wan2.7-videoedit: use ${VACE} or wanx2.1-vace-plus`] },

  // wan2.1-vace-plus
  { name: 'vace without a function', mode: 'editVideo', model: VACE, request: { model: VACE, prompt: 'x', video: VIDEO }, lines: ['function is required by wan2.1-vace-plus (allowed: image_reference, video_repainting, video_edit, video_extension, video_outpainting)'] },
  { name: 'vace function "inpaint"', mode: 'editVideo', model: VACE, request: vace('inpaint', { video: VIDEO }), lines: ['function "inpaint" is not supported by wan2.1-vace-plus (allowed: image_reference, video_repainting, video_edit, video_extension, video_outpainting)'] },
  { name: 'vace video_edit without a mask', mode: 'editVideo', model: VACE, request: vace('video_edit', { video: VIDEO }), lines: ["maskImage is required by wan2.1-vace-plus's video_edit (the masked area of the input video redrawn)"] },
  { name: 'vace video_repainting without a control condition', mode: 'editVideo', model: VACE, request: vace('video_repainting', { video: VIDEO }), lines: ["controlCondition is required by wan2.1-vace-plus's video_repainting (a new video that keeps the input video's motion (pose, depth or scribble))"] },
  { name: 'vace video_outpainting expandRatio 0.5', mode: 'editVideo', model: VACE, request: vace('video_outpainting', { video: VIDEO, expandRatio: 0.5 }), lines: ['expandRatio 0.5 is outside 1–2 for video_outpainting'] },
  { name: 'vace video_edit expandRatio 1.5', mode: 'editVideo', model: VACE, request: vace('video_edit', { video: VIDEO, maskImage: IMAGE, expandRatio: 1.5 }), lines: ['expandRatio 1.5 is outside 0–1 for video_edit'] },
  { name: 'vace image_reference four images', mode: 'editVideo', model: VACE, request: vace('image_reference', { references: images(4) }), lines: ['references has 4 images, above the maximum of 3 for wan2.1-vace-plus'] },
  { name: 'vace video_edit two reference images', mode: 'editVideo', model: VACE, request: vace('video_edit', { video: VIDEO, maskImage: IMAGE, references: images(2) }), lines: ['references has 2 images, above the maximum of 1 for video_edit'] },
  { name: 'vace video_outpainting with references', mode: 'editVideo', model: VACE, request: vace('video_outpainting', { video: VIDEO, expandRatio: 1.2, references: [IMAGE] }), lines: ['references is not taken by video_outpainting (only by image_reference, video_repainting or video_edit)'] },
  { name: 'vace image_reference without images', mode: 'editVideo', model: VACE, request: vace('image_reference', {}), lines: ["references is required by wan2.1-vace-plus's image_reference (a video of the subjects or backgrounds of 1–3 reference images)"] },
  // Found by test/testing/caps-vs-rulebook.test.ts (docs/protocol.md §9.1): 1–3 images, size only where the output takes it, the prompt required by video_extension alone.
  { name: 'vace image_reference with an empty image list', mode: 'editVideo', model: VACE, request: vace('image_reference', { references: [] }), lines: ['references has 0 images; image_reference needs 1–3'] },
  { name: 'vace video_repainting with a size', mode: 'editVideo', model: VACE, request: vace('video_repainting', { video: VIDEO, controlCondition: 'depth', size: '1280*720' }), lines: ['size is not taken by video_repainting (only by image_reference or video_edit)'] },
  { name: 'vace video_extension without a prompt', mode: 'editVideo', model: VACE, request: { model: VACE, function: 'video_extension', video: VIDEO }, lines: ["prompt is required by wan2.1-vace-plus's video_extension (the input clip continued to 5 s)"] },
  { name: 'vace objOrBg of the wrong length', mode: 'editVideo', model: VACE, request: vace('image_reference', { references: images(2), objOrBg: ['obj'] }), lines: ['objOrBg has 1 entries for 2 reference images; give one per image'] },
  { name: 'vace strength 1.5', mode: 'editVideo', model: VACE, request: vace('video_repainting', { video: VIDEO, controlCondition: 'depth', strength: 1.5 }), lines: ['strength 1.5 is above the maximum of 1'] },
  { name: 'vace maskFrameId 0', mode: 'editVideo', model: VACE, request: vace('video_edit', { video: VIDEO, maskImage: IMAGE, maskFrameId: 0 }), lines: ['maskFrameId 0 is below the minimum of 1'] },
  { name: 'vace controlCondition "edges"', mode: 'editVideo', model: VACE, request: vace('video_repainting', { video: VIDEO, controlCondition: 'edges' }), lines: ['controlCondition "edges" is not supported by wan2.1-vace-plus (allowed: posebodyface, posebody, depth, scribble)'] },
  { name: 'vace duration 6', mode: 'editVideo', model: VACE, request: vace('video_extension', { video: VIDEO, duration: 6 }), lines: ['duration 6 is above the maximum of 5 for wan2.1-vace-plus (allowed 1–5)'] },

  // Regions
  { name: 'wan2.1-vace-plus on a cn client', mode: 'editVideo', model: VACE, client: region('cn'), request: vace('video_extension', { video: VIDEO }), lines: ['model wan2.1-vace-plus is not served in cn (only intl); its name there is wanx2.1-vace-plus'] },
  { name: 'wanx2.1-t2v-turbo on an intl client', mode: 'textToVideo', model: 'wanx2.1-t2v-turbo', client: region('intl'), request: t2v({ model: 'wanx2.1-t2v-turbo' }), lines: ['model wanx2.1-t2v-turbo is not served in intl (only cn); its name there is wan2.1-t2v-turbo'] },
  { name: 'wan2.6-t2v on a us client', mode: 'textToVideo', client: region('us'), request: t2v({ model: 'wan2.6-t2v' }), lines: ['model wan2.6-t2v is not served in us (only cn, intl); its name there is wan2.6-t2v-us'] },
  { name: 'wan2.6-t2v-us on the default (intl) client', mode: 'textToVideo', model: 'wan2.6-t2v-us', client: {}, request: t2v({ model: 'wan2.6-t2v-us' }), lines: ['model wan2.6-t2v-us is not served in intl (only us); its name there is wan2.6-t2v'] },
  { name: 'wan2.1-vace-plus on a us client', mode: 'editVideo', model: VACE, client: region('us'), request: vace('video_extension', { video: VIDEO }), lines: ['model wan2.1-vace-plus is not served in us (only intl); pick a model of us, or a client of another region'] },
  { name: 'wan2.2-i2v-flash at 1080P in intl', mode: 'imageToVideo', model: 'wan2.2-i2v-flash', client: region('intl'), request: i2v({ model: 'wan2.2-i2v-flash', resolution: '1080P' }), lines: ['resolution 1080P is not served by wan2.2-i2v-flash in intl (allowed: 480P, 720P)'] },
  {
    name: 'the region of a Beijing workspace host',
    mode: 'textToVideo',
    model: 'wan2.1-t2v-turbo',
    client: { baseUrl: 'https://ws-1.cn-beijing.maas.aliyuncs.com' },
    request: t2v({ model: 'wan2.1-t2v-turbo' }),
    lines: ['model wan2.1-t2v-turbo is not served in cn (only intl); its name there is wanx2.1-t2v-turbo'],
  },
  { name: 'wan2.7-r2v on a us client', mode: 'referenceToVideo', model: 'wan2.7-r2v', client: region('us'), request: r2v({ model: 'wan2.7-r2v' }), lines: ['model wan2.7-r2v is not served in us (only cn, intl); pick a model of us, or a client of another region'] },

  // Older models
  { name: 'wan2.5 duration 7', mode: 'textToVideo', model: 'wan2.5-t2v-preview', request: t2v({ model: 'wan2.5-t2v-preview', duration: 7 }), lines: ['duration 7 is not served by wan2.5-t2v-preview (allowed 5 or 10)'] },
  { name: 'wan2.5 480P at 4:3', mode: 'textToVideo', model: 'wan2.5-t2v-preview', request: t2v({ model: 'wan2.5-t2v-preview', resolution: '480P', aspectRatio: '4:3' }), lines: ['aspectRatio 4:3 is not served at 480P by wan2.5-t2v-preview (480P ratios: 16:9, 9:16, 1:1)'] },
  { name: 'wan2.2-t2v-plus at 720P', mode: 'textToVideo', model: 'wan2.2-t2v-plus', request: t2v({ model: 'wan2.2-t2v-plus', resolution: '720P' }), lines: ['resolution "720P" is not supported by wan2.2-t2v-plus (allowed: 480P, 1080P)'] },
  { name: 'wan2.2-t2v-plus duration 10', mode: 'textToVideo', model: 'wan2.2-t2v-plus', request: t2v({ model: 'wan2.2-t2v-plus', duration: 10 }), lines: ['duration 10 is above the maximum of 5 for wan2.2-t2v-plus (allowed 5)'] },
  { name: 'wan2.2-t2v-plus audio', mode: 'textToVideo', model: 'wan2.2-t2v-plus', request: t2v({ model: 'wan2.2-t2v-plus', audio: true }), lines: ['audio is not supported by wan2.2-t2v-plus: use wan2.6-t2v or wan2.6-t2v-us, or extraParameters.audio to send it anyway'] },
  { name: 'wan2.1-i2v-turbo duration 2', mode: 'imageToVideo', model: 'wan2.1-i2v-turbo', request: i2v({ model: 'wan2.1-i2v-turbo', duration: 2 }), lines: ['duration 2 is below the minimum of 3 for wan2.1-i2v-turbo (allowed 3–5)'] },
  {
    name: 'wan2.1-t2v-plus size 1920*1080',
    mode: 'textToVideo',
    model: 'wan2.1-t2v-plus',
    request: t2v({ model: 'wan2.1-t2v-plus', size: '1920*1080' }),
    lines: ['size "1920*1080" is not supported by wan2.1-t2v-plus (allowed: 1280*720, 720*1280, 960*960, 1088*832, 832*1088) (W*H with an asterisk)'],
  },
  { name: 'wan2.5-i2v-preview shotType', mode: 'imageToVideo', model: 'wan2.5-i2v-preview', request: i2v({ model: 'wan2.5-i2v-preview', shotType: 'single' }), lines: ['shotType is not supported by wan2.5-i2v-preview: use wan2.6-i2v, wan2.6-i2v-flash or wan2.6-i2v-us, or extraParameters.shot_type to send it anyway'] },

  // Modes and models the SDK does not type
  {
    name: 'a text-to-video model on editVideo',
    mode: 'editVideo',
    request: edit({ model: 'wan2.6-t2v' }),
    summary: 'Invalid editVideo request: model "wan2.6-t2v" is for textToVideo: call client.textToVideo, or pick an editVideo model',
    lines: [`model must be one of ${MODELS.editVideo}`],
  },
  {
    name: 'the edit model on textToVideo',
    mode: 'textToVideo',
    request: t2v({ model: 'wan2.7-videoedit' }),
    summary: 'Invalid textToVideo request: model "wan2.7-videoedit" is for editVideo: call client.editVideo, or pick a textToVideo model',
    lines: [`model must be one of ${MODELS.textToVideo}`],
  },
  {
    name: 'an animate model on imageToVideo',
    mode: 'imageToVideo',
    request: i2v({ model: 'wan2.2-animate-move' }),
    summary: 'Invalid imageToVideo request: model "wan2.2-animate-move" is for animateCharacter: call client.animateCharacter, or pick an imageToVideo model',
    lines: [`model must be one of ${MODELS.imageToVideo}`],
  },
  {
    name: 'a model the SDK reaches only through submitTask',
    mode: 'lipSync',
    request: { model: 'emo-v1', video: VIDEO },
    summary: /^Invalid lipSync request: "emo-v1" has no typed request in this SDK yet: .+ send it with client\.submitTask$/,
    lines: [/^model its body is known only from secondary sources \(each needs its -detect model first\); send it with client\.submitTask$/],
  },
];

/** Where the rows of issue 24 run: a region by key, with a workspace for those reached only through workspace hosts. */
const at = (key: 'intl' | 'cn' | 'us' | 'eu' | 'jp' | 'hk') => ({ region: key, ...(['eu', 'jp', 'hk'].includes(key) && { workspaceId: 'ws-test' }) });
const HH11_T2V = 'happyhorse-1.1-t2v';
const HH11_I2V = 'happyhorse-1.1-i2v';
const HH11_R2V = 'happyhorse-1.1-r2v';
const HH10_T2V = 'happyhorse-1.0-t2v';
const HH10_R2V = 'happyhorse-1.0-r2v';
const HH_EDIT = 'happyhorse-1.0-video-edit';
const HH_RATIOS = '16:9, 9:16, 1:1, 4:3, 3:4, 4:5, 5:4, 9:21, 21:9';
const AUDIO = 'https://cdn.example.com/speech.mp3';
const KLING = 'kling/kling-v3-video-generation';
const KLING_OMNI = 'kling/kling-v3-omni-video-generation';

/** The rows of every model beyond Wan (issue 24): HappyHorse, the new regions. */
const beyondWanRows: readonly Row[] = [
  { name: 'happyhorse t2v: an English prompt of 5001 characters', mode: 'textToVideo', model: HH11_T2V, request: { model: HH11_T2V, prompt: 'a'.repeat(5001) }, lines: ['prompt is 5001 characters, above the maximum of 5000 for happyhorse-1.1-t2v (Chinese characters count twice: at most 2500 in a Chinese prompt)'] },
  { name: 'happyhorse t2v: a Chinese prompt of 2501 characters', mode: 'textToVideo', model: HH11_T2V, request: { model: HH11_T2V, prompt: '马'.repeat(2501) }, lines: ['prompt is 5002 characters, above the maximum of 5000 for happyhorse-1.1-t2v (Chinese characters count twice: at most 2500 in a Chinese prompt)'] },
  { name: 'happyhorse t2v: a mixed prompt counted the service way', mode: 'textToVideo', model: HH10_T2V, request: { model: HH10_T2V, prompt: `${'马'.repeat(2000)}${'a'.repeat(1001)}` }, lines: ['prompt is 5001 characters, above the maximum of 5000 for happyhorse-1.0-t2v (Chinese characters count twice: at most 2500 in a Chinese prompt)'] },
  { name: 'happyhorse t2v: 2 seconds', mode: 'textToVideo', model: HH11_T2V, request: { model: HH11_T2V, prompt: 'x', duration: 2 }, lines: ['duration 2 is below the minimum of 3 for happyhorse-1.1-t2v (allowed 3–15)'] },
  { name: 'happyhorse t2v: 16 seconds', mode: 'textToVideo', model: HH11_T2V, request: { model: HH11_T2V, prompt: 'x', duration: 16 }, lines: ['duration 16 is above the maximum of 15 for happyhorse-1.1-t2v (allowed 3–15)'] },
  { name: 'happyhorse t2v: 7.5 seconds', mode: 'textToVideo', model: HH10_T2V, request: { model: HH10_T2V, prompt: 'x', duration: 7.5 }, lines: ['duration 7.5 is not a whole number of seconds (allowed 3–15)'] },
  { name: 'happyhorse t2v: a ratio it does not make', mode: 'textToVideo', model: HH11_T2V, request: { model: HH11_T2V, prompt: 'x', aspectRatio: '2:1' }, lines: [`aspectRatio "2:1" is not supported by happyhorse-1.1-t2v (allowed: ${HH_RATIOS})`] },
  { name: 'happyhorse 1.0 t2v: 480P', mode: 'textToVideo', model: HH10_T2V, request: { model: HH10_T2V, prompt: 'x', resolution: '480P' }, lines: ['resolution "480P" is not supported by happyhorse-1.0-t2v (allowed: 720P, 1080P)'] },
  { name: 'happyhorse 1.1 t2v: 480P outside Beijing', mode: 'textToVideo', model: HH11_T2V, client: at('intl'), request: { model: HH11_T2V, prompt: 'x', resolution: '480P' }, lines: ['resolution 480P is not served by happyhorse-1.1-t2v in intl (allowed: 720P, 1080P)'] },
  { name: 'happyhorse t2v: a negative prompt', mode: 'textToVideo', model: HH11_T2V, request: { model: HH11_T2V, prompt: 'x', negativePrompt: 'blur' }, lines: ['negativePrompt is not supported by happyhorse-1.1-t2v: it takes no negative prompt; say what to avoid in the prompt'] },
  { name: 'happyhorse t2v: a sound switch (it always has sound)', mode: 'textToVideo', model: HH11_T2V, request: { model: HH11_T2V, prompt: 'x', audio: false }, lines: ['audio is not supported by happyhorse-1.1-t2v: its videos always have sound; there is no switch'] },
  { name: 'happyhorse t2v: an exact size', mode: 'textToVideo', model: HH11_T2V, request: { model: HH11_T2V, prompt: 'x', size: '1280*720' }, lines: ['size is not supported by happyhorse-1.1-t2v: set resolution (480P, 720P or 1080P) and aspectRatio'] },
  { name: 'happyhorse t2v: a seed above the range', mode: 'textToVideo', model: HH11_T2V, request: { model: HH11_T2V, prompt: 'x', seed: 2147483648 }, lines: ['seed 2147483648 is above the maximum of 2147483647'] },
  { name: 'happyhorse t2v: no prompt', mode: 'textToVideo', model: HH11_T2V, request: { model: HH11_T2V }, lines: ['prompt is required by happyhorse-1.1-t2v'] },
  { name: 'happyhorse i2v: an aspect ratio (the image decides)', mode: 'imageToVideo', model: HH11_I2V, request: { model: HH11_I2V, image: IMAGE, aspectRatio: '16:9' }, lines: ['aspectRatio is not supported by happyhorse-1.1-i2v: the video takes the aspect ratio of the input; set resolution instead'] },
  { name: 'happyhorse i2v: no image', mode: 'imageToVideo', model: HH11_I2V, request: { model: HH11_I2V, prompt: 'x' }, lines: ['image is required'] },
  { name: 'happyhorse i2v: a last frame', mode: 'imageToVideo', model: HH11_I2V, request: { model: HH11_I2V, image: IMAGE, lastFrame: IMAGE }, lines: [/^lastFrame is not supported by happyhorse-1\.1-i2v: use /] },
  { name: 'happyhorse i2v: a BMP first frame', mode: 'imageToVideo', model: HH11_I2V, request: { model: HH11_I2V, image: { data: new Uint8Array(8), fileName: 'frame.bmp', mimeType: 'image/bmp' } }, lines: ['image "frame.bmp" is image/bmp, not an accepted image type (allowed: image/jpeg, image/png, image/webp)'] },
  { name: 'happyhorse r2v: [Image 3] with two images', mode: 'referenceToVideo', model: HH11_R2V, request: { model: HH11_R2V, prompt: '[Image 1] meets [Image 3]', references: images(2) }, lines: ['prompt names [Image 3], but 2 reference images are given to happyhorse-1.1-r2v ([Image 1] is the first)'] },
  { name: 'happyhorse r2v: [Image 0] and [image 2] with one image', mode: 'referenceToVideo', model: HH10_R2V, request: { model: HH10_R2V, prompt: '[Image 0] and [image 2]', references: images(1) }, lines: ['prompt names [Image 0], but 1 reference image is given to happyhorse-1.0-r2v ([Image 1] is the first)', 'prompt names [Image 2], but 1 reference image is given to happyhorse-1.0-r2v ([Image 1] is the first)'] },
  { name: 'happyhorse r2v: 10 reference images', mode: 'referenceToVideo', model: HH11_R2V, request: { model: HH11_R2V, prompt: 'x', references: images(10) }, lines: ['references has 10 images, above the maximum of 9 for happyhorse-1.1-r2v'] },
  { name: 'happyhorse r2v: no references', mode: 'referenceToVideo', model: HH11_R2V, request: { model: HH11_R2V, prompt: 'x', references: [] }, lines: ['references has 0 references; happyhorse-1.1-r2v needs at least 1'] },
  { name: 'happyhorse r2v: a reference video', mode: 'referenceToVideo', model: HH11_R2V, request: { model: HH11_R2V, prompt: 'x', references: [VIDEO] }, lines: ['references[0] is a video; happyhorse-1.1-r2v takes images as references'] },
  { name: 'happyhorse r2v: a reference with a description', mode: 'referenceToVideo', model: HH11_R2V, request: { model: HH11_R2V, prompt: 'x', references: [{ url: IMAGE, description: 'the rider' }] }, lines: ['references[0].description is not taken by this model (wan2.7-r2v takes a description per reference)'] },
  { name: 'happyhorse edit: a duration (the input decides)', mode: 'editVideo', model: HH_EDIT, request: { model: HH_EDIT, prompt: 'snow', video: VIDEO, duration: 5 }, lines: [/^duration is not supported by happyhorse-1\.0-video-edit: /] },
  { name: 'happyhorse edit: an aspect ratio', mode: 'editVideo', model: HH_EDIT, request: { model: HH_EDIT, prompt: 'snow', video: VIDEO, aspectRatio: '1:1' }, lines: ['aspectRatio is not supported by happyhorse-1.0-video-edit: the video takes the aspect ratio of the input; set resolution instead'] },
  { name: 'happyhorse edit: 6 reference images', mode: 'editVideo', model: HH_EDIT, request: { model: HH_EDIT, prompt: 'snow', video: VIDEO, references: images(6) }, lines: ['references has 6 images, above the maximum of 5 for happyhorse-1.0-video-edit'] },
  { name: 'happyhorse edit: no video', mode: 'editVideo', model: HH_EDIT, request: { model: HH_EDIT, prompt: 'snow' }, lines: ['video is required'] },
  { name: 'happyhorse edit: an audio setting it does not know', mode: 'editVideo', model: HH_EDIT, request: { model: HH_EDIT, prompt: 'snow', video: VIDEO, audioSetting: 'mute' }, lines: ['audioSetting "mute" is not supported by happyhorse-1.0-video-edit (allowed: auto, origin)'] },
  { name: 'happyhorse in Hong Kong, which serves no HappyHorse model', mode: 'textToVideo', model: HH11_T2V, client: at('hk'), request: { model: HH11_T2V, prompt: 'x' }, lines: ['model happyhorse-1.1-t2v is not served in hk (only cn, intl, us, eu, jp); pick a model of hk, or a client of another region'] },
  { name: 'wan2.6-t2v on a Frankfurt client', mode: 'textToVideo', model: 'wan2.6-t2v', client: at('eu'), request: t2v({}), lines: ['model wan2.6-t2v is not served in eu (only cn, intl); pick a model of eu, or a client of another region'] },
  { name: 'wan2.7-r2v: an empty reference description', mode: 'referenceToVideo', model: 'wan2.7-r2v', request: { model: 'wan2.7-r2v', prompt: 'character1', references: [{ url: IMAGE, description: ' ' }] }, lines: ['references[0].description must be a non-empty string, got " "'] },
  { name: 'wan2.7-r2v: an unknown reference key names description', mode: 'referenceToVideo', model: 'wan2.7-r2v', request: { model: 'wan2.7-r2v', prompt: 'character1', references: [{ url: IMAGE, name: 'Alice' }] }, lines: ['references[0] unknown key "name" (a reference takes url, type, voice and description)'] },
  // Character animation, talking heads and lip sync (the animation family).
  { name: 'animate: no driving video', mode: 'animateCharacter', model: 'wan2.2-animate-move', request: { image: IMAGE }, lines: ['video is required'] },
  { name: 'animate: no character image', mode: 'animateCharacter', model: 'wan2.2-animate-move', request: { video: VIDEO }, lines: ['image is required'] },
  { name: 'animate: a quality it does not know', mode: 'animateCharacter', model: 'wan2.2-animate-move', request: { image: IMAGE, video: VIDEO, quality: 'ultra' }, lines: ['quality "ultra" is not supported by wan2.2-animate-move (allowed: std, pro)'] },
  { name: 'animate: the wire name of the quality', mode: 'animateCharacter', model: 'wan2.2-animate-mix', request: { model: 'wan2.2-animate-mix', image: IMAGE, video: VIDEO, quality: 'wan-pro' }, lines: ['quality "wan-pro" is not supported by wan2.2-animate-mix (allowed: std, pro)'] },
  { name: 'animate: a prompt', mode: 'animateCharacter', model: 'wan2.2-animate-move', request: { image: IMAGE, video: VIDEO, prompt: 'dance' }, lines: [/^unknown option "prompt" for wan2\.2-animate-move \(options: model, image, video, quality, watermark, extraInput, extraParameters\)$/] },
  { name: 'animate: a duration', mode: 'animateCharacter', model: 'wan2.2-animate-move', request: { image: IMAGE, video: VIDEO, duration: 5 }, lines: [/^unknown option "duration" for wan2\.2-animate-move/] },
  { name: 'animate: a driving video as the image', mode: 'animateCharacter', model: 'wan2.2-animate-move', request: { image: { data: new Uint8Array(8), fileName: 'moves.mp4', mimeType: 'video/mp4' }, video: VIDEO }, lines: ['image "moves.mp4" is video/mp4, not an accepted image type (allowed: image/jpeg, image/png, image/bmp, image/webp)'] },
  { name: 'animate: an image of 6 MB', mode: 'animateCharacter', model: 'wan2.2-animate-move', request: { image: { data: new Uint8Array(6 * 1024 * 1024), fileName: 'me.png', mimeType: 'image/png' }, video: VIDEO }, lines: ['image "me.png" is 6.00 MiB, above the image limit of 5.00 MiB'] },
  { name: 'animate: an image as the driving video', mode: 'animateCharacter', model: 'wan2.2-animate-move', request: { image: IMAGE, video: { data: new Uint8Array(8), fileName: 'pose.png', mimeType: 'image/png' } }, lines: ['video "pose.png" is image/png, not an accepted video type (allowed: video/mp4, video/x-msvideo, video/quicktime)'] },
  { name: 'animate: a watermark that is not a switch', mode: 'animateCharacter', model: 'wan2.2-animate-move', request: { image: IMAGE, video: VIDEO, watermark: 'yes' }, lines: ['watermark must be true or false, got "yes"'] },
  { name: 'animate: a text-to-video model', mode: 'animateCharacter', model: 'wan2.6-t2v', request: { model: 'wan2.6-t2v', image: IMAGE, video: VIDEO }, summary: 'Invalid animateCharacter request: model "wan2.6-t2v" is for textToVideo: call client.textToVideo, or pick an animateCharacter model', lines: ['model must be one of the animateCharacter models of intl: wan2.2-animate-move, wan2.2-animate-mix'] },
  { name: 'animate: on a us client', mode: 'animateCharacter', model: 'wan2.2-animate-move', client: at('us'), request: { image: IMAGE, video: VIDEO }, lines: ['model wan2.2-animate-move is not served in us (only cn, intl); pick a model of us, or a client of another region'] },
  { name: 's2v: no audio', mode: 'speechToVideo', model: 'wan2.2-s2v', client: at('cn'), request: { image: IMAGE }, lines: ['drivingAudio is required'] },
  { name: 's2v: no portrait', mode: 'speechToVideo', model: 'wan2.2-s2v', client: at('cn'), request: { drivingAudio: AUDIO }, lines: ['image is required'] },
  { name: 's2v: 1080P', mode: 'speechToVideo', model: 'wan2.2-s2v', client: at('cn'), request: { image: IMAGE, drivingAudio: AUDIO, resolution: '1080P' }, lines: ['resolution "1080P" is not supported by wan2.2-s2v (allowed: 480P, 720P)'] },
  { name: 's2v: an aspect ratio', mode: 'speechToVideo', model: 'wan2.2-s2v', client: at('cn'), request: { image: IMAGE, drivingAudio: AUDIO, aspectRatio: '16:9' }, lines: [/^unknown option "aspectRatio" for wan2\.2-s2v/] },
  { name: 's2v: a prompt', mode: 'speechToVideo', model: 'wan2.2-s2v', client: at('cn'), request: { image: IMAGE, drivingAudio: AUDIO, prompt: 'hello' }, lines: [/^unknown option "prompt" for wan2\.2-s2v/] },
  { name: 's2v: an image as the audio', mode: 'speechToVideo', model: 'wan2.2-s2v', client: at('cn'), request: { image: IMAGE, drivingAudio: { data: new Uint8Array(8), fileName: 'face.png', mimeType: 'image/png' } }, lines: ['drivingAudio "face.png" is image/png, not an accepted audio type (allowed: audio/wav, audio/x-wav, audio/mpeg, audio/mp3)'] },
  { name: 's2v: audio as a data: URI', mode: 'speechToVideo', model: 'wan2.2-s2v', client: at('cn'), request: { image: IMAGE, drivingAudio: 'data:audio/mpeg;base64,AAAA' }, lines: ['drivingAudio an audio cannot be sent as a data: URI; pass an http(s):// or oss:// URL'] },
  { name: 's2v: on an intl client', mode: 'speechToVideo', model: 'wan2.2-s2v', client: at('intl'), request: { image: IMAGE, drivingAudio: AUDIO }, lines: ['model wan2.2-s2v is not served in intl (only cn); pick a model of intl, or a client of another region'] },
  { name: 's2v: an unknown model', mode: 'speechToVideo', client: at('cn'), request: { model: 'wan2.5-s2v', image: IMAGE, drivingAudio: AUDIO }, summary: 'Invalid speechToVideo request: unknown model "wan2.5-s2v"', lines: ['model must be one of the speechToVideo models of cn: wan2.2-s2v'] },
  { name: 'lipsync: no audio', mode: 'lipSync', model: 'videoretalk', client: at('cn'), request: { video: VIDEO }, lines: ['drivingAudio is required'] },
  { name: 'lipsync: no video', mode: 'lipSync', model: 'videoretalk', client: at('cn'), request: { drivingAudio: AUDIO }, lines: ['video is required'] },
  { name: 'lipsync: an extension that is not a switch', mode: 'lipSync', model: 'videoretalk', client: at('cn'), request: { video: VIDEO, drivingAudio: AUDIO, extendVideo: 1 }, lines: ['extendVideo must be true or false, got 1'] },
  { name: 'lipsync: a face image that is a video', mode: 'lipSync', model: 'videoretalk', client: at('cn'), request: { video: VIDEO, drivingAudio: AUDIO, faceImage: { data: new Uint8Array(8), fileName: 'face.mp4', mimeType: 'video/mp4' } }, lines: [/^faceImage "face\.mp4" is video\/mp4, not an accepted image type/] },
  { name: 'lipsync: a face image as a data: URI', mode: 'lipSync', model: 'videoretalk', client: at('cn'), request: { video: VIDEO, drivingAudio: AUDIO, faceImage: 'data:image/png;base64,AAAA' }, lines: ['faceImage an image cannot be sent as a data: URI; pass an http(s):// or oss:// URL'] },
  { name: 'lipsync: a resolution', mode: 'lipSync', model: 'videoretalk', client: at('cn'), request: { video: VIDEO, drivingAudio: AUDIO, resolution: '720P' }, lines: [/^unknown option "resolution" for videoretalk/] },
  { name: 'lipsync: a watermark', mode: 'lipSync', model: 'videoretalk', client: at('cn'), request: { video: VIDEO, drivingAudio: AUDIO, watermark: false }, lines: [/^unknown option "watermark" for videoretalk/] },
  { name: 'lipsync: on a Frankfurt client', mode: 'lipSync', model: 'videoretalk', client: at('eu'), request: { video: VIDEO, drivingAudio: AUDIO }, lines: ['model videoretalk is not served in eu (only cn); pick a model of eu, or a client of another region'] },
  { name: 'lipsync: a request that is not an object', mode: 'lipSync', request: 'talk.mp4', summary: 'Invalid lipSync request (1 problem):', lines: ['the request must be an object of options, got "talk.mp4"'] },
  { name: 'a mode that does not exist', mode: 'dubVideo' as VideoMode, request: { video: VIDEO }, summary: 'Invalid request (1 problem):', lines: ['mode "dubVideo" is not a mode (allowed: textToVideo, imageToVideo, referenceToVideo, editVideo, animateCharacter, speechToVideo, lipSync)'] },
  // Kling (the kling family, Beijing only).
  { name: 'kling: one shot', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', shots: [{ prompt: 'a', duration: 5 }] }, lines: ['shots has fewer than 2 shots; give kling/kling-v3-video-generation a prompt instead'] },
  { name: 'kling: seven shots', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', shots: Array.from({ length: 7 }, () => ({ prompt: 'a', duration: 2 })) }, lines: ['shots has more than 6 shots, the most kling/kling-v3-video-generation takes'] },
  { name: 'kling: shots of 16 s together', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', shots: [{ prompt: 'a', duration: 8 }, { prompt: 'b', duration: 8 }] }, lines: ['shots last 16 s together, above the maximum of 15 for kling/kling-v3-video-generation'] },
  { name: 'kling: a duration that is not the shots', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', duration: 5, shots: [{ prompt: 'a', duration: 4 }, { prompt: 'b', duration: 4 }] }, lines: ['duration is 5, but the shots last 8 s together; leave it out with shots'] },
  { name: 'kling: a shot without its duration', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', shots: [{ prompt: 'a' }, { prompt: 'b', duration: 4 }] }, lines: ['shots[0].duration must be a number of seconds'] },
  { name: 'kling: a shot of 0 s', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', shots: [{ prompt: 'a', duration: 0 }, { prompt: 'b', duration: 4 }] }, lines: ['shots[0].duration must be at least 1 s'] },
  { name: 'kling: shots as a string', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', shots: 'a then b' }, lines: ['shots must be an array of { prompt, duration }, got "a then b"'] },
  { name: 'kling: a 4:3 ratio', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', aspectRatio: '4:3' }, lines: ['aspectRatio "4:3" is not supported by kling/kling-v3-video-generation (allowed: 16:9, 9:16, 1:1)'] },
  { name: 'kling: 480P', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', resolution: '480P' }, lines: ['resolution "480P" is not supported by kling/kling-v3-video-generation (allowed: 720P, 1080P)'] },
  { name: 'kling: 16 seconds', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', duration: 16 }, lines: ['duration 16 is above the maximum of 15 for kling/kling-v3-video-generation (allowed 3–15)'] },
  { name: 'kling: references on the model without refer', mode: 'referenceToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', references: [IMAGE] }, summary: /^Invalid referenceToVideo request: model "kling\/kling-v3-video-generation" is for textToVideo or imageToVideo: /, lines: [/^model must be one of /] },
  { name: 'kling omni: two reference videos', mode: 'referenceToVideo', model: KLING_OMNI, client: at('cn'), request: { model: KLING_OMNI, prompt: 'x', references: [VIDEO, VIDEO.replace('bob', 'eve')] }, lines: ['references has 2 videos, above the maximum of 1 for kling/kling-v3-omni-video-generation'] },
  // With a reference video, at most 4 refer images (docs/protocol.md §10.5; found by test/testing/caps-vs-rulebook.test.ts).
  { name: 'kling omni: five images beside a video', mode: 'referenceToVideo', model: KLING_OMNI, client: at('cn'), request: { model: KLING_OMNI, prompt: 'x', references: [VIDEO, ...images(5)] }, lines: ['references has 5 images beside a video, above the maximum of 4 with a video for kling/kling-v3-omni-video-generation'] },
  { name: 'kling omni: 12 s with a reference video', mode: 'referenceToVideo', model: KLING_OMNI, client: at('cn'), request: { model: KLING_OMNI, prompt: 'x', references: [VIDEO], duration: 12 }, lines: ['duration 12 is above the maximum of 10 for kling/kling-v3-omni-video-generation with a reference video'] },
  { name: 'kling omni edit: a duration (the video decides)', mode: 'editVideo', model: KLING_OMNI, client: at('cn'), request: { model: KLING_OMNI, prompt: 'x', video: VIDEO, duration: 5 }, lines: [/^duration is not supported by kling\/kling-v3-omni-video-generation: /] },
  { name: 'kling: a WEBP frame', mode: 'imageToVideo', model: KLING, client: at('cn'), request: { model: KLING, image: { data: new Uint8Array(8), fileName: 'f.webp', mimeType: 'image/webp' } }, lines: ['image "f.webp" is image/webp, not an accepted image type (allowed: image/jpeg, image/png)'] },
  { name: 'kling: on an intl client', mode: 'textToVideo', model: KLING, client: at('intl'), request: { model: KLING, prompt: 'x' }, lines: ['model kling/kling-v3-video-generation is not served in intl (only cn); pick a model of intl, or a client of another region'] },
  { name: 'kling: a seed', mode: 'textToVideo', model: KLING, client: at('cn'), request: { model: KLING, prompt: 'x', seed: 1 }, lines: [/^seed is not supported by kling\/kling-v3-video-generation: /] },
];

function plural(count: number): string {
  return `${count} problem${count === 1 ? '' : 's'}`;
}

describe('bad inputs are rejected with a precise ValidationError and nothing is sent', () => {
  it('the table holds at least 45 distinct bad inputs, 60 more for the whole lineup, and 60 more beyond Wan', () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
    expect(lineupRows.length).toBeGreaterThanOrEqual(60);
    expect(beyondWanRows.length).toBeGreaterThanOrEqual(60);
    const all = [...rows, ...lineupRows, ...beyondWanRows];
    expect(new Set(all.map((row) => row.name)).size).toBe(all.length);
  });

  for (const row of [...rows, ...lineupRows, ...beyondWanRows]) {
    it(`${row.mode}: ${row.name}`, async () => {
      const client = quietClient(row.client);
      let thrown: unknown;
      try {
        // The signal is already aborted, so that a request the SDK wrongly accepts stops before its
        // submit leaves; a ValidationError is thrown before it is read.
        client.generate(row.mode, row.request, { signal: AbortSignal.abort() });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      const error = thrown as ValidationError;

      const { lines } = row;
      const [summary, ...actual] = error.message.split('\n');
      if (row.summary instanceof RegExp) expect(summary).toMatch(row.summary);
      else expect(summary).toBe(row.summary ?? `Invalid ${row.mode} request for ${row.model ?? DEFAULT_MODEL[row.mode]} (${plural(lines.length)}):`);
      expect(actual).toHaveLength(lines.length);
      expect(error.issues).toHaveLength(lines.length);
      lines.forEach((line, index) => {
        const text = actual[index];
        if (typeof line === 'string') expect(text).toBe(`- ${line}`);
        else expect(text?.slice(2)).toMatch(line);
        const issue = error.issues[index];
        expect(text).toBe(`- ${issue?.path ? `${issue.path} ` : ''}${issue?.message}`);
      });

      await flush();
      expect(requests).toHaveLength(0);
    });
  }
});
