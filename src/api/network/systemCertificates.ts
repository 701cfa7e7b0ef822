// The certificate authorities of the operating system, for `http.systemCertificates`. Node 20 trusts only its own
// bundled roots (plus NODE_EXTRA_CA_CERTS); a company CA that IT installed into the system store (the usual way a
// TLS-inspecting proxy is trusted) is not among them. Where Node offers the system store (tls.getCACertificates,
// Node ≥ 22.15) it is used; otherwise the system's CA bundle file is read (Linux/BSD distributions, macOS's
// /etc/ssl/cert.pem). Windows' and macOS's keychains cannot be read from Node 20 without native code: there,
// NODE_EXTRA_CA_CERTS is the way (the message for an untrusted certificate says so).
import * as fs from 'fs';
import { nodeTls } from '../nodeModules';

/** Where distributions keep the system's CA bundle, in the order Go's crypto/x509 and curl look. */
export const SYSTEM_CA_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Gentoo, Arch
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/pki/tls/cacert.pem', // OpenELEC
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', // CentOS, RHEL 7
  '/etc/ssl/cert.pem', // Alpine, macOS, FreeBSD
];

export interface SystemCertificateSources {
  /** Node's bundled roots (tls.rootCertificates). */
  rootCertificates?: readonly string[];
  /** tls.getCACertificates where the runtime has it (Node ≥ 22.15, newer Electron). */
  getCACertificates?: (type: 'system' | 'default') => string[];
  /** Candidate bundle files; the first that exists and holds certificates is read. */
  bundlePaths?: readonly string[];
  /** NODE_EXTRA_CA_CERTS and friends. */
  env?: Record<string, string | undefined>;
  readFile?: (path: string) => string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates in a PEM file's text (comments and other blocks skipped). */
export function splitPem(text: string): string[] {
  return (text.match(PEM_BLOCK) ?? []).map((block) => `${block.trim()}\n`);
}

function normalise(pem: string): string {
  return pem.replace(/\r\n/g, '\n').trim();
}

/**
 * Node's bundled roots + the system store + NODE_EXTRA_CA_CERTS, without duplicates. Passing this as `ca` replaces
 * Node's default list, so the defaults must be part of it. Unreadable files are skipped (a missing bundle is normal
 * on Windows); what was read is said in `sources` for the log.
 */
export function loadSystemCertificates(input: SystemCertificateSources = {}): {
  certificates: string[];
  sources: string[];
} {
  const readFile = input.readFile ?? ((path: string) => fs.readFileSync(path, 'utf8'));
  const env = input.env ?? process.env;
  const seen = new Set<string>();
  const certificates: string[] = [];
  const sources: string[] = [];
  const add = (pems: readonly string[], source: string) => {
    let added = 0;
    for (const pem of pems) {
      const key = normalise(pem);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      certificates.push(pem);
      added++;
    }
    if (added > 0) sources.push(`${source} (${added})`);
  };
  add(input.rootCertificates ?? nodeTls().rootCertificates, 'Node roots');

  const getCACertificates =
    'getCACertificates' in input
      ? input.getCACertificates
      : (nodeTls() as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
  let fromRuntime = false;
  if (getCACertificates) {
    try {
      add(getCACertificates('system'), 'system store');
      fromRuntime = true;
    } catch {
      // An older runtime without the 'system' type: fall back to the bundle file.
    }
  }
  if (!fromRuntime) {
    for (const path of input.bundlePaths ?? SYSTEM_CA_BUNDLES) {
      let pems: string[];
      try {
        pems = splitPem(readFile(path));
      } catch {
        continue;
      }
      if (pems.length === 0) continue;
      add(pems, path);
      break;
    }
  }

  const extra = env.NODE_EXTRA_CA_CERTS?.trim();
  if (extra) {
    try {
      add(splitPem(readFile(extra)), 'NODE_EXTRA_CA_CERTS');
    } catch {
      // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS at start-up.
    }
  }
  return { certificates, sources };
}
