/**
 * The service's submit paths (docs/protocol.md §2), as the simulator routes them.
 *
 * @module
 */

/** Text, image and reference to video, wan2.7, wan3.0, VACE, HappyHorse and the partner models (§2, §10). */
export const VIDEO_SYNTHESIS = '/api/v1/services/aigc/video-generation/video-synthesis';

/** First + last frame (kf2v), character animation, talking heads and lip sync (§2, §10.4). */
export const IMAGE2VIDEO = '/api/v1/services/aigc/image2video/video-synthesis';

/** Every submit path the simulator answers on. */
export const SUBMIT_PATHS: readonly string[] = [VIDEO_SYNTHESIS, IMAGE2VIDEO];
