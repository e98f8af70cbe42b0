/**
 * The `media` family (wan2.7, wan3.0): every image, video and audio input is an item of
 * `input.media[]` with its type, and the output is `resolution` + `ratio` (docs/protocol.md §3, §9.1).
 *
 * @module
 */
import type { LocalMedia } from '../../media/local-media.ts';
import { resolutionRatioParameters } from '../output-shape.ts';
import { VIDEO_SYNTHESIS_PATH, type ParsedRequest, type WireFamily } from './family.ts';

type Url = string | LocalMedia;

/** One `media[]` item. */
interface MediaItem {
  readonly type: string;
  readonly url: Url;
  readonly reference_voice?: Url;
  readonly reference_description?: string;
}

/** The items of a request, frames first, then the clip, the audio, the edited video and the references in order. */
function mediaItems(request: ParsedRequest, editType: string | undefined): MediaItem[] {
  const single = (type: string, url: Url | undefined): MediaItem[] => (url === undefined ? [] : [{ type, url }]);
  return [
    ...single('first_frame', request.image ?? request.firstFrame),
    ...single('first_clip', request.continueFrom),
    ...single('last_frame', request.lastFrame),
    ...single('driving_audio', request.drivingAudio),
    ...single(editType ?? 'video', request.video),
    ...(request.references ?? []).map((reference) => ({
      type: `reference_${reference.type}`,
      url: reference.url,
      ...(reference.voice !== undefined && { reference_voice: reference.voice }),
      ...(reference.description !== undefined && { reference_description: reference.description }),
    })),
  ];
}

/** The media family. */
export const mediaFamily: WireFamily = {
  path: VIDEO_SYNTHESIS_PATH,
  toWire: ({ caps }, request) => {
    const media = mediaItems(request, caps.video?.mediaType);
    return {
      input: {
        prompt: request.prompt,
        negative_prompt: request.negativePrompt,
        audio_url: request.audioUrl,
        ...(media.length > 0 && { media }),
      },
      parameters: {
        ...resolutionRatioParameters(caps.sizes, request),
        duration: request.duration,
        prompt_extend: request.promptExtend,
        watermark: request.watermark,
        seed: request.seed,
        audio: request.audio,
        audio_setting: request.audioSetting,
      },
    };
  },
};
