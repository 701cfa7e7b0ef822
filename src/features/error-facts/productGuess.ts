// Which product and which kind of problem a failed request is about, where its facts make it clear: the service of
// the denied RAM action ("ecs:RunInstances"), of the host that answered ("ecs.cn-hangzhou.aliyuncs.com"), or of the
// Recommend link ("product=Ecs"); the kind from the error code. Only well-known services are named: a guess the user
// would have to correct is worse than none. No vscode import.
import { t } from '../../common/l10n';
import type { ErrorFacts } from './facts';

/** Service codes (as in RAM actions and endpoint hosts) and the product's name in the console's catalog. */
const PRODUCTS: Readonly<Record<string, string>> = {
  ecs: 'Elastic Compute Service (ECS)',
  rds: 'ApsaraDB RDS',
  oss: 'Object Storage Service (OSS)',
  slb: 'Server Load Balancer (SLB)',
  alb: 'Application Load Balancer (ALB)',
  nlb: 'Network Load Balancer (NLB)',
  vpc: 'Virtual Private Cloud (VPC)',
  ram: 'Resource Access Management (RAM)',
  sts: 'Resource Access Management (RAM)',
  workorder: 'Ticket System',
  cs: 'Container Service for Kubernetes (ACK)',
  fc: 'Function Compute',
  log: 'Simple Log Service (SLS)',
  sls: 'Simple Log Service (SLS)',
  kms: 'Key Management Service (KMS)',
  cdn: 'Content Delivery Network (CDN)',
  alidns: 'Alibaba Cloud DNS',
  cms: 'CloudMonitor',
  'r-kvstore': 'ApsaraDB for Redis',
  kvstore: 'ApsaraDB for Redis',
  polardb: 'PolarDB',
  dds: 'ApsaraDB for MongoDB',
  ess: 'Auto Scaling',
  nas: 'File Storage NAS',
  mq: 'ApsaraMQ',
  ons: 'ApsaraMQ for RocketMQ',
  cr: 'Container Registry',
  waf: 'Web Application Firewall',
  bssopenapi: 'Billing',
};

function knownService(code: string | undefined): string | undefined {
  const key = code?.trim().toLowerCase();
  return key && Object.prototype.hasOwnProperty.call(PRODUCTS, key) ? key : undefined;
}

/** The service a host names: its first label, without a region ("ecs-cn-hangzhou", "ecs.cn-hangzhou" -> "ecs"). */
function hostService(host: string | undefined): string | undefined {
  if (!host) return undefined;
  let name = host.trim().toLowerCase();
  try {
    if (/^https?:\/\//.test(name)) name = new URL(name).hostname;
  } catch {
    return undefined;
  }
  if (!/\.(aliyuncs\.com|alibabacloud\.com)$/.test(name)) return undefined;
  const first = name.split('.')[0];
  return knownService(first) ?? knownService(first.split('-')[0]);
}

function recommendService(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return knownService(new URL(link).searchParams.get('product') ?? undefined);
  } catch {
    return undefined;
  }
}

/** The product's catalog name, when the facts name a well-known service. */
export function guessProduct(facts: ErrorFacts): string | undefined {
  const authAction = typeof facts.accessDenied?.AuthAction === 'string' ? facts.accessDenied.AuthAction : undefined;
  const service =
    knownService(authAction?.split(':')[0]) ??
    hostService(facts.hostId) ??
    recommendService(facts.recommend) ??
    hostService(facts.endpoint);
  return service ? PRODUCTS[service] : undefined;
}

/** The kind of problem, in the display language, when the error code makes it clear. */
export function guessCategory(facts: ErrorFacts): string | undefined {
  const code = facts.code ?? '';
  if (facts.accessDenied || /^(no ?permissions?|forbidden(?!\.accesskeydisabled)|noPermission)/i.test(code))
    return t('Access permissions (RAM)');
  if (/^throttling/i.test(code)) return t('Throttling and quotas');
  if (
    /^(InvalidAccessKey|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|MissingSecurityToken)/.test(code)
  )
    return t('AccessKey and signing');
  if (/^(InternalError|ServiceUnavailable|System\.error)$/i.test(code) || (facts.httpStatus ?? 0) >= 500)
    return t('Service errors');
  return undefined;
}
