// Seed data sets. Deterministic for a given `now` (a fixed pseudo-random sequence), so tests can rely on counts
// while times stay relative to the present (a demo shows "3 days ago", not 2021).
import { HOSTILE_STRINGS } from '../fixtures/hostile-strings';
import { SeverityValue, StatusValue, StoredNote, StoredTicket } from './model';

export type SeedName = 'demo' | 'empty' | 'hostile';

export interface SeedData {
  tickets: StoredTicket[];
  notes: Map<string, StoredNote[]>;
}

/** Number of tickets in the demo seed: more than one page of 100. */
export const DEMO_TICKET_COUNT = 150;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Small deterministic PRNG (mulberry32): every run seeds the same tickets; tests use it for repeatable fuzzing. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildSeed(name: SeedName, now: number): SeedData {
  switch (name) {
    case 'empty':
      return { tickets: [], notes: new Map() };
    case 'hostile':
      return hostileSeed(now);
    case 'demo':
      return demoSeed(now);
    default:
      throw new Error(`Unknown seed "${String(name)}": use demo, empty or hostile`);
  }
}

// ---------------------------------------------------------------- demo

const TOPICS: Array<{ title: string; description: string; category: string }> = [
  {
    title: 'ECS renewal failed',
    description:
      'Auto-renewal of instance i-bp1demo0001 failed last night.\nThe console shows "renewal order unpaid" although the balance is sufficient.\nPlease check the order.',
    category: '7161',
  },
  {
    title: 'ecs续费失败啥原因',
    description: 'ecs无法启动\n续费订单显示未支付，但账户余额充足。\n实例ID：i-bp1demo0002',
    category: '7161',
  },
  {
    title: 'RDS slow queries after upgrade',
    description:
      "After upgrading RDS MySQL 5.7 to 8.0 several queries take 10x longer.\nSlow log excerpt:\n# Query_time: 12.4  Lock_time: 0.0 Rows_examined: 2000000\nSELECT * FROM orders WHERE status <> 'done';",
    category: '7201',
  },
  {
    title: 'RDS 慢查询告警',
    description: '从昨天下午开始 RDS 实例频繁出现慢查询告警。\nCPU 使用率 95%。\n请协助排查。',
    category: '7201',
  },
  {
    title: 'OSS returns 403 AccessDenied',
    description:
      'PUT object to bucket demo-bucket returns 403.\nResponse body:\n<Error><Code>AccessDenied</Code><Message>The bucket you access does not belong to you.</Message></Error>\nRAM policy attached: AliyunOSSFullAccess.',
    category: '7302',
  },
  {
    title: 'OSS 403 签名错误',
    description: '使用 SDK 上传文件时返回 403 SignatureDoesNotMatch。\n本地时间已同步。',
    category: '7302',
  },
  {
    title: 'SLB health check failing',
    description:
      'Backend servers marked unhealthy by SLB although they answer on port 80.\nHealth check path: /healthz\nnginx log shows <b>no requests</b> from 100.64.0.0/10.',
    category: '7410',
  },
  {
    title: 'SLB 健康检查异常',
    description: '负载均衡后端服务器健康检查一直失败。\n监听端口：443\n后端服务正常。',
    category: '7410',
  },
  {
    title: 'Domain ICP filing stuck',
    description: 'ICP filing for example.cn has been "under review" for 20 days.\nWhat else do we need to provide?',
    category: '8001',
  },
  {
    title: 'CDN cache not refreshing',
    description:
      'Refreshed https://cdn.example.com/app.js three times, users still get the old file.\nRefresh task id: 123456789',
    category: '7520',
  },
  {
    title: 'Web app shows script error in log',
    description:
      'Our WAF blocked a request; log excerpt below:\n  GET /search?q=<script>alert(1)</script> 403\n  Rule: xss-block-01\nIs this a false positive?',
    category: '7610',
  },
  {
    title: 'ACK node NotReady',
    description:
      'Two nodes of cluster c-demo01 went NotReady.\nkubelet: PLEG is not healthy: pleg was last seen active 3m0s ago\nPlease advise.',
    category: '7701',
  },
  { title: '账单金额异常', description: '本月账单比上月多出 3000 元。\n请帮忙核对流量费用明细。', category: '9001' },
  {
    title: 'Cannot connect to Redis from ECS',
    description:
      'ECS in vpc-demo cannot reach Redis r-demo.redis.rds.aliyuncs.com:6379.\nWhitelist includes 192.168.0.0/16.\ntelnet times out.',
    category: '7220',
  },
  {
    title: 'Elastic IP unbind error',
    description: 'Unbinding EIP eip-demo01 fails with "IncorrectEipStatus".\nThe EIP shows "InUse" in the console.',
    category: '7120',
  },
  {
    title: '短信发送失败 isv.BUSINESS_LIMIT_CONTROL',
    description: '短信服务发送验证码失败，错误码 isv.BUSINESS_LIMIT_CONTROL。\n同一手机号一小时内只发送了 3 条。',
    category: '8101',
  },
  {
    title: 'Function Compute cold start > 5s',
    description:
      'Python 3.10 function cold starts take more than 5 seconds.\nPackage size 48 MB.\nAny recommendations besides provisioned instances?',
    category: '7801',
  },
  {
    title: 'NAS mount timeout',
    description:
      'mount -t nfs -o vers=3 xxx.cn-hangzhou.nas.aliyuncs.com:/ /mnt times out.\nSecurity group allows 2049.',
    category: '7330',
  },
];

