// The one way to code that activation does not load. Only the composition root (src/extension.ts) imports this
// module, and it hands features factories built on these functions; everything else imports the later bundles' types
// with `import type` only (eslint.config.mjs enforces both). scripts/build.mjs turns each require below into the
// sibling file of that bundle (require('./features.js'), require('./client.js')), which takes the modules activation
// already loaded (the API errors, the log, l10n, the ticket service) from dist/extension.js.
import type { TicketClient } from '../api/client';
import type * as Features from './features';
import type * as Window from '../window';

export type LazyFeatures = typeof Features;

let features: LazyFeatures | undefined;

/** The window's services and features (dist/window.js): built on first use of what activation declared. */
export function loadWindow(): typeof Window {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  return require('../window') as typeof Window;
}

/** The panels, forms, watcher, agent tools, sign-in flow and filter prompt (dist/features.js), loaded on first use. */
export function loadFeatures(): LazyFeatures {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  features ??= require('./features') as LazyFeatures;
  return features;
}

/** The API client's code (signing, HTTP, answers; dist/client.js), loaded when the first client is built. */
export function loadClient(): typeof TicketClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first request, not at activation
  return (require('../api/client') as typeof import('../api/client')).TicketClient;
}

/** The extension-host tests' view into the extension (src/testSurface.ts), loaded only in ExtensionMode.Test. */
export function loadTestSurface(): typeof import('../testSurface') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- evaluated only in ExtensionMode.Test
  return require('../testSurface') as typeof import('../testSurface');
}
