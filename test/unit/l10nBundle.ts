// The real translations (l10n/bundle.l10n.<language>.json) for tests that show what a user of that language sees.
import * as fs from 'fs';
import * as path from 'path';
import { formatMessage, setL10n } from '../../src/common/l10n';
import { repoRoot } from './manifest';

/** The bundle's messages: English source text -> translation. */
export function bundle(language: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', `bundle.l10n.${language}.json`), 'utf8'));
}

/** Makes t() speak `language` through its real bundle, as vscode.l10n.t does (resetL10n goes back to English). */
export function useLanguage(language: string): void {
  const messages = bundle(language);
  setL10n((message, ...args) => formatMessage(messages[message] ?? message, ...args), language);
}
