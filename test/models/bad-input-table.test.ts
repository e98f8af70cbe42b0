/**
 * A table of bad inputs across the three modes. Each row: the mode, the request, and the exact
 * problem lines of the ValidationError (a RegExp only where a line embeds a long value). Every row
 * also checks that each line matches its issue, that the error is thrown synchronously and that no
 * request left.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError, type ModelStudioClient, type VideoMode, type VideoTask } from 'modelstudio-video';
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
}

const DEFAULT_MODEL: Record<VideoMode, string> = {
  textToVideo: 'wan2.6-t2v',
  imageToVideo: 'wan2.6-i2v',
  referenceToVideo: 'wan2.6-r2v',
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
    name: 'five reference videos (wan2.7-r2v)',
    mode: 'referenceToVideo',
    model: 'wan2.7-r2v',
    request: r2v({ model: 'wan2.7-r2v', references: [...videos(4), ...videos(1, 'mov'), IMAGE] }),
    lines: ['references has 5 videos, above the maximum of 4 for wan2.7-r2v'],
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
    lines: ['model must be one of wan2.6-t2v'],
  },
  {
    name: 'model of the wrong mode (r2v on textToVideo)',
    mode: 'textToVideo',
    request: t2v({ model: 'wan2.7-r2v' }),
    summary: 'Invalid textToVideo request: model "wan2.7-r2v" is for referenceToVideo: call client.referenceToVideo, or pick a textToVideo model',
    lines: ['model must be one of wan2.6-t2v'],
  },
  {
    name: 'model of the wrong mode (t2v on imageToVideo)',
    mode: 'imageToVideo',
    request: i2v({ model: 'wan2.6-t2v' }),
    // "an?": the article before "imageToVideo model" is not settled.
    summary: 'Invalid imageToVideo request: model "wan2.6-t2v" is for textToVideo: call client.textToVideo, or pick an imageToVideo model',
    lines: ['model must be one of wan2.6-i2v'],
  },
  {
    name: 'model of the wrong mode (i2v on textToVideo)',
    mode: 'textToVideo',
    request: t2v({ model: 'wan2.6-i2v' }),
    summary: 'Invalid textToVideo request: model "wan2.6-i2v" is for imageToVideo: call client.imageToVideo, or pick a textToVideo model',
    lines: ['model must be one of wan2.6-t2v'],
  },
  {
    name: 'model of the wrong mode (i2v on referenceToVideo)',
    mode: 'referenceToVideo',
    request: r2v({ model: 'wan2.6-i2v' }),
    summary: 'Invalid referenceToVideo request: model "wan2.6-i2v" is for imageToVideo: call client.imageToVideo, or pick a referenceToVideo model',
    lines: ['model must be one of wan2.6-r2v, wan2.6-r2v-flash, wan2.7-r2v'],
  },
  {
    name: 'unknown r2v model lists the r2v models',
    mode: 'referenceToVideo',
    request: r2v({ model: 'wan2.7-r2v-pro' }),
    summary: 'Invalid referenceToVideo request: unknown model "wan2.7-r2v-pro"',
    lines: ['model must be one of wan2.6-r2v, wan2.6-r2v-flash, wan2.7-r2v'],
  },
  {
    name: 'model as a number',
    mode: 'textToVideo',
    request: t2v({ model: 5 }),
    summary: 'Invalid textToVideo request: unknown model 5',
    lines: ['model must be one of wan2.6-t2v'],
  },
  {
    name: 'model null is an unknown model, not the default',
    mode: 'textToVideo',
    request: t2v({ model: null }),
    summary: 'Invalid textToVideo request: unknown model null',
    lines: ['model must be one of wan2.6-t2v'],
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

/**
 * Calls the mode method. The signal is already aborted so that a request the SDK wrongly accepts
 * stops before its submit leaves; a ValidationError is thrown before it is read.
 */
function start(client: ModelStudioClient, mode: VideoMode, request: unknown): VideoTask {
  const options = { signal: AbortSignal.abort() };
  switch (mode) {
    case 'textToVideo':
      return client.textToVideo(request as never, options);
    case 'imageToVideo':
      return client.imageToVideo(request as never, options);
    case 'referenceToVideo':
      return client.referenceToVideo(request as never, options);
  }
}

function plural(count: number): string {
  return `${count} problem${count === 1 ? '' : 's'}`;
}

describe('bad inputs are rejected with a precise ValidationError and nothing is sent', () => {
  it('the table holds at least 45 distinct bad inputs', () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
    expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
  });

  for (const row of rows) {
    it(`${row.mode}: ${row.name}`, async () => {
      const client = quietClient();
      let thrown: unknown;
      try {
        start(client, row.mode, row.request);
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
