// Filing better tickets in English: the secret guard's modal on a reply with a pasted AccessKey, a completed ticket's
// diagnostic in a workspace file, a team template offered by New Ticket (the steps: filingSteps.ts).
import { describeFiling } from './filingSteps';

describeFiling('en', 'RDS slow queries', 'Performance');
