/**
 * The request types of the mode methods, inferred from the model schemas. Each is a union over
 * the mode's models, discriminated by `model`.
 *
 * @module
 */
import type { Wan26I2vRequest } from './models/image-to-video.ts';
import type { Wan26R2vFlashRequest, Wan26R2vRequest, Wan27R2vRequest } from './models/reference-to-video.ts';
import type { Wan26T2vRequest } from './models/text-to-video.ts';

/** A `textToVideo` request. */
export type TextToVideoRequest = Wan26T2vRequest;

/** An `imageToVideo` request. */
export type ImageToVideoRequest = Wan26I2vRequest;

/** A `referenceToVideo` request: the options depend on `model`. */
export type ReferenceToVideoRequest = Wan26R2vRequest | Wan26R2vFlashRequest | Wan27R2vRequest;
