/**
 * The simulator's rulebook on its own terms: every entry is complete and consistent (its path is a
 * submit path, its regions exist, a media model has media rules), names resolve as the service
 * settles them (dated snapshots as their base model), and a task's usage reports the length and
 * resolution the model makes by default.
 */
import { describe, expect, it } from 'vitest';
import { REGIONS } from '../../src/core/regions.ts';
import { outputDefaultsOf } from '../../src/testing/rulebook/defaults.ts';
import { SUBMIT_PATHS } from '../../src/testing/rulebook/endpoints.ts';
import { MODEL_RULES, ruleOf } from '../../src/testing/rulebook/models.ts';
import { usageFor } from '../../src/testing/rulebook/usage.ts';

const entries = Object.entries(MODEL_RULES);

describe('the rulebook', () => {
  it.each(entries)('%s: a served path, known regions, and the rules its shape needs', (_, rule) => {
    expect(SUBMIT_PATHS).toContain(rule.path);
    expect(rule.regions.length).toBeGreaterThan(0);
    for (const region of rule.regions) expect(REGIONS).toContain(region);
    if (rule.shape === 'media' && rule.fields.input.media) expect(rule.media).toBeDefined();
    if (rule.shape === 'vace') expect(Object.keys(rule.functions ?? {}).length).toBe(5);
    if (rule.fields.parameters.duration) expect(rule.duration).toBeDefined();
    else expect(rule.duration).toBeUndefined();
  });

  it('serves a dated snapshot of a model as that model, and knows no other name', () => {
    expect(ruleOf('wan2.7-t2v-2027-01-15')).toBe(MODEL_RULES['wan2.7-t2v']);
    expect(ruleOf('wan2.6-t2v-2026-12-01')).toBe(MODEL_RULES['wan2.6-t2v']);
    expect(ruleOf('wan9.9-t2v')).toBeUndefined();
    expect(ruleOf('wan9.9-t2v-2026-01-01')).toBeUndefined();
    expect(ruleOf('toString')).toBeUndefined();
  });

  it.each(entries.filter(([, rule]) => rule.usage.shape === 'wan2.6' || rule.usage.shape === 'wan2.7'))(
    '%s: a body without duration or resolution is billed the default length, at the default resolution',
    (model) => {
      const defaults = outputDefaultsOf(model);
      const usage = usageFor(model, { model, input: { prompt: 'x' }, parameters: {} });
      expect(usage.output_video_duration).toBe(defaults.seconds);
      expect(usage.SR).toBe(Number.parseInt(defaults.resolution, 10));
      if (usage.fps !== undefined) expect(usage.fps).toBe(defaults.fps);
    },
  );

  it('makes 5.04 s for "the input\'s length" (videoedit\'s 0) and "the model picks" (wan3.0\'s -1)', () => {
    expect(outputDefaultsOf('wan2.7-videoedit').seconds).toBe(5.04);
    expect(usageFor('wan3.0-video', { parameters: { duration: -1 } }).output_video_duration).toBe(5.04);
    expect(outputDefaultsOf('wan3.0-video').fps).toBe(30);
    expect(outputDefaultsOf('wan2.1-vace-plus').fps).toBe(30);
  });
});
