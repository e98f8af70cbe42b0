/** Renders the README's price table from `modelPrices`, so that the docs cannot drift from the code. */
import { modelCaps, modelPrices, type ModelCaps, type PriceEntry, type Region } from 'modelstudio-video';

const RESOLUTIONS = ['480P', '720P', '1080P'] as const;

function rates(entry: PriceEntry | undefined): string {
  if (!entry) return '–';
  const cell = (resolution: (typeof RESOLUTIONS)[number]) => {
    const silent = entry.perSecond[resolution];
    const sound = entry.perSecondWithAudio?.[resolution];
    if (silent === undefined) return undefined;
    return `${resolution} ${sound === undefined ? silent : `${sound} (silent ${silent})`}`;
  };
  const input = entry.billsInputVideo ? `; + input video s${entry.billsInputVideo.maxSeconds === undefined ? '' : ` (≤ ${entry.billsInputVideo.maxSeconds})`}` : '';
  return `${RESOLUTIONS.map(cell).filter(Boolean).join(', ')} ${entry.currency}${input}`;
}

/** The markdown table: one row per price key, with the models that bill under it. */
export function pricesTable(): string {
  const header = ['| price key | models | Beijing (`cn`) per second | Singapore (`intl`) per second | as of, source |', '|---|---|---|---|---|'];
  const rows = Object.entries(modelPrices).map(([key, regions]) => {
    const models = Object.entries(modelCaps)
      .filter(([id, caps]) => (caps as ModelCaps).priceKey === key && !/-\d{4}-\d{2}-\d{2}$/.test(id))
      .map(([id]) => `\`${id}\``);
    const sources = (['cn', 'intl'] as Region[]).flatMap((region) => {
      const entry = regions[region];
      if (!entry) return [];
      const kind = entry.source.includes('official') ? 'official' : 'secondary';
      return [`${region} ${entry.asOf}, ${kind}${entry.source.includes('as wan2.7') ? ', rate as wan2.7' : ''}`];
    });
    return `| \`${key}\` | ${models.join(', ')} | ${rates(regions.cn)} | ${rates(regions.intl)} | ${sources.join('; ')} |`;
  });
  return [...header, ...rows].join('\n');
}
