// The one way to reach the code of ./features.ts: required on first use, so activation never parses it. Import its
// types with `import type` only; a value import would put the module back into what activation loads.
// scripts/build.mjs turns this require into require('./features.js'), a bundle of its own that takes the modules
// activation already loaded (the API errors, the log, l10n, the ticket service) from dist/extension.js.
import type * as Features from './features';

export type LazyFeatures = typeof Features;

let features: LazyFeatures | undefined;

/** The deferred features, loaded on the first call (a few milliseconds, once). */
export function loadFeatures(): LazyFeatures {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  features ??= require('./features') as LazyFeatures;
  return features;
}
