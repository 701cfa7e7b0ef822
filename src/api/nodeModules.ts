// Node modules the extension needs only after activation, required on first use and kept: loading node:crypto alone
// costs more than the rest of activation, and node:tls belongs to the first request (bench/activation-child.cjs lists
// what activation loads). The modules of later bundles (dist/features.js, dist/client.js) import Node modules as usual.
import type * as NodeCrypto from 'crypto';
import type * as NodeOs from 'os';
import type * as NodeTls from 'tls';

let crypto: typeof NodeCrypto | undefined;
let os: typeof NodeOs | undefined;
let tls: typeof NodeTls | undefined;

/* eslint-disable @typescript-eslint/no-require-imports -- each is loaded on its first use, not at activation */
export const nodeCrypto = (): typeof NodeCrypto => (crypto ??= require('crypto') as typeof NodeCrypto);
export const nodeOs = (): typeof NodeOs => (os ??= require('os') as typeof NodeOs);
export const nodeTls = (): typeof NodeTls => (tls ??= require('tls') as typeof NodeTls);
/* eslint-enable @typescript-eslint/no-require-imports */
