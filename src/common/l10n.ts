// The one translate call every module uses for user-facing text, and the display language for dates and ages.
// Pure: no vscode import. extension.ts hands it vscode.l10n.t and vscode.env.language at activation; until then (and
// in unit tests) messages stay the English source text with their {0} placeholders filled in.

/** Arguments a message's {0}, {1}… placeholders take (the same as vscode.l10n.t). */
export type L10nArg = string | number | boolean;
export type Translator = (message: string, ...args: L10nArg[]) => string;

/** Fills {0}, {1}… with the arguments; an index with no argument stays as written. */
export function formatMessage(message: string, ...args: L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? whole : String(arg);
  });
}

let translator: Translator = formatMessage;
let language = 'en';

/**
 * The message in the display language. `message` is the English text and the key of l10n/bundle.l10n.*.json: pass it
 * as a string literal (test/unit/common/l10n.test.ts reads the literals to check every one has its translations).
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
