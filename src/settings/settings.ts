// The extension's settings, defined once: each one's name, type, default and scope. package.json contributes the same
// settings for the Settings editor (test/unit/settings.test.ts checks the two agree). Pure: no vscode import;
// configuration.ts reads, watches, opens and writes them in VS Code, by these names only.
import { DEFAULT_ENDPOINT } from '../api/endpoint';
import type { SignatureVersion } from '../api/types';
import { DEFAULT_ID_PATTERN } from '../tickets/ticketId';

/** The section every setting is under. */
export const SETTINGS_SECTION = 'aliyunTickets';

/** Each setting (its name below SETTINGS_SECTION) and the type of its value. */
export interface Settings {
  endpoint: string;
  signatureVersion: SignatureVersion;
  idPattern: string;
  'hover.enabled': boolean;
  'hover.requireContext': boolean;
  'explorer.groupByStatus': boolean;
  'explorer.pageSize': number;
  'explorer.autoRefreshSeconds': number;
  'details.autoRefreshSeconds': number;
  'watcher.enabled': boolean;
  'watcher.intervalSeconds': number;
  'offline.keepLocalCopy': boolean;
  'newTicket.includeEnvironment': boolean;
  'references.enabled': boolean;
}

export type SettingName = keyof Settings;

/**
 * Where a setting may be set: 'application' settings are the user's only (an opened folder cannot redirect signed
 * requests, or turn the watcher on for every window); 'window' ones may also be set per workspace.
 */
export type SettingScope = 'application' | 'window';

export interface SettingSpec<T> {
  default: T;
  scope: SettingScope;
}

export const SETTINGS: { readonly [K in SettingName]: SettingSpec<Settings[K]> } = {
  endpoint: { default: DEFAULT_ENDPOINT, scope: 'application' },
  signatureVersion: { default: 'v3', scope: 'application' },
  idPattern: { default: DEFAULT_ID_PATTERN, scope: 'application' },
  'hover.enabled': { default: true, scope: 'window' },
  'hover.requireContext': { default: true, scope: 'application' },
  'explorer.groupByStatus': { default: true, scope: 'window' },
  'explorer.pageSize': { default: 50, scope: 'window' },
  'explorer.autoRefreshSeconds': { default: 300, scope: 'window' },
  'details.autoRefreshSeconds': { default: 60, scope: 'window' },
  'watcher.enabled': { default: true, scope: 'application' },
  'watcher.intervalSeconds': { default: 180, scope: 'application' },
  'offline.keepLocalCopy': { default: true, scope: 'application' },
  'newTicket.includeEnvironment': { default: false, scope: 'application' },
  'references.enabled': { default: true, scope: 'window' },
};

/** Every setting's name. */
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** The full id of a setting ("aliyunTickets.endpoint"), as the Settings editor and package.json know it. */
export function settingId(name: SettingName): string {
  return `${SETTINGS_SECTION}.${name}`;
}
