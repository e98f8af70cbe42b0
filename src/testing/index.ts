/**
 * `modelstudio-video/testing`: a faithful simulator of the DashScope video service, to run the
 * SDK (and any other client) with no account: in process, or as an HTTP server. msw handlers are
 * in `modelstudio-video/testing/msw`.
 *
 * @packageDocumentation
 */
export { createSimulator, SIMULATED_MODELS, type Simulator, type SimulatorOptions, type SimulatorLimits, type SimulatorStats, type SimulatorBilling, type BilledTask } from './simulator.ts';
export type { SimulatorEventTarget, SimulatorEventStats } from './events.ts';
export { startSimulatorServer, type SimulatorServer, type SimulatorServerOptions } from './server.ts';
export { systemClock, manualClock, type SimulatorClock } from './clock.ts';
export { seededRandom } from './random.ts';
export type { FaultRule, FaultKind, SimulatorRoute, FaultInjector } from './faults.ts';
export type { TaskFailure, Refusal } from './submit-checks.ts';
export type { SimulatedTask, SimulatedStatus, TaskTiming, TaskStore } from './task-store.ts';
export type { StoredUpload, UploadStore } from './routes/upload-routes.ts';
export { sampleVideoBytes, SAMPLE_VIDEO_BASE64 } from './sample-video.ts';
export { generateVideo, videoShapeOf, type VideoShape, type VideoShapeDefaults } from './video/index.ts';
export { videoOfTask, videoShapeOfTask } from './routes/video-route.ts';
export { replayFetch, jsonDifferences, type ReplayFetch, type ReplayOptions, type ReplayedRequest } from './replay.ts';
export { parseTranscript } from '../http/transcript.ts';
