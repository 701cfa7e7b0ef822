// Finding credentials in text about to leave in clear (a ticket description, a reply, a reopen reason, a rating
// comment): the key shapes are secretShapes.ts's; here what the user is told of them. Pure: no vscode import,
// unit-tested against a corpus of true and false positives (test/unit/secret-guard/corpus.ts).
import { t } from '../../common/l10n';
import { replaceFindings, type SecretFinding, type SecretKind } from './secretShapes';

export { findSecrets, isPlaceholder, mask } from './secretShapes';
export type { SecretFinding, SecretKind } from './secretShapes';

/** The text with each finding replaced by a marker naming what was there ("[redacted: password]"). */
export function redact(
  text: string,
  findings: readonly SecretFinding[],
  marker: (kind: SecretKind) => string = (kind) => t('redacted: {0}', secretKindLabel(kind)),
): string {
  return replaceFindings(text, findings, (finding) => `[${marker(finding.kind)}]`);
}

/** What each kind is called in the question to the user. */
export function secretKindLabel(kind: SecretKind): string {
  switch (kind) {
    case 'alibabaAccessKeyId':
      return t('Alibaba Cloud AccessKey ID');
    case 'alibabaAccessKeySecret':
      return t('Alibaba Cloud AccessKey Secret');
    case 'stsToken':
      return t('STS security token');
    case 'privateKey':
      return t('private key');
    case 'urlPassword':
      return t('password in a URL');
    case 'password':
      return t('password');
    case 'jwt':
      return t('JSON Web Token');
    case 'awsAccessKeyId':
      return t('AWS access key ID');
    case 'awsSecretKey':
      return t('AWS secret access key');
    case 'githubToken':
      return t('GitHub token');
    case 'gitlabToken':
      return t('GitLab token');
    case 'slackToken':
      return t('Slack token or webhook');
    case 'googleApiKey':
      return t('Google API key');
    case 'stripeKey':
      return t('Stripe live key');
    case 'aiApiKey':
      return t('AI service API key');
    case 'npmToken':
      return t('npm token');
    case 'azureKey':
      return t('Azure account key');
    case 'bearerToken':
      return t('Authorization header');
    case 'secretAssignment':
      return t('API key or secret');
  }
}
