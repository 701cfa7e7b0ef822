// The confidential draft texts the integration suites use (test/fixtures/confidential.ts, compiled by npm run compile).
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, requireFiles } from './paths.mjs';

const require = createRequire(import.meta.url);
const FIXTURE = path.join(ROOT, 'out', 'test', 'fixtures', 'confidential.js');

export function confidentialDrafts() {
  requireFiles([[FIXTURE, 'npm run compile']]);
  return require(FIXTURE).CONFIDENTIAL_DRAFTS;
}

/** Plain draft text the suites leave in VS Code's clear storage: where the scan finds it shows what it reaches. */
export function plainDraftControl() {
  requireFiles([[FIXTURE, 'npm run compile']]);
  return require(FIXTURE).PLAIN_DRAFT_CONTROL;
}
