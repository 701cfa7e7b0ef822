// The secret guard's modal, as a person meets it: the words come from questionWords.ts.
import * as vscode from 'vscode';
import type { GuardChoice, GuardQuestion } from './guard';
import { questionWords } from './questionWords';

/** The modal a person answers. */
export async function askAboutSecrets(question: GuardQuestion): Promise<GuardChoice> {
  const words = questionWords(question);
  const answer = await vscode.window.showWarningMessage(
    words.message,
    { modal: true, detail: words.detail },
    ...words.buttons.map((b) => b.label),
  );
  // l10n-exempt: a choice, not words
  return words.buttons.find((b) => b.label === answer)?.choice ?? 'cancel';
}
