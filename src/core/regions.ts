/**
 * The service's regions, their ids and their hosts (docs/protocol.md §1, §10). An API key, and a
 * model's name, belong to one region.
 *
 * @module
 */

/**
 * Every region key, with the service's own region id. Singapore (`intl`), Beijing (`cn`) and
 * Virginia (`us`) also have a shared host; Frankfurt (`eu`), Tokyo (`jp`) and Hong Kong (`hk`) are
 * reached through workspace hosts only (`https://{workspaceId}.{regionId}.maas.aliyuncs.com`).
 */
export const REGION_IDS: RegionIds = {
  intl: 'ap-southeast-1',
  cn: 'cn-beijing',
  us: 'us-east-1',
  eu: 'eu-central-1',
  jp: 'ap-northeast-1',
  hk: 'cn-hongkong',
};

/** The service's id of each region. */
export interface RegionIds {
  /** Singapore, the default. */
  readonly intl: 'ap-southeast-1';
  /** Beijing. */
  readonly cn: 'cn-beijing';
  /** Virginia. */
  readonly us: 'us-east-1';
  /** Frankfurt: workspace hosts only. */
  readonly eu: 'eu-central-1';
  /** Tokyo: workspace hosts only. */
  readonly jp: 'ap-northeast-1';
  /** Hong Kong: workspace hosts only. */
  readonly hk: 'cn-hongkong';
}

/** A region key: `intl` (Singapore), `cn` (Beijing), `us` (Virginia), `eu` (Frankfurt), `jp` (Tokyo), `hk` (Hong Kong). */
export type Region = keyof RegionIds;

/** The service's own id of a region (`eu-central-1`), accepted wherever a region key is. */
export type RegionId = RegionIds[Region];

/** Every region key, in the order of {@link REGION_IDS}. */
export const REGIONS = Object.keys(REGION_IDS) as readonly Region[];

/** The shared hosts of the regions that have one (docs/protocol.md §1). */
export const REGION_BASE_URLS: RegionBaseUrls = {
  intl: 'https://dashscope-intl.aliyuncs.com',
  cn: 'https://dashscope.aliyuncs.com',
  us: 'https://dashscope-us.aliyuncs.com',
};

/** The shared host of each region that has one. */
export interface RegionBaseUrls {
  /** Singapore, the default. Announced to go offline in favour of workspace hosts (docs/protocol.md §10). */
  readonly intl: 'https://dashscope-intl.aliyuncs.com';
  /** Beijing. */
  readonly cn: 'https://dashscope.aliyuncs.com';
  /** Virginia. */
  readonly us: 'https://dashscope-us.aliyuncs.com';
}

/** True for a region key. */
function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && Object.hasOwn(REGION_IDS, value);
}

/** The region key of a region key or of the service's region id (`eu-central-1` is `eu`). */
export function regionNamed(name: string): Region | undefined {
  if (isRegion(name)) return name;
  return REGIONS.find((region) => REGION_IDS[region] === name);
}

/** Every region key with its service id, for messages: `intl (ap-southeast-1), cn (cn-beijing), ...`. */
export function regionList(): string {
  return REGIONS.map((region) => `${region} (${REGION_IDS[region]})`).join(', ');
}

/** Whether `value` can be a workspace id: one host label (letters, digits and inner hyphens). */
export function isWorkspaceId(value: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(value);
}

/** The workspace host of `workspaceId` in `region` (docs/protocol.md §10). */
export function workspaceBaseUrl(workspaceId: string, region: Region): string {
  return `https://${workspaceId}.${REGION_IDS[region]}.maas.aliyuncs.com`;
}

/**
 * The region a base URL belongs to: a region host, or a workspace host whose region id is known.
 * `undefined` for any other host (a proxy, the simulator), where region checks are skipped.
 */
export function regionOfBaseUrl(baseUrl: string): Region | undefined {
  const trimmed = baseUrl.replace(/\/+$/, '');
  const shared = (Object.keys(REGION_BASE_URLS) as (keyof RegionBaseUrls)[]).find((key) => REGION_BASE_URLS[key] === trimmed);
  if (shared) return shared;
  const host = URL.canParse(trimmed) ? new URL(trimmed).hostname : '';
  const workspace = /^[^.]+\.([a-z0-9-]+)\.maas\.aliyuncs\.com$/.exec(host);
  return workspace?.[1] ? REGIONS.find((region) => REGION_IDS[region] === workspace[1]) : undefined;
}
