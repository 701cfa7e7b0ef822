// The API layer's sentences as English templates with {0}, {1}… placeholders and their arguments, so the extension can
// show them in the display language while src/api stays free of vscode and of the extension's l10n module. A template
// is always the first argument of messageText(…) or of describeError's `translate(…)`, as a string literal:
// test/unit/common/l10nSource.test.ts finds them there and checks each has its translations.

/** What a placeholder takes (the same as vscode.l10n.t's arguments). */
export type MessageArg = string | number | boolean;

/** Turns an English template and its arguments into the text to show: vscode.l10n.t at the edge, formatMessage here. */
export type Translate = (message: string, ...args: MessageArg[]) => string;

/** A sentence made inside src/api: its template and arguments. An argument may itself be a sentence (a reason). */
export interface MessageText {
  readonly template: string;
  readonly args: ReadonlyArray<MessageArg | MessageText>;
  /** Shown without its final full stop (in whatever language), to continue it inside another sentence. */
  readonly withoutFullStop?: boolean;
}

/** Fills {0}, {1}… with the arguments; an index with no argument stays as written. English, untranslated. */
export function formatMessage(message: string, ...args: MessageArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? whole : String(arg);
  });
}

/** A sentence to be shown later, translated where it is shown. `template` must be a string literal. */
export function messageText(template: string, ...args: Array<MessageArg | MessageText>): MessageText {
  return { template, args };
}

/** The same sentence, shown without its final full stop. */
export function withoutFullStop(text: MessageText): MessageText {
  return { ...text, withoutFullStop: true };
}

export function isMessageText(value: unknown): value is MessageText {
  const v = value as MessageText | undefined;
  return !!v && typeof v === 'object' && typeof v.template === 'string' && Array.isArray(v.args);
}

/**
 * The sentence in words: nested sentences first, then the template. `cleanArg` is applied to every string argument
 * (the redaction of secrets), so a value never reaches the text unfiltered whatever the language.
 */
export function renderText(
  text: MessageText,
  translate: Translate = formatMessage,
  cleanArg: (value: string) => string = (value) => value,
): string {
  const args = text.args.map((arg) =>
    isMessageText(arg) ? renderText(arg, translate, cleanArg) : typeof arg === 'string' ? cleanArg(arg) : arg,
  );
  const shown = translate(text.template, ...args);
  return text.withoutFullStop ? shown.replace(/[.。．]$/, '') : shown;
}

/** A copy with every string argument (at any depth) passed through `clean`. */
export function mapTextArgs(text: MessageText, clean: (value: string) => string): MessageText {
  return {
    ...text,
    args: text.args.map((arg) =>
      isMessageText(arg) ? mapTextArgs(arg, clean) : typeof arg === 'string' ? clean(arg) : arg,
    ),
  };
}