const AGENT_REPLIES = [
  '您好，我们已收到您的问题，正在排查中，请稍候。',
  'Hello, thank you for contacting Alibaba Cloud support. We are looking into this now.',
  'Could you please share the RequestId of the failing call and the exact time (UTC+8) it happened?',
  '请提供实例 ID 以及出现问题的具体时间，方便我们进一步排查。',
  'We found the cause: the security group rule was missing for the health check source range 100.64.0.0/10.\nAfter adding it the backends became healthy. Please confirm on your side.',
  '问题已经修复，请您确认是否恢复正常。如仍有问题，请随时回复。',
  'The slow log shows a full table scan. Adding an index on orders(status) should help:\n  ALTER TABLE orders ADD INDEX idx_status (status);',
];

const USER_REPLIES = [
  'RequestId: 5E4B7C1D-0A8F-4F3B-9C2E-1D6A7B8C9D0E, happened at 2026-11-20 14:32.',
  '谢谢，已经恢复正常了。',
  'Still failing. Screenshot attached.',
  '实例 ID：i-bp1demo0003，时间大约是昨天下午三点。',
  'Confirmed, it works now. Thanks!',
  'The error is back since this morning, see the attached log.',
];

/**
 * The n-th of `count` notes, read in order: support acknowledges, asks for details, then reports a cause; the user
 * answers in between. The language follows the ticket title so a conversation does not switch language halfway.
 */
function conversationLine(title: string, n: number, count: number): string {
  const chinese = /[\u4e00-\u9fff]/.test(title);
  const agent = n % 2 === 0;
  const agentScript = chinese
    ? [AGENT_REPLIES[0], AGENT_REPLIES[3], AGENT_REPLIES[5]]
    : [AGENT_REPLIES[1], AGENT_REPLIES[2], /RDS|slow|慢/i.test(title) ? AGENT_REPLIES[6] : AGENT_REPLIES[4]];
  const userScript = chinese ? [USER_REPLIES[3], USER_REPLIES[1]] : [USER_REPLIES[0], USER_REPLIES[4]];
  if (agent) {
    // The last agent turn of a long conversation is the answer; earlier ones follow the script.
    const turn = Math.floor(n / 2);
    const isLastAgentTurn = n + 2 >= count;
    return agentScript[isLastAgentTurn && count > 2 ? agentScript.length - 1 : Math.min(turn, agentScript.length - 1)];
  }
  // The user confirms only right after support's answer; before that they send details.
  const answeredJustBefore = n + 1 >= count && count > 2;
  return userScript[answeredJustBefore ? 1 : 0];
}

const AGENTS = ['阿里云技术支持-小云', 'Alibaba Cloud Support - Kevin', '售后工程师 张工', 'Support Engineer Lin'];
const USERS = ['demo-user', '开发者小王', 'ops@example.com'];

/** A new id of the documented shape ("00" + digits, then letters; 9–10 characters) that `isTaken` refuses not. */
export function generateTicketId(next: () => number, isTaken: (id: string) => boolean): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (;;) {
    const length = next() < 0.5 ? 9 : 10;
    const digitCount = 3 + Math.floor(next() * 4); // the documented ids start with 4-6 digits ("0005", "001571")
    let id = '00';
    while (id.length < digitCount) id += String(Math.floor(next() * 10));
    while (id.length < length) id += letters[Math.floor(next() * letters.length)];
    if (!isTaken(id)) return id;
  }
}

