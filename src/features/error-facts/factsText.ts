// The facts of a failed request as the lines of a new ticket's description, in the display language (like the rest
// of what the user writes to support), and the environment block the user opted into. No vscode import.
import { t } from '../../common/l10n';
import type { Prefill } from '../new-ticket/prefill';
import type { ErrorFacts } from './facts';
import { guessCategory, guessProduct } from './productGuess';

/** What the user's setup is, when they chose to include it (aliyunTickets.newTicket.includeEnvironment). */
export interface EnvironmentFacts {
  os: string;
  vscodeVersion: string;
  extensionVersion: string;
  /** The endpoint host the account signs against (the site: China or international). */
  site: string;
  language: string;
}

/** The AccessDeniedDetail fields RAM sends, each with its words; other fields are listed under their own name. */
function accessDeniedLines(detail: Record<string, unknown>): string[] {
  const text = (key: string) => (typeof detail[key] === 'string' ? (detail[key] as string) : undefined);
  const lines: string[] = [t('Access denied:')];
  const action = text('AuthAction');
  if (action) lines.push(`  ${t('Denied action: {0}', action)}`);
  const principal = [text('AuthPrincipalType'), text('AuthPrincipalDisplayName')].filter(Boolean).join(' ');
  const owner = text('AuthPrincipalOwnerId');
  if (principal)
    lines.push(`  ${owner ? t('Principal: {0} (account {1})', principal, owner) : t('Principal: {0}', principal)}`);
  const policy = text('PolicyType');
  if (policy) lines.push(`  ${t('Policy type: {0}', policy)}`);
  const why = text('NoPermissionType');
  if (why) lines.push(`  ${t('Why: {0}', why)}`);
  const known = new Set([
    'AuthAction',
    'AuthPrincipalType',
    'AuthPrincipalDisplayName',
    'AuthPrincipalOwnerId',
    'PolicyType',
    'NoPermissionType',
  ]);
  for (const [key, value] of Object.entries(detail)) {
    if (!known.has(key) && typeof value === 'string') lines.push(`  ${key}: ${value}`);
  }
  return lines.length > 1 ? lines : [];
}

/** The facts as description lines (the RequestId itself is the prefill's first line, so it is not repeated). */
export function factsLines(facts: ErrorFacts): string[] {
  const lines: string[] = [];
  if (facts.code) {
    lines.push(
      facts.httpStatus
        ? t('Error code: {0} (HTTP {1})', facts.code, facts.httpStatus)
        : t('Error code: {0}', facts.code),
    );
  }
  if (facts.message) lines.push(t('Error message: {0}', facts.message));
  if (facts.hostId) lines.push(`HostId: ${facts.hostId}`);
  if (facts.recommend) lines.push(t('Diagnosis: {0}', facts.recommend));
  if (facts.action) lines.push(t('API action: {0}', facts.action));
  if (facts.endpoint) lines.push(t('Endpoint: {0}', facts.endpoint));
  if (facts.accessDenied) lines.push(...accessDeniedLines(facts.accessDenied));
  const product = guessProduct(facts);
  if (product) lines.push(t('Product (guessed): {0}', product));
  const category = guessCategory(facts);
  if (category) lines.push(t('Kind of problem (guessed): {0}', category));
  return lines;
}

export function environmentLines(env: EnvironmentFacts): string[] {
  return [
    t('Environment (you chose to include it; edit or remove it before Submit):'),
    `  ${t('Operating system: {0}', env.os)}`,
    `  ${t('VS Code: {0}', env.vscodeVersion)}`,
    `  ${t('Alibaba Cloud Tickets extension: {0}', env.extensionVersion)}`,
    `  ${t('Site: {0}', env.site)}`,
    `  ${t('Display language: {0}', env.language)}`,
  ];
}

/**
 * The RequestId prefill with the request's facts (and the environment, when given) after it; a title naming the
 * failed action and code when the prefill's is the generic one; the guessed product, which the form starts with
 * chosen when the catalogue has it (templates/catalogChoice.ts).
 */
export function withErrorFacts(prefill: Prefill, facts: ErrorFacts | undefined, env?: EnvironmentFacts): Prefill {
  const factLines = facts ? factsLines(facts) : [];
  const blocks = [prefill.description.replace(/\s*$/, '')];
  if (factLines.length) blocks.push(factLines.join('\n'));
  if (env) blocks.push(environmentLines(env).join('\n'));
  const title =
    facts?.action && facts.code
      ? t('{0} failed with {1} (RequestId {2})', facts.action, facts.code, facts.requestId)
      : prefill.title;
  const product = facts ? guessProduct(facts) : undefined;
  return { ...(title ? { title } : {}), description: `${blocks.join('\n\n')}\n`, ...(product ? { product } : {}) };
}
