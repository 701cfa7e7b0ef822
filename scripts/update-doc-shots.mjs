#!/usr/bin/env node
// Re-cuts the README's pictures (docs/*.png) from the screenshots of the last UI run in test-results/ui/, without
// running the UI tests again (`npm run test:ui -- --update-docs` runs them and then does the same).
import path from 'node:path';
import { updateDocShots } from './lib/doc-shots.mjs';
import { TEST_RESULTS } from './lib/paths.mjs';

await updateDocShots(path.join(TEST_RESULTS, 'ui'));
