/* eslint-disable no-template-curly-in-string -- `${VAR}` placeholders people write in configs are the test data */
// The secret guard's corpus: texts that carry a credential (each must be found, with its kind) and texts that carry
// none but look busy (each must pass untouched). The fake keys are assembled from parts so that no scanner of this
// repository mistakes the file for a leak. `knownMiss` marks a credential the guard does not find, on purpose: a bare
// 30-character AccessKey Secret with nothing around it is indistinguishable from any identifier, and flagging every
// such token would make the guard cry wolf; these count against the detection rate reported in docs/filing.md.
import type { SecretKind } from '../../../src/features/secret-guard/detector';

export interface PositiveCase {
  label: string;
  text: string;
  kind: SecretKind;
  knownMiss?: boolean;
}

export interface NegativeCase {
  label: string;
  text: string;
}

const j = (...parts: string[]) => parts.join('');
export const FAKE = {
  akId: j('LTAI', '5tQ9mP2xR7vK3nB8wZ4c'),
  akSecret: j('Xk3mP9qR2vT7', 'wY5zA8bC1dE4fG6hJ0'),
  stsId: j('STS.', 'NUgYrLnoC37mZZCNnAbez8ap'),
  stsToken: j(
    'CAIS',
    '8gF1q6Ft5B2yfSjIr5bBLt/HP7Nb',
    '2LBW1vWmUlzIi2RhbOZi2o7Hnwj5',
    'Iv1EdXBvAOwasPs/nWhS5/',
    'oVlsd+GoABGgAA',
  ),
  aws: j('AKIA', 'Q3EGRIEXAMPL3X7Z'),
  awsSecret: j('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYzEXAMPLEKE'),
  ghp: j('ghp_', 'R2d9Xk3mP9qR2vT7wY5zA8bC1dE4fG6hJ0Lm'),
  ghPat: j('github_pat_', '11ABCDEFG0', 'abcdefghijklmnopqrstuv_WXYZ0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL'),
  glpat: j('glpat-', 'xR7vK3nB8wZ4cQ9mP2aB'),
  slack: j('xoxb-', '2464719305-4417850129845-', 'Zq9xR7vK3nB8wZ4cQ9mP2aB'),
  slackHook: j('https://hooks.slack.com/services/', 'T02ABCD1E/B03FGHI2J/', 'k3mP9qR2vT7wY5zA8bC1dE4f'),
  google: j('AIza', 'SyD4mP9qR2vT7wY5zA8bC1dE4fG6hJ0LmNo'),
  stripe: j('sk_live_', '51Hx9mP2xR7vK3nB8wZ4cY6q'),
  openai: j('sk-proj-', 'Xk3mP9qR2vT7wY5zA8bC1dE4fG6hJ0LmNoPq', 'Rs7Tu8Vw9Xy0Za1Bc2De3'),
  npm: j('npm_', 'Xk3mP9qR2vT7wY5zA8bC1dE4fG6hJ0LmNoPq'),
  jwt: j(
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
    '.',
    'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ',
    '.',
    'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  ),
  azure: j('AccountKey=', 'Xk3mP9qR2vT7wY5zA8bC1dE4fG6hJ0LmNoPqRs7Tu8Vw9Xy0Za1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu1Vw2Xy=='),
};

const PEM = j(
  '-----BEGIN RSA ',
  'PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naFDrBz9vFqU4yBXYuXvW7xYc1Rz2bB1/Xk3mP9qR2vT7wY5zA8bC1dE4fG6hJ0Lm\n-----END RSA ',
  'PRIVATE KEY-----',
);
const OPENSSH = j(
  '-----BEGIN OPENSSH ',
  'PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH ',
  'PRIVATE KEY-----',
);

export const POSITIVES: readonly PositiveCase[] = [
  { label: 'AccessKey ID alone', text: `The key ${FAKE.akId} stopped working today`, kind: 'alibabaAccessKeyId' },
  { label: 'AccessKey ID in env', text: `ALIBABA_CLOUD_ACCESS_KEY_ID=${FAKE.akId}`, kind: 'alibabaAccessKeyId' },
  {
    label: 'AccessKey Secret in env',
    text: `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${FAKE.akSecret}`,
    kind: 'alibabaAccessKeySecret',
  },
  {
    label: 'AccessKey Secret in aliyun CLI config',
    text: `"access_key_secret": "${FAKE.akSecret}",`,
    kind: 'alibabaAccessKeySecret',
  },
  {
    label: 'AccessKey Secret in Java code',
    text: `config.setAccessKeySecret("${FAKE.akSecret}");`,
    kind: 'alibabaAccessKeySecret',
  },
  { label: 'AccessKey Secret in YAML', text: `  accessKeySecret: ${FAKE.akSecret}`, kind: 'alibabaAccessKeySecret' },
  {
    label: 'AccessKey Secret as CLI flag',
    text: `aliyun configure set --access-key-secret ${FAKE.akSecret}`,
    kind: 'alibabaAccessKeySecret',
  },
  {
    label: 'AccessKey Secret in Python SDK',
    text: `AcsClient('${FAKE.akId}', access_key_secret='${FAKE.akSecret}')`,
    kind: 'alibabaAccessKeySecret',
  },
  {
    label: 'secret in a pasted key pair',
    text: `id: ${FAKE.akId}\nsecret: ${FAKE.akSecret}`,
    kind: 'alibabaAccessKeySecret',
  },
  {
    label: 'bare AccessKey Secret',
    text: `I rotated it, the new one is ${FAKE.akSecret} if you need it`,
    kind: 'alibabaAccessKeySecret',
    knownMiss: true,
  },
  { label: 'STS AccessKey ID', text: `AccessKeyId: ${FAKE.stsId}`, kind: 'alibabaAccessKeyId' },
  { label: 'STS token', text: `ALIBABA_CLOUD_SECURITY_TOKEN=${FAKE.stsToken}`, kind: 'stsToken' },
  { label: 'STS token in a header', text: `x-acs-security-token: ${FAKE.stsToken.slice(4)}`, kind: 'stsToken' },
  { label: 'RSA private key', text: `key.pem:\n${PEM}\n`, kind: 'privateKey' },
  { label: 'OpenSSH private key', text: OPENSSH, kind: 'privateKey' },
  {
    label: 'private key cut short',
    text: j('-----BEGIN ', 'PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC'),
    kind: 'privateKey',
  },
  {
    label: 'private key in JSON',
    text: j('"private_key": "-----BEGIN ', 'PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END ', 'PRIVATE KEY-----\\n"'),
    kind: 'privateKey',
  },
  {
    label: 'MySQL URL with password',
    text: 'jdbc:mysql://admin:S3cr3tPass!@rm-bp1abc.mysql.rds.aliyuncs.com:3306/app',
    kind: 'urlPassword',
  },
  {
    label: 'Redis URL with password',
    text: 'REDIS_URL=redis://default:q8Zk2pLm4Tx@r-bp1xyz.redis.rds.aliyuncs.com:6379',
    kind: 'urlPassword',
  },
  {
    label: 'PostgreSQL URL with password',
    text: 'postgresql://app:hunter2hunter2@pgm-bp1.pg.rds.aliyuncs.com/db',
    kind: 'urlPassword',
  },
  {
    label: 'HTTP proxy with password',
    text: 'http.proxy = http://jdoe:Winter2026@proxy.corp.example:8080',
    kind: 'urlPassword',
  },
  {
    label: '.NET connection string',
    text: 'Server=rm-bp1.sqlserver.rds.aliyuncs.com;Database=app;User Id=sa;Password=P@ssw0rd2026;',
    kind: 'password',
  },
  { label: 'JDBC password parameter', text: 'jdbc:mysql://rm-bp1/app?user=root&password=Tr0ub4dor3', kind: 'password' },
  { label: 'password in YAML', text: 'spring.datasource.password: "x9!Lm2@pQ7"', kind: 'password' },
  { label: 'password in JSON', text: '{"username": "ops", "password": "correct horse battery"}', kind: 'password' },
  { label: 'PGPASSWORD env', text: 'PGPASSWORD=Gr33nT3a psql -h pgm-bp1', kind: 'password' },
  { label: 'JWT', text: `Authorization failed for token ${FAKE.jwt}`, kind: 'jwt' },
  {
    label: 'Bearer header',
    text: `curl -H "Authorization: Bearer ${j('ya29.', 'a0AfH6SMBx3mP9qR2vT7wY5zA8bC1d')}" https://api.example.com`,
    kind: 'bearerToken',
  },
  {
    label: 'Basic auth header',
    text: `Authorization: Basic ${j('YWRtaW46', 'U3VwZXJTZWNyZXQxMjM=')}`,
    kind: 'bearerToken',
  },
  { label: 'AWS access key ID', text: `aws_access_key_id = ${FAKE.aws}`, kind: 'awsAccessKeyId' },
  { label: 'AWS secret access key', text: `aws_secret_access_key = ${FAKE.awsSecret}`, kind: 'awsSecretKey' },
  { label: 'GitHub classic token', text: `git clone https://${FAKE.ghp}@github.com/org/repo`, kind: 'githubToken' },
  { label: 'GitHub fine-grained token', text: `GITHUB_TOKEN=${FAKE.ghPat}`, kind: 'githubToken' },
  { label: 'GitLab token', text: `--header "PRIVATE-TOKEN: ${FAKE.glpat}"`, kind: 'gitlabToken' },
  { label: 'Slack bot token', text: `SLACK_BOT_TOKEN=${FAKE.slack}`, kind: 'slackToken' },
  { label: 'Slack webhook', text: `webhook: ${FAKE.slackHook}`, kind: 'slackToken' },
  { label: 'Google API key', text: `const key = "${FAKE.google}";`, kind: 'googleApiKey' },
  { label: 'Stripe live key', text: `STRIPE_KEY=${FAKE.stripe}`, kind: 'stripeKey' },
  { label: 'OpenAI project key', text: `OPENAI_API_KEY=${FAKE.openai}`, kind: 'aiApiKey' },
  { label: 'npm token', text: `//registry.npmjs.org/:_authToken=${FAKE.npm}`, kind: 'npmToken' },
  {
    label: 'Azure storage account key',
    text: `DefaultEndpointsProtocol=https;AccountName=x;${FAKE.azure};EndpointSuffix=core.windows.net`,
    kind: 'azureKey',
  },
  {
    label: 'generic API key assignment',
    text: 'DINGTALK_APP_SECRET = "dK8xP2mQ7rT4vW9yZ3bC6fH1jL5nS0"',
    kind: 'secretAssignment',
  },
  {
    label: 'client secret in JSON',
    text: '"client_secret": "8Q~xR7vK3nB8wZ4cQ9mP2aBdE4fG6hJ0Lm"',
    kind: 'secretAssignment',
  },
];

const RID = 'C499BB0F-630D-5BE6-B3EA-5FCD95B85503';
const PNG = j(
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk',
  'LTAI5tQ9mP2xR7vK3nB8wZ4c',
  'AKIAQ3EGRIEXAMPL3X7ZeyJhbGciOiJIUzI1NiJ9Pq8AAAAASUVORK5CYII=',
);

export const NEGATIVES: readonly NegativeCase[] = [
  { label: 'ticket ids', text: 'Same as ticket 0005PYGCW and 001571BTXC, still open.' },
  { label: 'RequestId', text: `Throttling.User: Request was denied due to user flow control. RequestId: ${RID}` },
  { label: 'lower-case UUID', text: 'trace_id=c499bb0f-630d-5be6-b3ea-5fcd95b85503 span=7f3e' },
  { label: 'MD5', text: 'md5sum: 9e107d9d372bb6826bd81d3542a419d6  app.tar.gz' },
  { label: 'SHA-1 commit', text: 'fixed in commit 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12' },
  { label: 'SHA-256', text: 'sha256:7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259' },
  { label: 'V3 signature', text: 'Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0' },
  { label: 'base64 PNG image with key-like runs inside', text: `![screenshot](${PNG})` },
  { label: 'base64 blob', text: 'payload: eyJ0aGlzIjoiaXMgbm90IGEgand0In0= (base64 of a JSON body)' },
  { label: 'docs example AccessKey', text: 'AccessKeyId YourAccessKeyId, AccessKeySecret YourAccessKeySecret' },
  { label: 'masked AccessKey as the console shows it', text: 'AccessKey LTAI5t**************8wZ4c is enabled' },
  { label: 'the word LTAI in prose', text: 'Our LTAI-prefixed keys are rotated every 90 days.' },
  { label: 'URL without password', text: 'https://workorder.aliyuncs.com/?Action=GetTicket&TicketId=0005PYGCW' },
  { label: 'URL with user only', text: 'ssh://git@codeup.aliyun.com:22/org/repo.git and mysql://root@localhost/db' },
  { label: 'git SSH remote', text: 'git@github.com:org/repo.git' },
  { label: 'e-mail address', text: 'Contact ops-team@example.com or oncall+db@example.org' },
  {
    label: 'URL password placeholder',
    text: 'mysql://user:<password>@host/db or redis://:${REDIS_PASSWORD}@host:6379',
  },
  { label: 'URL password stars', text: 'amqp://guest:******@mq.example:5672' },
  {
    label: 'password placeholders',
    text: 'password=${DB_PASSWORD}\npassword: ********\n"password": "<your password>"\npwd=xxxx',
  },
  { label: 'password from environment', text: 'password = os.environ["DB_PASS"]; passwd=process.env.PASS' },
  { label: 'password prompt in prose', text: 'The password: field is empty after login and password reset fails.' },
  { label: 'password=true flag', text: 'ssh -o PasswordAuthentication=no; password=true' },
  {
    label: 'AccessDeniedDetail',
    text: '{"AuthAction":"ram:GetTicket","AuthPrincipalDisplayName":"2146216584788xxxxx","AuthPrincipalOwnerId":"1135850448xxxxx","AuthPrincipalType":"SubUser","NoPermissionType":"ImplicitDeny","PolicyType":"AccountLevelIdentityBasedPolicy"}',
  },
  {
    label: 'error with Recommend link',
    text: `Recommend: https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=Workorder&requestId=${RID}`,
  },
  {
    label: 'instance and resource ids',
    text: 'i-bp1g6zv0ce8oghu7k8vb vpc-bp1opxu1zkhn00gzv26cq sg-bp1fg655nh68xyz9i8b8 acs:ram::1135850448123456:role/aliyunecsrole',
  },
  {
    label: 'stack trace',
    text: 'at com.aliyun.tea.TeaModel.validate(TeaModel.java:242)\nat App.main(App.java:17)\nCaused by: java.net.SocketTimeoutException',
  },
  {
    label: 'nginx log line',
    text: '10.0.0.1 - - [05/Dec/2026:15:53:38 +0000] "GET /api/v1/items?page=2 HTTP/1.1" 502 157 "-" "curl/8.4.0"',
  },
  {
    label: 'public certificate',
    text: '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----',
  },
  {
    label: 'public key',
    text: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----',
  },
  {
    label: 'SSH public key',
    text: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@bastion',
  },
  { label: 'secret as a word', text: 'The secret is to restart the SLB listener first, then the ECS instance.' },
  { label: 'token counts', text: 'max_tokens: 4096, token_count=123456789012345678' },
  { label: 'api_key from a variable', text: 'client = Client(api_key=get_api_key_from_kms(), region="cn-hangzhou")' },
  { label: 'Kubernetes secret reference', text: 'secretKeyRef:\n  name: db-credentials\n  key: password' },
  { label: 'sk- in prose', text: 'See the sk-learn docs and task-force-planning-2026-q4-milestones-and-owners-list.' },
  {
    label: 'version strings and dates',
    text: 'VS Code 1.139.1, Node v20.19.43, 2026-12-05T15:53:38Z, build 20261205.3',
  },
  { label: 'hex color and numbers', text: 'color: #FF6A00; margin: 0 12px; id=12345678901234567890' },
  { label: 'Chinese text', text: '工单 0005PYGCW 中提到的密码重置问题仍未解决，请协助排查。' },
  { label: 'ARN-like and OSS paths', text: 'oss://my-bucket/logs/2026/12/05/app.log and acs:oss:*:*:my-bucket/*' },
  { label: 'AWS docs example without key shape', text: 'aws_access_key_id = <YOUR_ACCESS_KEY_ID>' },
  { label: 'JWT header alone', text: 'The token header eyJhbGciOiJIUzI1NiJ9 decodes to {"alg":"HS256"}' },
  { label: 'webpack hash chunk names', text: 'main.3f9a8c7d2b1e4f60.js vendors~main.a1b2c3d4e5f6a7b8c9d0.chunk.js' },
  { label: 'npm package names', text: 'npm_config_nodedir=/opt/node npm_package_version=0.1.0' },
];
