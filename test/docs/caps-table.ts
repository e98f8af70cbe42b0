/** Renders the README's caps table from `modelCaps`, so that the docs cannot drift from the code. */
import { modelCaps, type ModelCaps } from 'modelstudio-video';

const yes = (value: boolean) => (value ? 'yes' : '–');

function output(caps: ModelCaps): string {
  if (caps.output === 'size') return `\`size\` (or resolution + ratio → size), default \`${caps.defaultSize ?? ''}\``;
  if (caps.output === 'resolution') return `\`resolution\` only (ratio follows the image), default ${caps.defaultResolution}`;
  return '`resolution` + `ratio` (a `size` maps to them)';
}

function inputs(caps: ModelCaps): string {
  if (caps.image) return '1 image (`image`)';
  if (caps.references) return `references (\`references\`): images, up to ${caps.references.maxVideos} videos`;
  return 'prompt';
}

/** The markdown table, one row per model. */
export function capsTable(): string {
  const header = [
    '| model | mode | inputs | duration (s) | output shape | audio | promptExtend | shotType |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const rows = Object.entries(modelCaps).map(([id, entry]) => {
    const caps: ModelCaps = entry;
    const { min, max, default: fallback } = caps.duration;
    return `| \`${id}\` | ${caps.mode} | ${inputs(caps)} | ${min}–${max}, default ${fallback} | ${output(caps)} | ${yes(caps.supports.audio)} | ${yes(caps.supports.promptExtend)} | ${yes(caps.supports.shotType)} |`;
  });
  return [...header, ...rows].join('\n');
}
