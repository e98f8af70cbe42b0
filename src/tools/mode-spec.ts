/**
 * What a mode tool's schema and description are built from.
 *
 * @module
 */
import type { ModelId, VideoMode } from '../models/caps.ts';
import type { Region } from '../core/regions.ts';

/** What the schema of one mode tool is built from. */
export interface ModeSchemaSpec {
  /** The mode. */
  readonly mode: VideoMode;
  /** The models the tool offers, at least one, in the order to show them. */
  readonly models: readonly [ModelId, ...ModelId[]];
  /** The model used when the arguments name none, when the tools know it. */
  readonly defaultModel: ModelId | undefined;
  /** The client's region, when known: the models' regional caps apply. */
  readonly region: Region | undefined;
}
