/**
 * The SDK's caps against the simulator's rulebook (issue 26 item 1). Every model and mode of the
 * caps is walked: each resolution, size and ratio any model names, each duration from one below the
 * shortest to one above the longest, each option the SDK passes (each value of the few-word ones),
 * prompts at their longest and one beyond, reference counts at and beyond each limit, and each
 * region. A request the SDK accepts is built into its wire body by the SDK and submitted to the
 * simulator, which must accept it (and not fail the task, nor find a field the model does not
 * document); a request the SDK refuses is changed by hand on the wire and submitted, and the
 * simulator must refuse it or fail the task. Every disagreement is printed as a table; the test
 * asserts that none is left but the deliberate ones listed below, each with its reason.
 */
import { describe, expect, it } from 'vitest';
import { UNSUPPORTED_MODELS, modelCaps } from '../../src/models/caps.ts';
import { prepareRawSubmit } from '../../src/models/raw-submit.ts';
import { createSimulator } from '../../src/testing/simulator.ts';
import { MODEL_RULES } from '../../src/testing/rulebook/models.ts';
import { IMAGE, regionProbes, valueProbes, type Probe } from './caps-walk/probes.ts';
import { walk, type Disagreement, type WalkResult } from './caps-walk/run.ts';

/** A difference kept on purpose: which probes it covers, and why. */
interface Deliberate {
  readonly model: RegExp;
  readonly field: RegExp;
  readonly value?: RegExp;
  readonly reason: string;
}

const DELIBERATE: readonly Deliberate[] = [
  {
    model: /^happyhorse-/,
    field: /^prompt length/,
    reason:
      'the service cuts a HappyHorse prompt beyond 5000 characters (2500 Chinese) instead of refusing it (docs/protocol.md §10.2); ' +
      'the SDK refuses it before sending, so that no prompt is cut without the caller knowing',
  },
  {
    model: /^wanx?2\.1-vace-plus$/,
    field: /^image_reference: references \(image\)$/,
    value: /^4$/,
    reason: 'image_reference keeps the first 3 reference images and drops the rest (docs/protocol.md §9.1); the SDK refuses a 4th instead of letting it be dropped',
  },
  {
    model: /^(wan3\.0-video|wan3\.0-video-prime|kling\/kling-v3-omni-video-generation)$/,
    field: /^references$/,
    value: /^0$/,
    reason:
      'one model serves several modes: a body without references is a text to video body of the same model (docs/protocol.md §9.2, §10.5), ' +
      "which the service takes; the SDK's reference mode needs a reference, a rule with no wire form",
  },
];

const isDeliberate = (row: Disagreement) =>
  DELIBERATE.some((entry) => entry.model.test(row.model) && entry.field.test(row.field) && (entry.value === undefined || entry.value.test(row.value)));

function table(rows: readonly Disagreement[]): string {
  const cut = (text: string) => (text.length > 150 ? `${text.slice(0, 147)}...` : text);
  return rows.map((row) => `| ${row.model} | ${row.mode} | ${row.region ?? ''} | ${row.field} | ${row.value} | ${cut(row.sdk)} | ${cut(row.simulator)} |`).join('\n');
}

/** A few dated snapshots the caps do not list: the SDK sends them under their own name, as their base model. */
const SNAPSHOT_PROBES: readonly Probe[] = [
  { model: 'wan2.7-t2v', name: 'wan2.7-t2v-2027-01-15', mode: 'textToVideo', field: 'dated snapshot', value: 'wan2.7-t2v-2027-01-15', request: { prompt: 'A fox' }, base: { prompt: 'A fox' } },
  { model: 'wan2.6-i2v', name: 'wan2.6-i2v-2026-12-01', mode: 'imageToVideo', field: 'dated snapshot', value: 'wan2.6-i2v-2026-12-01', request: { image: IMAGE }, base: { image: IMAGE } },
];

/**
 * Wire fields the rulebook documents and the SDK sends only through `extraInput` / `extraParameters`,
 * each with the decision of docs/protocol.md that leaves it unwrapped.
 */
