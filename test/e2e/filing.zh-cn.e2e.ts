// Filing better tickets in Simplified Chinese (the runner starts this suite's code-server in zh-cn, from its file
// name): the same steps as filing.e2e.ts, each matching the words as a Chinese user sees them (filingSteps.ts). The
// template's name and category are the team's own text, written in Chinese here.
import { describeFiling } from './filingSteps';

describeFiling('zh-cn', '数据库慢查询', '性能问题');
