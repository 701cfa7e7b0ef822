// What VS Code for the Web (code-server) has written of the extension's SecretStorage into the browser's storage, read as
// the next window of that browser profile will read it. The workbench keeps every secret in memory and saves all of them
// as one encrypted blob in localStorage ("secrets.provider", sealed with a key half the server hands out at /mint-key)
// after store() has already resolved: a window opened (or reloaded) before that save lands starts without the write.
// Only the names of the stored entries and the account list's active id leave the page, never a value.
import type { Page } from 'playwright-core';

export interface PersistedSecrets {
  /** The extension's SecretStorage keys in the saved blob (aliyunTickets.…). */
  keys: string[];
  /** The active account's id in the saved account list (aliyunTickets.accounts), if any. */
  active?: string;
}

/** Decrypts the saved blob in the page (as the workbench's own LocalStorageSecretStorageProvider does at load). */
export function persistedSecrets(page: Page): Promise<PersistedSecrets> {
  return page.evaluate(async () => {
    const blob = localStorage.getItem('secrets.provider');
    if (!blob) return { keys: [] };
    const bytes = Uint8Array.from(atob(blob), (c) => c.charCodeAt(0));
    const response = await fetch(`${location.pathname}/mint-key`.replace(/\/\/+/g, '/'), {
      method: 'POST',
      credentials: 'include',
    });
    const serverHalf = new Uint8Array(await response.arrayBuffer());
    const raw = bytes.slice(0, 32).map((b, i) => b ^ serverHalf[i]);
    const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(32, 44) }, key, bytes.slice(44));
    const secrets = JSON.parse(new TextDecoder().decode(plain)) as Record<string, string>;
    const keys: string[] = [];
    let active: string | undefined;
    for (const [name, value] of Object.entries(secrets)) {
      // The workbench names an extension's entry {"extensionId": …, "key": …}.
      let entry: { key?: unknown } = {};
      try {
        entry = JSON.parse(name) as { key?: unknown };
      } catch {
        continue;
      }
      if (typeof entry.key !== 'string' || !entry.key.startsWith('aliyunTickets.')) continue;
      keys.push(entry.key);
      if (entry.key === 'aliyunTickets.accounts') {
        try {
          const index = JSON.parse(value) as { active?: unknown };
          if (typeof index.active === 'string') active = index.active;
        } catch {
          // A damaged list: no active account.
        }
      }
    }
    return { keys, ...(active ? { active } : {}) };
  });
}

/** The saved blob names an active account whose sign-in entry is saved too: what a new window needs to be signed in. */
export function signInPersisted(saved: PersistedSecrets): boolean {
  return !!saved.active && saved.keys.includes(`aliyunTickets.account.${saved.active}`);
}

/**
 * Waits until the browser has saved the sign-in (the workbench saves after store() resolved). Throws, saying what the
 * saved blob holds, when it still lacks it after `timeoutMs`: a window opened now would come up signed out.
 */
export async function waitForPersistedSignIn(page: Page, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const saved = await persistedSecrets(page);
    if (signInPersisted(saved)) return;
    if (Date.now() > until)
      throw new Error(
        `the browser's saved secrets lack the sign-in (a new window would be signed out): keys ${JSON.stringify(
          saved.keys,
        )}, active ${saved.active ?? 'none'}`,
      );
    await page.waitForTimeout(250);
  }
}
