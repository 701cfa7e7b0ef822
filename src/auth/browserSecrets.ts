// VS Code for the Web (code-server, vscode.dev) keeps SecretStorage in the browser: every secret of the window in its
// memory, saved as one encrypted copy of all of them in localStorage after store() has already resolved, and read back
// only when a window (or a reload) starts. Sealing a copy needs a key half the server hands out, and every save made
// before the first answer came fetches it again: two writes in a row (a sign-in's entry, then the list of accounts) are
// two saves racing, and the older copy can land last. The browser then holds the entry without the list, and the next
// window or reload comes up signed out, with nothing said (a sign-out can come back the same way).
// So in the browser, once a burst of writes is over, one write of a key of no meaning (BROWSER_SAVE_KEY) makes the
// window save again: that copy holds all the window holds now, after the earlier ones landed. It writes no secret of
// ours again, so it cannot bring back one deleted meanwhile, and listeners here never hear of it. It comes three
// times: 0.5 s (the burst's copies have landed when the server answers as it usually does, so a reload right after a
// sign-in keeps it), 3 s, then 30 s (a first key answer slower than that, retried by the workbench, still ends under
// a later copy).
// Desktop VS Code writes each secret to the OS keychain before store() resolves and needs none of this.
import type * as vscode from 'vscode';

/** Written only to make the browser save; its value is the time of the write, nothing of an account. */
export const BROWSER_SAVE_KEY = 'aliyunTickets.browserSave'; // l10n-exempt: a storage key

/** After the last write of a burst, when the window's secrets are saved again (ms after that write). */
export const SAVE_AGAIN_AFTER_MS: readonly number[] = [500, 3_000, 30_000];

/** `secrets` as it is on the desktop; in the browser, saved again after each burst of writes (see above). */
export function savedAgainInBrowser(
  secrets: vscode.SecretStorage,
  inBrowser: boolean,
  afterMs: readonly number[] = SAVE_AGAIN_AFTER_MS,
): vscode.SecretStorage {
  if (!inBrowser) return secrets;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveAgain = (step: number) => {
    if (step >= afterMs.length) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        void Promise.resolve(secrets.store(BROWSER_SAVE_KEY, String(Date.now()))).then(undefined, () => undefined);
        saveAgain(step + 1);
      },
      afterMs[step] - (step ? afterMs[step - 1] : 0),
    );
    // A window closing does not wait for it.
    timer.unref?.();
  };
  const written = () => {
    if (timer) clearTimeout(timer);
    saveAgain(0);
  };
  const onDidChange: vscode.Event<vscode.SecretStorageChangeEvent> = (listener, thisArgs, disposables) =>
    secrets.onDidChange(
      (event) => {
        if (event.key !== BROWSER_SAVE_KEY) listener.call(thisArgs, event);
      },
      undefined,
      disposables,
    );
  return {
    get: (key) => secrets.get(key),
    store: async (key, value) => {
      await secrets.store(key, value);
      written();
    },
    delete: async (key) => {
      await secrets.delete(key);
      written();
    },
    onDidChange,
  };
}
