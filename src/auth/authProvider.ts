// Shows the signed-in account in VS Code's Accounts menu (with Sign Out there). The session is only a marker: its
// accessToken is an opaque id, never the AccessKey secret, since other extensions may ask VS Code for our session.
import * as vscode from 'vscode';
import type * as NodeCrypto from 'crypto';
import { accountLabel, type StoredSignIn } from './credentialInput';
import type { CredentialStore } from './credentialStore';

export const AUTH_PROVIDER_ID = 'aliyun-tickets';
export const AUTH_PROVIDER_LABEL = 'Alibaba Cloud Tickets';

export class TicketsAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changeEmitter.event;
  private current: vscode.AuthenticationSession | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: CredentialStore,
    private readonly signIn: () => Promise<boolean>,
    private readonly signOut: () => Promise<void>,
  ) {
    this.subscriptions.push(store.onDidChange((signIn) => this.update(signIn)));
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const signIn = await this.store.read();
    if (!signIn) return [];
    if (!this.current) this.current = toSession(signIn);
    return [this.current];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const signedIn = await this.signIn();
    const sessions = signedIn ? await this.getSessions() : [];
    if (!sessions[0]) throw new Error('Sign-in to Alibaba Cloud Tickets was cancelled.');
    return sessions[0];
  }

  async removeSession(): Promise<void> {
    await this.signOut();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changeEmitter.dispose();
  }

  private update(signIn: StoredSignIn | undefined): void {
    const previous = this.current;
    this.current = signIn ? toSession(signIn) : undefined;
    if (!previous && !this.current) return;
    this.changeEmitter.fire({ added: this.current ? [this.current] : [], removed: previous ? [previous] : [], changed: [] });
  }
}

function toSession(signIn: StoredSignIn): vscode.AuthenticationSession {
  const label = accountLabel(signIn);
  // node:crypto on first use, not at activation (loading it costs more than the rest of activation).
  const { randomUUID } = require('crypto') as typeof NodeCrypto;
  return { id: randomUUID(), accessToken: randomUUID(), account: { id: label, label }, scopes: [] };
}
