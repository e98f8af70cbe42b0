/**
 * The `vace` family (wan2.1-vace-plus): one model, five editing functions, each with its own
 * inputs (docs/protocol.md §9.1). The request is checked against its function's row.
 *
 * @module
 */
import { sizeParameter } from '../output-shape.ts';
import { either } from '../../core/text.ts';
import { VACE_FUNCTIONS, type VaceFunctionRules } from '../vace-functions.ts';
import type { OptionKey } from '../caps.ts';
import { VIDEO_SYNTHESIS_PATH, type ParsedRequest, type WireFamily } from './family.ts';

/** Options every function takes (`size` only some: their rows say so, docs/protocol.md §9.1). */
const COMMON: readonly OptionKey[] = ['function', 'prompt', 'duration', 'promptExtend', 'watermark', 'seed'];

/** Whether the request gives `key`: a prompt of blanks counts as none. */
function gives(request: ParsedRequest, key: OptionKey): boolean {
  const value = request[key as keyof ParsedRequest];
  return value !== undefined && !(key === 'prompt' && typeof value === 'string' && value.trim() === '');
}

function rulesOf(request: ParsedRequest): VaceFunctionRules | undefined {
  const name = request.function;
  return name === undefined ? undefined : VACE_FUNCTIONS[name];
}

/** The vace family. */
export const vaceFamily: WireFamily = {
  path: VIDEO_SYNTHESIS_PATH,
  check: ({ model, caps }, request, ctx) => {
    const rules = rulesOf(request);
    if (!rules) return;
    const name = String(request.function);
    const given = (Object.keys(request) as OptionKey[]).filter((key) => request[key as keyof ParsedRequest] !== undefined);
    for (const key of rules.requires) {
      if (!gives(request, key)) ctx.addIssue({ code: 'custom', path: [key], message: `is required by ${model}'s ${name} (${rules.summary})` });
    }
    for (const key of given) {
      if (!COMMON.includes(key) && !rules.takes.includes(key) && key in request && !['model', 'extraInput', 'extraParameters'].includes(key)) {
        const takers = Object.entries(VACE_FUNCTIONS).filter(([, row]) => (row.takes as readonly OptionKey[]).includes(key)).map(([fn]) => fn);
        ctx.addIssue({ code: 'custom', path: [key], message: `is not taken by ${name}${takers.length > 0 ? ` (only by ${either(takers)})` : ''}` });
      }
    }
    const references = Array.isArray(request.references) ? request.references.length : 0;
    // A function that needs reference images needs at least one (image_reference: 1–3, docs/protocol.md §9.1).
    if (rules.requires.includes('references') && Array.isArray(request.references) && references === 0) {
      ctx.addIssue({ code: 'custom', path: ['references'], message: `has 0 images; ${name} needs 1–${rules.maxReferences}` });
    }
    // Above the model's own maximum, or on a function that takes none, the problem is reported already.
    if (references > rules.maxReferences && rules.maxReferences > 0 && references <= (caps.references?.maxImages ?? Number.POSITIVE_INFINITY)) {
      ctx.addIssue({ code: 'custom', path: ['references'], message: `has ${references} images, above the maximum of ${rules.maxReferences} for ${name}` });
    }
    const ratio = request.expandRatio;
    if (typeof ratio === 'number' && rules.expandRatio && (ratio < rules.expandRatio[0] || ratio > rules.expandRatio[1])) {
      ctx.addIssue({ code: 'custom', path: ['expandRatio'], message: `${ratio} is outside ${rules.expandRatio[0]}–${rules.expandRatio[1]} for ${name}` });
    }
    if (Array.isArray(request.objOrBg) && request.objOrBg.length !== references) {
      ctx.addIssue({ code: 'custom', path: ['objOrBg'], message: `has ${request.objOrBg.length} entries for ${references} reference images; give one per image` });
    }
  },
  toWire: ({ caps }, request) => {
    const outpainting = request.function === 'video_outpainting';
    const scale = outpainting ? request.expandRatio : undefined;
    return {
      input: {
        function: request.function,
        prompt: request.prompt,
        // An extension continues a clip: the service names it `first_clip_url`.
        [request.function === 'video_extension' ? 'first_clip_url' : 'video_url']: request.video,
        ref_images_url: request.references?.map((reference) => reference.url),
        mask_image_url: request.maskImage,
        mask_frame_id: request.maskFrameId,
      },
      parameters: {
        ...sizeParameter(caps, request),
        duration: request.duration,
        obj_or_bg: request.objOrBg,
        control_condition: request.controlCondition,
        strength: request.strength,
        mask_type: request.maskType,
        // Outpainting widens each side by its own scale; `expandRatio` sets all four alike.
        expand_ratio: outpainting ? undefined : request.expandRatio,
        top_scale: scale,
        bottom_scale: scale,
        left_scale: scale,
        right_scale: scale,
        prompt_extend: request.promptExtend,
        watermark: request.watermark,
        seed: request.seed,
      },
    };
  },
};
