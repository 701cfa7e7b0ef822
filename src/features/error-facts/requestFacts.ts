// The vscode edge of "Create Ticket about This Request": the facts of the request (the failure this window saw with
// that RequestId, and what the text around it says), and the environment when the user opted in
// (aliyunTickets.newTicket.includeEnvironment). Everything lands in the draft, where the user sees it before Submit.
import * as os from 'os';
import * as vscode from 'vscode';
import { recentError } from '../../common/recentErrors';
import { getSetting } from '../../settings/configuration';
import type { Prefill } from '../new-ticket/prefill';
import { factsFromText, factsOfError, mergeFacts } from './facts';
import { withErrorFacts, type EnvironmentFacts } from './factsText';

function environment(extensionVersion: string, endpoint: string | undefined): EnvironmentFacts {
  let site = endpoint ?? getSetting('endpoint');
  try {
    site = new URL(site).host;
  } catch {
    // Not a URL: shown as the setting has it.
  }
  return {
    os: `${os.type()} ${os.release()} (${process.arch})`,
    vscodeVersion: `${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost})`,
    extensionVersion,
    site,
    language: vscode.env.language,
  };
}

/**
 * The RequestId prefill with the request's facts added: those of the failure this window showed (ours are exact),
 * then those written in `aroundText` (the lines around the RequestId in a file or terminal).
 */
export function addRequestFacts(
  prefill: Prefill,
  requestId: string,
  aroundText: string | undefined,
  extensionVersion: string,
): Prefill {
  const facts = mergeFacts(
    factsOfError(recentError(requestId)),
    aroundText ? factsFromText(aroundText, requestId) : undefined,
  );
  const env = getSetting('newTicket.includeEnvironment') ? environment(extensionVersion, facts?.endpoint) : undefined;
  return withErrorFacts(prefill, facts, env);
}
