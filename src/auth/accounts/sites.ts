// The Alibaba Cloud sites the Ticket API is served from, and naming an endpoint after its site (in the display
// language). No vscode import.
import { DEFAULT_ENDPOINT, validateEndpoint } from '../../api/endpoint';
import { t } from '../../common/l10n';

export interface Site {
  id: 'cn' | 'intl' | 'jp';
  endpoint: string;
}

export const SITES: readonly Site[] = [
  { id: 'cn', endpoint: DEFAULT_ENDPOINT },
  { id: 'intl', endpoint: 'https://workorder.ap-southeast-1.aliyuncs.com' },
  { id: 'jp', endpoint: 'https://workorder.ap-northeast-1.aliyuncs.com' },
];

/** What the user picks: "China site (aliyun.com)". */
export function siteLabel(site: Site): string {
  switch (site.id) {
    case 'cn':
      return t('China site (aliyun.com)');
    case 'intl':
      return t('International site (alibabacloud.com)');
    case 'jp':
      return t('Japan site (alibabacloud.com/ja)');
  }
}

/** Short, for the status bar and the Tickets view: "China". */
export function siteShortLabel(site: Site): string {
  switch (site.id) {
    case 'cn':
      return t('China');
    case 'intl':
      return t('International');
    case 'jp':
      return t('Japan');
  }
}

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
  if (site) return siteShortLabel(site);
  const url = normalised(endpoint);
  return url ? url.replace(/^https?:\/\//, '') : t('invalid endpoint');
}
