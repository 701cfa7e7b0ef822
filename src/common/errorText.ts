// The sentence a user reads for a failure, in the display language: describeError (src/api/errors.ts) with the
// extension's t(). Every user-facing place that shows an error uses this; log lines keep describeError (English).
// Pure: no vscode import.
import { describeError } from '../api/errorWording';
import { t } from './l10n';

/**
 * What went wrong and what to do, in the display language. The server's own text (a refusal's message) is shown as it
 * comes; secrets are redacted as in describeError. English until activation hands t() its translator.
 */
export function errorText(error: unknown): string {
  return describeError(error, t);
}
