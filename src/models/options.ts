/**
 * One zod field per request option, read from a model's caps. The schema builder picks the fields
 * a model takes in a mode; the rest become `never` fields that say which models take them.
 *
 * @module
 */
import { z } from 'zod';
import type { ModelCaps, OptionKey, VideoMode } from './caps.ts';
import {
  choiceField, durationField, negativePromptField, promptField, rangeField, seedField, shotsField, switchField, textField, wholeField,
} from './fields.ts';
import { allSizes } from './output-shape.ts';
import { referencesField } from './references.ts';
import { VACE_FUNCTIONS } from './vace-functions.ts';
import { mediaField } from './media-field.ts';

/** The model a field is built for. */
export interface FieldSpec {
  /** The model id, for messages. */
  readonly model: string;
  /** Its caps. */
  readonly caps: ModelCaps;
  /** The mode the request is for. */
  readonly mode: VideoMode;
  /** Whether the mode requires the option. */
  readonly required: boolean;
}

function need<T>(value: T | undefined, model: string, what: string): T {
  if (value === undefined) throw new Error(`modelstudio-video: the caps of ${model} take an option that needs ${what}, but have none`);
  return value;
}

function nonEmpty<T extends string>(values: readonly T[]): readonly [T, ...T[]] {
  return values as readonly T[] as readonly [T, ...T[]];
}

/** The field builders, by option. */
export const OPTION_FIELDS = {
  prompt: ({ model, caps, required }: FieldSpec) => promptField(model, caps, required),
  negativePrompt: ({ model, caps }: FieldSpec) => negativePromptField(model, need(caps.negativePrompt, model, 'negativePrompt')),
  audioUrl: ({ model, caps }: FieldSpec) => mediaField({ kind: 'audio', rules: need(caps.audioInput, model, 'audioInput'), allowDataUri: false }),
  drivingAudio: ({ model, caps }: FieldSpec) => mediaField({ kind: 'audio', rules: need(caps.audioInput, model, 'audioInput'), allowDataUri: false }),
  duration: ({ model, caps }: FieldSpec) => durationField(model, caps),
  size: ({ model, caps }: FieldSpec) => choiceField(model, allSizes(need(caps.sizes, model, 'sizes')), ' (W*H with an asterisk)'),
  resolution: ({ model, caps }: FieldSpec) => choiceField(model, nonEmpty(caps.resolutions)),
  aspectRatio: ({ model, caps }: FieldSpec) => choiceField(model, nonEmpty(caps.aspectRatios)),
  promptExtend: () => switchField(),
  shotType: ({ model }: FieldSpec) => choiceField(model, ['single', 'multi']),
  watermark: () => switchField(),
  seed: () => seedField(),
  audio: () => switchField(),
  image: ({ model, caps }: FieldSpec) => mediaField({ kind: 'image', rules: need(caps.image, model, 'image'), allowDataUri: true }),
  lastFrame: ({ model, caps }: FieldSpec) => mediaField({ kind: 'image', rules: need(caps.image, model, 'image'), allowDataUri: true }),
  firstFrame: ({ model, caps }: FieldSpec) => mediaField({ kind: 'image', rules: need(caps.image, model, 'image'), allowDataUri: true }),
  maskImage: ({ model, caps }: FieldSpec) => mediaField({ kind: 'image', rules: need(caps.image, model, 'image'), allowDataUri: true }),
  continueFrom: ({ model, caps }: FieldSpec) => mediaField({ kind: 'video', rules: need(caps.clip, model, 'clip'), allowDataUri: false }),
  video: ({ model, caps }: FieldSpec) => mediaField({ kind: 'video', rules: need(caps.video, model, 'video'), allowDataUri: false }),
  references: ({ model, caps, required }: FieldSpec) => referencesField(model, need(caps.references, model, 'references'), required),
  template: () => textField(),
  function: ({ model }: FieldSpec) => choiceField(model, nonEmpty(Object.keys(VACE_FUNCTIONS) as (keyof typeof VACE_FUNCTIONS)[])),
  maskFrameId: () => wholeField(1),
  maskType: ({ model }: FieldSpec) => choiceField(model, ['tracking', 'fixed']),
  controlCondition: ({ model }: FieldSpec) => choiceField(model, ['posebodyface', 'posebody', 'depth', 'scribble']),
  strength: () => rangeField(0, 1),
  expandRatio: () => rangeField(0, 2),
  objOrBg: ({ model }: FieldSpec) => z.array(choiceField(model, ['obj', 'bg']), { error: 'must be an array of "obj" or "bg", one per reference image' }),
  audioSetting: ({ model }: FieldSpec) => choiceField(model, ['auto', 'origin']),
  quality: ({ model }: FieldSpec) => choiceField(model, ['std', 'pro']),
  faceImage: ({ model, caps }: FieldSpec) => mediaField({ kind: 'image', rules: need(caps.image, model, 'image'), allowDataUri: false }),
  extendVideo: () => switchField(),
  shots: ({ model }: FieldSpec) => shotsField(model),
} as const satisfies Record<OptionKey, (spec: FieldSpec) => z.ZodType>;

/** The zod field type of each option. */
export type OptionFields = { [K in OptionKey]: ReturnType<(typeof OPTION_FIELDS)[K]> };

/** What a caller writes for each option, inferred from its zod field. */
export type OptionInputs = { [K in OptionKey]: z.input<OptionFields[K]> };

/** What validation makes of each option, inferred from its zod field. */
export type OptionOutputs = { [K in OptionKey]: z.output<OptionFields[K]> };
