// Reads VS Code's own network settings (the `http.*` section) for our requests, which go through undici and so are not
// covered by VS Code's patching of Node's https module. src/api/network applies them.
import * as vscode from 'vscode';
import type { NetworkOptions } from '../api/network/options';
import { loadSystemCertificates } from '../api/network/systemCertificates';

/** Settings whose change rebuilds the client. */
export const NETWORK_SETTINGS = [
  'http.proxy',
  'http.noProxy',
  'http.proxyAuthorization',
  'http.proxyStrictSSL',
  'http.systemCertificates',
];

let systemCertificates: string[] | undefined;
/** The last http.proxyStrictSSL said in the log, so that it is said once per change. */
let loggedStrictSSL = true;

/** Read once per window (the bundle file is ~200 KB); the first request pays for it, activation does not. */
function systemCertificatesOnce(log?: (message: string) => void): string[] {
  if (!systemCertificates) {
    const loaded = loadSystemCertificates();
    systemCertificates = loaded.certificates;
    log?.(
      `Trusting ${loaded.certificates.length} certificate authorities: ${loaded.sources.join(', ')} (http.systemCertificates).`,
    );
  }
  return systemCertificates;
}

export function readNetworkSettings(log?: (message: string) => void): NetworkOptions {
  const http = vscode.workspace.getConfiguration('http');
  const noProxy = http.get<unknown>('noProxy');
  const authorization = http.get<unknown>('proxyAuthorization');
  const strictSSL = http.get<boolean>('proxyStrictSSL', true) !== false;
  const useSystem = http.get<boolean>('systemCertificates', true) !== false;
  if (strictSSL !== loggedStrictSSL) {
    loggedStrictSSL = strictSSL;
    log?.(
      strictSSL
        ? 'Certificates are checked again (http.proxyStrictSSL).'
        : 'http.proxyStrictSSL is false: any TLS certificate is accepted, so whoever sits between this computer and the Ticket API could read ticket text.',
    );
  }
  return {
    noProxy: Array.isArray(noProxy)
      ? noProxy.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '')
      : [],
    proxyAuthorization: typeof authorization === 'string' && authorization.trim() ? authorization.trim() : undefined,
    strictSSL,
    // A getter: settings are read at activation too (endpoint check), the certificates only when a client is built.
    get ca() {
      return useSystem ? systemCertificatesOnce(log) : undefined;
    },
  };
}
