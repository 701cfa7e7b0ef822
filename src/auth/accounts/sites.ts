// The Alibaba Cloud sites the Ticket API is served from, and naming an endpoint after its site. No vscode import.
import { DEFAULT_ENDPOINT, validateEndpoint } from '../../api/endpoint';

export interface Site {
  id: 'cn' | 'intl' | 'jp';
  /** What the user picks: "China (aliyun.com)". */
  label: string;
  /** Short, for the status bar and the Tickets view. */
  shortLabel: string;
  endpoint: string;
}

export const SITES: readonly Site[] = [
  { id: 'cn', label: 'China site (aliyun.com)', shortLabel: 'China', endpoint: DEFAULT_ENDPOINT },
  {
    id: 'intl',
    label: 'International site (alibabacloud.com)',
    shortLabel: 'International',
    endpoint: 'https://workorder.ap-southeast-1.aliyuncs.com',
  },
  {
    id: 'jp',
    label: 'Japan site (alibabacloud.com/ja)',
    shortLabel: 'Japan',
    endpoint: 'https://workorder.ap-northeast-1.aliyuncs.com',
  },
];

function normalised(endpoint: string): string | undefined {
  try {
    return validateEndpoint(endpoint);
  } catch {
    return undefined;
  }
}

/** The site an endpoint belongs to, undefined for any other (custom) endpoint. */
export function siteOf(endpoint: string): Site | undefined {
  const url = normalised(endpoint);
  return SITES.find((site) => site.endpoint === url);
}

/** "China", "International", "Japan", or the custom endpoint's host. */
export function shortSiteName(endpoint: string): string {
  const site = siteOf(endpoint);
  if (site) return site.shortLabel;
  const url = normalised(endpoint);
  return url ? url.replace(/^https?:\/\//, '') : 'invalid endpoint';
}
