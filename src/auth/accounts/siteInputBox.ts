// The AccessKey ID box of Sign In, with the site it signs in to in its prompt and a title-bar button to choose another
// site, so that the site is chosen at sign-in without an extra step for the usual case (the setting's site).
import * as vscode from 'vscode';
import { t } from '../../common/l10n';

export interface SiteInputOptions {
  title: string;
  prompt: string;
  placeHolder: string;
  value: string;
  /** "China", "International", … */
  siteName: string;
  validate: (value: string) => string | undefined;
}

/** The typed value; `changeSite` (with what was typed so far) when the site button was pressed; undefined if dismissed. */
export type SiteInputAnswer = { value: string } | { changeSite: string } | undefined;

export function inputWithSiteButton(options: SiteInputOptions): Promise<SiteInputAnswer> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.prompt = t('{0} Site: {1}.', options.prompt, options.siteName);
  box.placeholder = options.placeHolder;
  box.value = options.value;
  box.ignoreFocusOut = true;
  const siteButton: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('globe'),
    tooltip: t('Site: {0}. Choose another site…', options.siteName),
  };
  box.buttons = [siteButton];
  const check = () => {
    // As showInputBox's validateInput: nothing said about an empty box until something was typed.
    box.validationMessage = box.value ? options.validate(box.value) : undefined;
  };
  check();
  return new Promise<SiteInputAnswer>((resolve) => {
    let answer: SiteInputAnswer;
    const subscriptions = [
      box.onDidChangeValue(check),
      box.onDidAccept(() => {
        const problem = options.validate(box.value);
        box.validationMessage = problem;
        if (problem) return;
        answer = { value: box.value };
        box.hide();
      }),
      box.onDidTriggerButton((button) => {
        if (button !== siteButton) return;
        answer = { changeSite: box.value };
        box.hide();
      }),
      box.onDidHide(() => {
        subscriptions.forEach((s) => s.dispose());
        box.dispose();
        resolve(answer);
      }),
    ];
    box.show();
  });
}
