// The setting that turns the local copy of conversations off: then nothing of them is written to disk (the
// last-known copies and the search index live in memory only), and what was written before is removed.
import { getSetting, onDidChangeSettings } from '../settings/configuration';
import type { LastKnownTickets } from './lastKnown';

export function keepLocalCopy(): boolean {
  return getSetting('offline.keepLocalCopy');
}

/** Turned off: the copies on disk go now (at start-up, LastKnownTickets.load removes them). */
export function watchLocalCopySetting(lastKnown: LastKnownTickets): { dispose(): void } {
  const removeIfOff = () => {
    if (!keepLocalCopy()) void lastKnown.removeLocalCopy();
  };
  return onDidChangeSettings(['offline.keepLocalCopy'], removeIfOff);
}
