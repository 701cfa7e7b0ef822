// A sign-in is checked before it is saved: one cheap signed call with the key, and only when the server accepts it
// does the key reach SecretStorage. No vscode import: unit tests run this against the emulator.
import type { StoredSignIn } from './credentialInput';
import { accountLabel } from './credentialInput';
import type { ClientProvider } from './clientProvider';

export interface VerifySignInDeps {
  /** Saves the checked sign-in (Accounts.add); throws SecretStorageError when the keychain refuses. */
  store: { write(signIn: StoredSignIn): Promise<void> };
  clients: Pick<ClientProvider, 'credentialsFor' | 'probeClient'>;
  log: { info(message: string): void };
}

/**
 * Throws TicketApiError when the server refuses the key (not found, signature mismatch, clock skew, ...) or the endpoint
 * setting is refused, SecretStorageError when the keychain refuses; nothing is saved then.
 */
export async function verifyAndSave(signIn: StoredSignIn, deps: VerifySignInDeps, signal?: AbortSignal): Promise<void> {
  const credentials = await deps.clients.credentialsFor(signIn);
  const client = deps.clients.probeClient(credentials);
  try {
    // The cheapest signed call there is: it proves the id, the secret (signature), the token and the permission.
    await client.listTickets({ pageNumber: 1, pageSize: 10 }, { signal });
  } finally {
    void Promise.resolve(client.close()).catch(() => undefined);
  }
  await deps.store.write(signIn);
  deps.log.info(`Signed in (${accountLabel(signIn)}).`);
}
