/**
 * What `client.checkSetup()` and `checkSetup()` report: one check per part of the setup (key,
 * region, base URL, workspace, host, key accepted, models, and with `live` one billed task), each
 * ok or a problem with the fix to make.
 *
 * @module
 */
import type { API_KEY_ENV_VARS } from '../core/env-vars.ts';
import type { Region } from '../core/regions.ts';
import type { TaskCost } from '../cost/actual.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import type { Resolution } from '../models/caps.ts';
import type { TaskStatus } from '../task/result.ts';
import type { VideoTask } from '../task/video-task.ts';

/**
 * What a check looks at, in the order of the report: `apiKey` (where the key comes from),
 * `region`, `baseUrl`, `workspace`, `options` (other client options, only when they are refused),
 * `host` (whether the service answers), `keyAccepted` (whether it takes the key), `models` (which
 * of the SDK's models the region serves) and `live` (one billed task, only when asked for).
 */
export type SetupCheckName = 'apiKey' | 'region' | 'baseUrl' | 'workspace' | 'options' | 'host' | 'keyAccepted' | 'models' | 'live';

/** `ok`; `problem`, with a fix; `skipped` when an earlier problem (or the caller) made the check pointless. */
export type SetupCheckStatus = 'ok' | 'problem' | 'skipped';

/** One check of the report. */
export interface SetupCheck {
  /** What was checked. */
  readonly name: SetupCheckName;
  /** How it went. */
  readonly status: SetupCheckStatus;
  /** What was found, in one sentence; never the API key (at most a masked form such as `sk-…1a2b`). */
  readonly detail: string;
  /** For a problem: what to change, in one sentence. */
  readonly fix?: string | undefined;
  /**
   * For a problem: the SDK error class that stands for it, the one the call threw or, for a setup
   * the client accepts but that cannot work (a base URL of one region with another region), the
   * `ValidationError` it amounts to. The command picks its exit code by it.
   */
  readonly errorType?: string | undefined;
}

/** Where the API key came from: the `apiKey` option, or the first non-empty key variable. */
export type ApiKeySource = 'option' | (typeof API_KEY_ENV_VARS)[number];

/** The text-to-video request of a live check, in the SDK's field names. */
export interface LiveTaskRequest {
  /** The model. */
  readonly model: string;
  /** A short prompt of the check's own. */
  readonly prompt: string;
  /** The model's lowest resolution. */
  readonly resolution: Resolution;
  /** The model's shortest duration, in seconds. */
  readonly duration: number;
  /** `false` where sound is optional: a silent video is billed at the lower rate. */
  readonly audio?: false | undefined;
}

/** The billed task of a live check, as planned before anything is sent. */
export interface LiveTaskPlan {
  /** Always text to video: the one mode that needs no input file. */
  readonly mode: 'textToVideo';
  /** The cheapest text-to-video model of the region, by the SDK's price table. */
  readonly model: string;
  /** Its lowest resolution. */
  readonly resolution: Resolution;
  /** Its shortest duration, in seconds. */
  readonly duration: number;
  /** The request that is sent. */
  readonly request: LiveTaskRequest;
  /** What it costs, by the client's prices. */
  readonly estimate: CostEstimate;
}

/** The billed task of a live check, once it ran (or was refused or declined). */
export interface LiveTaskReport extends LiveTaskPlan {
  /** The task id, once the service created the task. */
  readonly taskId: string | undefined;
  /** How it ended: `SUCCEEDED`, `FAILED`, `CANCELED`; `undefined` when it was never sent or never ended. */
  readonly status: TaskStatus | undefined;
  /** From the service's submit time to its end time (measured here when the service gives no times), in ms. */
  readonly runTimeMs: number | undefined;
  /** What it cost, from the usage the service reported; 0 for a failed task. */
  readonly cost: TaskCost | undefined;
}

/** What a setup check found. */
export interface SetupReport {
  /** `true` when no check found a problem. */
  readonly ok: boolean;
  /** Every check, in order. */
  readonly checks: readonly SetupCheck[];
  /** Where the API key came from; `undefined` when there is none. Never the key. */
  readonly keySource: ApiKeySource | undefined;
  /** The region requests are checked against and priced in; `undefined` when none is known. */
  readonly region: Region | undefined;
  /** The base URL in use; `undefined` when the options name none the client accepts. */
  readonly baseUrl: string | undefined;
  /** The workspace id whose host is used, when one is set. */
  readonly workspaceId: string | undefined;
  /** The ids of the SDK's models the region serves (every model when the region is unknown). */
  readonly models: readonly string[];
  /** The live task, when `live` was asked for and a task was planned. */
  readonly live?: LiveTaskReport | undefined;
}

/** Options of `client.checkSetup()` and `checkSetup()`. */
export interface CheckSetupOptions {
  /**
   * Also submit the cheapest task the region offers (the cheapest text-to-video model by the
   * price table, at its lowest resolution and shortest duration), follow it, and report its run
   * time and actual cost. **This costs money.** Only when every other check is ok.
   * @default false: nothing that costs money is sent
   */
  readonly live?: boolean | undefined;
  /**
   * Asked before the live task is sent, with its plan and estimate; `false` sends nothing (the
   * live check is then skipped). Without it, `live: true` is the consent.
   * @default none
   */
  readonly confirm?: ((plan: LiveTaskPlan) => boolean | Promise<boolean>) | undefined;
  /** Called with the live task's handle as soon as it exists: to show progress, or cancel it. */
  readonly onTask?: ((task: VideoTask) => void) | undefined;
  /**
   * How long the host and the key checks each wait for an answer, in ms.
   * @default 5000
   */
  readonly timeoutMs?: number | undefined;
  /** Stops the checks, and stops following the live task (which runs on in the service). */
  readonly signal?: AbortSignal | undefined;
}
