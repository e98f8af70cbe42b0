/**
 * The service's regions and their hosts (docs/protocol.md §1). An API key, and a model's name,
 * belong to one region.
 *
 * @module
 */

/** Region keys and their hosts (docs/protocol.md §1). An API key belongs to one region. */
export const REGION_BASE_URLS: RegionBaseUrls = {
  intl: 'https://dashscope-intl.aliyuncs.com',
  cn: 'https://dashscope.aliyuncs.com',
  us: 'https://dashscope-us.aliyuncs.com',
};

/** The host of each region. */
export interface RegionBaseUrls {
  /** Singapore, the default. */
  readonly intl: 'https://dashscope-intl.aliyuncs.com';
  /** Beijing. */
  readonly cn: 'https://dashscope.aliyuncs.com';
  /** Virginia. */
  readonly us: 'https://dashscope-us.aliyuncs.com';
}

/** A region key. */
export type Region = keyof RegionBaseUrls;

/** Every region key, in the order of {@link REGION_BASE_URLS}. */
export const REGIONS = Object.keys(REGION_BASE_URLS) as readonly Region[];

/** Workspace hosts name their region (`{workspace}.{regionId}.maas.aliyuncs.com`, docs/protocol.md §1). */
const WORKSPACE_REGIONS: Readonly<Record<string, Region>> = {
  'cn-beijing': 'cn',
  'ap-southeast-1': 'intl',
  'us-east-1': 'us',
};

/**
 * The region a base URL belongs to: a region host, or a workspace host whose region id is known.
 * `undefined` for any other host (a proxy, the simulator), where region checks are skipped.
 */
export function regionOfBaseUrl(baseUrl: string): Region | undefined {
  const trimmed = baseUrl.replace(/\/+$/, '');
  const region = REGIONS.find((key) => REGION_BASE_URLS[key] === trimmed);
  if (region) return region;
  const host = URL.canParse(trimmed) ? new URL(trimmed).hostname : '';
  const workspace = /^[^.]+\.([a-z0-9-]+)\.maas\.aliyuncs\.com$/.exec(host);
  return workspace?.[1] ? WORKSPACE_REGIONS[workspace[1]] : undefined;
}