function demoSeed(now: number): SeedData {
  const next = seededRandom(20210610);
  const tickets: StoredTicket[] = [];
  const notes = new Map<string, StoredNote[]>();
  const taken = new Set<string>(['0005PYGCW', '001571BTXC']);
  let dialogSeq = 1000;

  // The two ids from the official docs, recent so they are on the first page.
  tickets.push({
    ticketId: '0005PYGCW',
    title: 'ecs续费失败啥原因',
    description: 'ecs无法启动\n续费时提示订单异常，控制台截图见附件。',
    createTime: now - 2 * DAY - 3 * HOUR,
    creatorId: '1168025',
    categoryId: '7161',
    status: 6,
    severity: 1,
  });
  tickets.push({
    ticketId: '001571BTXC',
    title: 'OSS 403 when uploading from <b>CI</b>',
    description:
      'Uploads from our CI runner fail with 403.\nLog excerpt:\n  <script>console.log("upload")</script>\n  HTTP/1.1 403 Forbidden\n  x-oss-request-id: 6A7B8C9D\nWe did not change the RAM policy.',
    createTime: now - 5 * HOUR,
    creatorId: '1604499804113750',
    categoryId: '7302',
    status: 3,
    severity: 2,
  });

  while (tickets.length < DEMO_TICKET_COUNT) {
    const i = tickets.length;
    const topic = TOPICS[Math.floor(next() * TOPICS.length)];
    // Spread over roughly the last five months; a few per day.
    const createTime = now - Math.floor(next() * 150 * DAY) - Math.floor(next() * DAY);
    const ticketId = generateTicketId(next, (id) => taken.has(id));
    taken.add(ticketId);
    tickets.push({
      ticketId,
      title: i % 7 === 0 ? `${topic.title} (#${i})` : topic.title,
      description: topic.description,
      createTime,
      creatorId: '1604499804113750',
      categoryId: topic.category,
      status: ((i % 6) + 1) as StatusValue,
      severity: (next() < 0.25 ? 2 : 1) as SeverityValue,
    });
  }

  for (const ticket of tickets) {
    const count = 1 + Math.floor(next() * 5);
    const list: StoredNote[] = [];
    let time = ticket.createTime;
    // Replies fit between the ticket's creation and now, so young tickets get minutes apart, old ones hours.
    const span = Math.max(count * 60_000, now - ticket.createTime - 60_000);
    const maxGap = Math.min(20 * HOUR, Math.floor(span / (count + 1)));
    const userName = USERS[Math.floor(next() * USERS.length)];
    const agentName = AGENTS[Math.floor(next() * AGENTS.length)];
    for (let n = 0; n < count; n++) {
      time += 60_000 + Math.floor(next() * Math.max(0, maxGap - 60_000));
      const agent = n % 2 === 0; // support answers first, then the user replies
      const withAttachment = next() < 0.2;
      list.push({
        dialogId: ++dialogSeq,
        createTime: time,
        type: 2,
        readStatus: n === count - 1 && agent ? 1 : 2,
        content: (next(), conversationLine(ticket.title, n, count)), // the draw keeps the seed's sequence (ids, statuses) unchanged
        schema: '',
        userName: agent ? agentName : userName,
        role: agent ? 2 : 3,
        attachments: withAttachment
          ? [
              {
                name: agent ? 'diagnosis.pdf' : '截图.png',
                url: `https://workorder-attachments.oss-cn-hangzhou.aliyuncs.com/demo/${ticket.ticketId}/${dialogSeq}/${agent ? 'diagnosis.pdf' : 'screenshot.png'}?Expires=1893456000&Signature=demo`,
              },
            ]
          : [],
      });
    }
    notes.set(ticket.ticketId, list);
  }
  return { tickets, notes };
}

// ---------------------------------------------------------------- hostile

/** Ids of the hostile seed: HST + 7 digits (valid id shape), one ticket per corpus entry, in corpus order. */
export function hostileTicketId(index: number): string {
  return 'HST' + String(index).padStart(7, '0');
}

const HOSTILE_URLS = [
  'javascript:alert(document.domain)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'http://insecure.example/file.txt',
  'command:workbench.action.terminal.new',
  'vscode://file/etc/passwd',
  'file:///etc/passwd',
  'https://legit.example/report.pdf?x="><script>alert(1)</script>',
];

function hostileSeed(now: number): SeedData {
  const tickets: StoredTicket[] = [];
  const notes = new Map<string, StoredNote[]>();
  let dialogSeq = 9000;
  HOSTILE_STRINGS.forEach((entry, index) => {
    const ticketId = hostileTicketId(index);
    const value = entry.value;
    tickets.push({
      ticketId,
      title: value,
      description: `${value}\n---\n${value}`,
      createTime: now - index * HOUR,
      creatorId: value,
      categoryId: value,
      status: ((index % 6) + 1) as StatusValue,
      severity: ((index % 2) + 1) as SeverityValue,
      // Every third ticket gets server labels that are hostile too.
      ...(index % 3 === 0 ? { statusLabel: value, severityLabel: value } : {}),
    });
    const url = HOSTILE_URLS[index % HOSTILE_URLS.length];
    notes.set(ticketId, [
      {
        dialogId: ++dialogSeq,
        createTime: now - index * HOUR + 60_000,
        type: 2,
        readStatus: 2,
        content: value,
        schema: value,
        userName: value,
        role: 2,
        attachments: [
          { name: value, url },
          { name: 'report.pdf', url: 'https://example.com/report.pdf' },
          { name: value.slice(0, 200), url: `https://example.com/${encodeURIComponent(entry.label)}` },
          // The raw string as a URL: whatever the server sends as Url must not become a live link unless https.
          { name: entry.label, url: value },
        ],
      },
      {
        dialogId: ++dialogSeq,
        createTime: now - index * HOUR + 120_000,
        type: 2,
        readStatus: 1,
        content: `reply: ${value}`,
        schema: '',
        userName: value,
        role: 3,
        attachments: [{ name: `${entry.label}.txt`, url: HOSTILE_URLS[(index + 3) % HOSTILE_URLS.length] }],
      },
    ]);
  });
  return { tickets, notes };
}
