/**
 * What each request option means, in one place: the request types take their options' docs from
 * here, so that an editor shows them on hover and the API reference lists them, whatever model.
 *
 * @module
 */
import type { OptionKey } from './caps.ts';

/** Every request option, with what it means (its type comes from the option's zod field). */
export interface OptionDocs {
  /** What the video shows (or, for an edit, what to change). */
  readonly prompt: unknown;
  /** What to keep out of the video. */
  readonly negativePrompt: unknown;
  /** Audio to put under the video: a URL or a local file. */
  readonly audioUrl: unknown;
  /** Length in whole seconds. */
  readonly duration: unknown;
  /** An exact output size, `"W*H"`. */
  readonly size: unknown;
  /** Output resolution. */
  readonly resolution: unknown;
  /** Output aspect ratio. */
  readonly aspectRatio: unknown;
  /** Let the service rewrite the prompt with more detail. */
  readonly promptExtend: unknown;
  /** One continuous shot, or several with cuts. */
  readonly shotType: unknown;
  /** Add the service's watermark. */
  readonly watermark: unknown;
  /** Random seed: the same seed and request give similar videos. */
  readonly seed: unknown;
  /** Generate a sound track. */
  readonly audio: unknown;
  /** The first frame, the character to animate, or the portrait that speaks: a URL or a local file. */
  readonly image: unknown;
  /** The last frame: a URL or a local file. */
  readonly lastFrame: unknown;
  /** A clip to continue: a URL or a local file. */
  readonly continueFrom: unknown;
  /** Audio that drives the video (speech, singing): a URL or a local file. */
  readonly drivingAudio: unknown;
  /** An effect template of the service. */
  readonly template: unknown;
  /** The first frame of a reference video. */
  readonly firstFrame: unknown;
  /** People, animals or objects to feature, or reference images for an edit, in order. */
  readonly references: unknown;
  /** The video to edit, the driving video of an animation, or the video whose lips to sync. */
  readonly video: unknown;
  /** The VACE function of wan2.1-vace-plus. */
  readonly function: unknown;
  /** The mask of a VACE `video_edit`. */
  readonly maskImage: unknown;
  /** The frame the mask is for. */
  readonly maskFrameId: unknown;
  /** Whether the mask follows the object or stays fixed. */
  readonly maskType: unknown;
  /** The motion to keep from the video (VACE `video_repainting`). */
  readonly controlCondition: unknown;
  /** How closely to follow the control condition. */
  readonly strength: unknown;
  /** How far a VACE edit or outpainting extends. */
  readonly expandRatio: unknown;
  /** For each reference image, a subject (`obj`) or the background (`bg`). */
  readonly objOrBg: unknown;
  /** Whether an edit keeps the input video's sound. */
  readonly audioSetting: unknown;
  /** `std` or `pro`: a character animation's quality. */
  readonly quality: unknown;
  /** The face to sync when the video shows several. */
  readonly faceImage: unknown;
  /** Extend the video to the audio's length. */
  readonly extendVideo: unknown;
  /** A multi-shot video: 2–6 shots in order, each `{ prompt, duration }`; they set its length. */
  readonly shots: unknown;
}

/** Fails to compile when an option has no doc here, or a doc has no option. */
export type OptionDocsComplete = [OptionKey] extends [keyof OptionDocs] ? ([keyof OptionDocs] extends [OptionKey] ? true : never) : never;