const NOT_WRAPPED: readonly (readonly [string, string])[] = [
  ...['wan2.6-r2v', 'wan2.6-r2v-flash'].map(
    (model) => [`${model} input.reference_video_urls`, '§3.3 (decision 2026-12-08): the SDK sends videos in reference_urls, the shape of [P]; the 2026-06-16 page\'s list is taken by the rulebook too'] as const,
  ),
  ...['wan3.0-video', 'wan3.0-video-prime'].map((model) => [`${model} input.media[].type link`, '§9.7: the edit sends its video as `file`; `link` is not offered'] as const),
  ...['wan2.1-vace-plus', 'wanx2.1-vace-plus'].flatMap((model) =>
    ['mask_video_url', 'last_clip_url', 'first_frame_url', 'last_frame_url'].map((field) => [`${model} input.${field}`, '§9.7: the other extension and mask inputs go through extraInput'] as const),
  ),
  ...['wan2.2-animate-move', 'wan2.2-animate-mix'].map((model) => [`${model} parameters.check_image`, '§10.4: check_image is left to extraParameters'] as const),
  ['wan2.2-s2v parameters.style', '§9.1: style is seen in some clients only (unsure)'],
  ['videoretalk parameters.query_face_threshold', '§10.4: query_face_threshold goes through extraParameters'],
  ...['kling/kling-v3-video-generation', 'kling/kling-v3-omni-video-generation'].map((model) => [`${model} input.element_list`, '§10.5: element_list is not wrapped (extraInput)'] as const),
];

/** The wire fields and media types the rulebook documents for a model (every VACE function's too). */
function documented(model: string): string[] {
  const rule = MODEL_RULES[model];
  if (!rule) return [];
  const sections = [rule.fields, ...Object.values(rule.functions ?? {})];
  return [
    ...new Set([
      ...sections.flatMap((fields) => [...Object.keys(fields.input).map((key) => `input.${key}`), ...Object.keys(fields.parameters).map((key) => `parameters.${key}`)]),
      ...Object.keys(rule.media?.types ?? {}).map((type) => `input.media[].type ${type}`),
    ]),
  ];
}

describe('the SDK\'s caps and the simulator\'s rulebook', () => {
  let result: WalkResult | undefined;
  const probes = [...valueProbes(), ...regionProbes(), ...SNAPSHOT_PROBES];

  it('agree on every value, option, count and region of every model and mode', async () => {
    result = await walk(probes);
    const { disagreements, compared } = result;
    const unexpected = disagreements.filter((row) => !isDeliberate(row));
    const kept = disagreements.filter(isDeliberate);
    console.log(
      [
        `caps walk: ${probes.length} probes, ${compared} compared, ${unexpected.length} disagreements, ${kept.length} deliberate`,
        '| model | mode | region | field | value | SDK | simulator |',
        '|---|---|---|---|---|---|---|',
        table(unexpected),
        '',
        'kept on purpose:',
        ...DELIBERATE.map((entry) => `- ${entry.model.source} ${entry.field.source}${entry.value ? ` ${entry.value.source}` : ''}: ${kept.filter((row) => entry.model.test(row.model) && entry.field.test(row.field) && (entry.value === undefined || entry.value.test(row.value))).length} probes; ${entry.reason}`),
      ].join('\n'),
    );
    expect(compared).toBeGreaterThan(2000);
    expect(unexpected).toEqual([]);
  });

  it('leave to extraInput and extraParameters only the wire fields the SDK does not wrap on purpose', () => {
    const sent = result?.sent ?? new Map<string, ReadonlySet<string>>();
    const neverSent = Object.keys(modelCaps).flatMap((model) => documented(model).filter((field) => !sent.get(model)?.has(field)).map((field) => `${model} ${field}`));
    console.log(`wire fields the rulebook documents that the SDK never sends:\n${neverSent.join('\n')}`);
    expect(neverSent).toEqual(NOT_WRAPPED.map(([field]) => field));
  });

  it('sends every model the SDK only reaches through submitTask to the path the rulebook serves it on', async () => {
    const sim = createSimulator({ limits: false });
    const wrong: string[] = [];
    for (const model of Object.keys(UNSUPPORTED_MODELS)) {
      const prepared = prepareRawSubmit({ model, input: { prompt: 'A fox' } });
      const response = await sim.handle(
        new Request(`${sim.baseUrl}${prepared.path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json', 'x-dashscope-async': 'enable' },
          body: JSON.stringify(prepared.body),
        }),
      );
      if (!response.ok) wrong.push(`${model}: ${prepared.path} -> ${response.status} ${(await response.text()).slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('know the same model names', () => {
    const sdk = [...Object.keys(modelCaps), ...Object.keys(UNSUPPORTED_MODELS)].sort();
    expect(Object.keys(MODEL_RULES).sort()).toEqual(sdk);
  });
});
