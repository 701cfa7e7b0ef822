// The one translate call every module uses for user-facing text, and the display language for dates and ages.
// Pure: no vscode import. extension.ts hands it vscode.l10n.t and vscode.env.language at activation; until then (and
// in unit tests) messages stay the English source text with their {0} placeholders filled in.
import { formatMessage, type MessageArg, type Translate } from '../api/messageText';

/** Arguments a message's {0}, {1}… placeholders take (the same as vscode.l10n.t). */
export type L10nArg = MessageArg;
export type Translator = Translate;

/** Fills {0}, {1}… with the arguments (English): the same as the API layer's, so describeError and t() agree. */
export { formatMessage };

let translator: Translator = formatMessage;
let language = 'en';

/**
 * The message in the display language. `message` is the English text and the key of l10n/bundle.l10n.*.json: pass it
 * as a string literal (test/unit/common/l10nSource.test.ts reads the literals to check every one has its translations).
 */
export function t(message: string, ...args: L10nArg[]): string {
  return translator(message, ...args);
}

/** The display language, a BCP 47 tag such as "en" or "zh-cn", for Intl formatters. */
export function displayLanguage(): string {
  return language;
}

/** Called once at activation with vscode.l10n.t and vscode.env.language; tests call it to try another language. */
export function setL10n(translate: Translator, displayLanguageTag: string): void {
  translator = translate;
  language = displayLanguageTag || 'en';
}

/** Back to English (the unit tests' default). */
export function resetL10n(): void {
  setL10n(formatMessage, 'en');
}
