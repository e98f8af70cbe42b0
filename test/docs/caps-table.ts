/** Renders the README's caps table from `modelCaps`, so that the docs cannot drift from the code. */
import { modelCaps, modesOf, type ModelCaps, type ModelId, type VideoMode } from 'modelstudio-video';

const MEDIA_INPUTS: ReadonlyArray<readonly [string, string]> = [
  ['image', 'image'],
  ['lastFrame', 'lastFrame'],
  ['continueFrom', 'continueFrom'],
  ['drivingAudio', 'drivingAudio'],
  ['audioUrl', 'audioUrl'],
  ['firstFrame', 'firstFrame'],
  ['video', 'video'],
  ['references', 'references'],
  ['function', 'function'],
];

function inputs(caps: ModelCaps): string {
  const taken = new Set(Object.values(caps.modes).flatMap((mode) => mode.options));
  const names = MEDIA_INPUTS.filter(([key]) => taken.has(key as never)).map(([, label]) => `\`${label}\``);
  const references = caps.references;
  const counts = references
    ? [
        references.max !== undefined && `≤ ${references.max} in all`,
        references.maxImages !== undefined && `≤ ${references.maxImages} images`,
        references.kinds.includes('video') && `≤ ${references.maxVideos} videos`,
        references.maxAudios !== undefined && `≤ ${references.maxAudios} audio`,
        references.voice && 'a voice each',
      ].filter(Boolean)
    : [];
  return `${names.join(', ') || 'prompt only'}${counts.length > 0 ? ` (references: ${counts.join(', ')})` : ''}`;
}

function durations(caps: ModelCaps): string {
  const { min, max, only, special = [], default: fallback } = caps.duration;
  const range = only ? only.join(' or ') : min === max ? String(min) : `${min}–${max}`;
  return `${[...special.map((entry) => String(entry.value)), range].join(', ')}; default ${fallback}`;
}

function output(caps: ModelCaps): string {
  const resolutions = caps.resolutions.join(' ');
  if (caps.output === 'size') return `${resolutions} as \`size\``;
  if (caps.aspectRatios.length === 0) return `${resolutions}; ratio of the input`;
  return `${resolutions} + ratio${caps.aspectRatios.includes('adaptive') ? ' (or adaptive)' : ''}`;
}

const MODE_NAMES: Record<VideoMode, string> = {
  textToVideo: 't2v', imageToVideo: 'i2v', referenceToVideo: 'r2v', editVideo: 'edit', animateCharacter: 'animate', speechToVideo: 's2v', lipSync: 'lipsync',
};

/** The markdown table, one row per model. */
export function capsTable(): string {
  const header = [
    '| model | family | modes | regions | inputs | duration (s) | output | limits (submits/s, tasks) | unconfirmed |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const rows = (Object.keys(modelCaps) as ModelId[]).map((id) => {
    const caps: ModelCaps = modelCaps[id];
    const regional = Object.entries(caps.limits?.byRegion ?? {}).map(([region, limit]) => ` (${region}: ${limit.submitsPerSecond ?? ''}/s)`).join('');
    const limits = caps.limits ? `${caps.limits.submitsPerSecond}, ${caps.limits.concurrentTasks}${regional}` : 'unpublished (2, 2)';
    const same = caps.sameModelAs ? ` (= \`${caps.sameModelAs}\`)` : '';
    return `| \`${id}\`${same} | ${caps.family} | ${modesOf(id).map((mode) => MODE_NAMES[mode]).join(', ')} | ${caps.regions.join(', ')} | ${inputs(caps)} | ${durations(caps)} | ${output(caps)} | ${limits} | ${caps.unconfirmed ?? '–'} |`;
  });
  return [...header, ...rows].join('\n');
}
