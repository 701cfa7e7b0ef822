// How each injected fault answers a request whose signature checked out. Faults that stand in for the server
// (throttle, status, forbidden, drop, html) answer instead of the action; malformed and dropAfterProcessing run the
// action first, so a write is carried out although the client gets no usable answer; slow runs it when its delay ends.
import * as http from 'http';
import { Fault, retryAfterMsOf } from './faults';
import { apiError, GatewayError, gatewayOutcome, Outcome } from './wire';

export interface FaultExchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  action: string;
  requestId: string;
  /** Runs the action (changes the data for a write) and returns its answer. */
  run: () => Outcome;
  /** Sends an outcome (with the emulator's latency) and records its status. */
  finish: (outcome: Outcome) => void;
  /** Records the status actually sent when the fault writes the answer itself (0 for none). */
  recordStatus: (status: number) => void;
  /** Runs `fn` after `ms`, unless the emulator stops first. */
  later: (ms: number, fn: () => void) => void;
}

function forbiddenBody(action: string, requestId: string, code: string): Record<string, unknown> {
  const detail = JSON.stringify({
    AuthAction: `ram:${action}`,
    AuthPrincipalDisplayName: '2146216584788xxxxx',
    AuthPrincipalOwnerId: '1135850448xxxxx',
    AuthPrincipalType: 'SubUser',
    NoPermissionType: 'ImplicitDeny',
    PolicyType: 'AccountLevelIdentityBasedPolicy',
  });
  // As the gateway answers a RAM refusal: HostId and the Recommend diagnosis link with the envelope.
  return {
    ...apiError(requestId, code, 'No permissions to access.'),
    HostId: 'workorder.aliyuncs.com',
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Workorder&requestId=${requestId}`,
    AccessDeniedDetail: detail,
  };
}

function statusOutcome(fault: Extract<Fault, { kind: 'status' }>, requestId: string): Outcome {
  const code =
    fault.code ??
    (fault.status === 503 ? 'ServiceUnavailable' : fault.status >= 500 ? 'System.error' : 'illegal.param');
  const message =
    fault.message ??
    (fault.status === 503
      ? 'The request has failed due to a temporary failure of the server.'
      : 'An error occurred while processing your request. Please try again.');
  const gatewayStyle = code === 'ServiceUnavailable' || code === 'InternalError';
  return gatewayStyle
    ? gatewayOutcome(new GatewayError(fault.status, code, message), requestId)
    : { status: fault.status, body: apiError(requestId, code, message) };
}

/** Answers `x` as `fault` says. */
export function answerWithFault(fault: Fault, x: FaultExchange): void {
  switch (fault.kind) {
    case 'throttle': {
      const ms = retryAfterMsOf(fault);
      const out = gatewayOutcome(
        new GatewayError(
          fault.status ?? 400,
          fault.code ?? 'Throttling.User',
          'Request was denied due to user flow control.',
        ),
        x.requestId,
      );
      if (ms !== undefined) out.headers = { ...out.headers, 'x-acs-retry-after': String(ms) };
      return x.finish(out);
    }
    case 'status':
      return x.finish(statusOutcome(fault, x.requestId));
    case 'forbidden':
      return x.finish({ status: 403, body: forbiddenBody(x.action, x.requestId, fault.code ?? 'No permissions') });
    case 'drop':
      x.recordStatus(0);
      x.req.socket.destroy();
      return;
    case 'dropAfterProcessing':
      x.run();
      x.recordStatus(0);
      x.req.socket.destroy();
      return;
    case 'malformed': {
      const full = JSON.stringify(x.run().body);
      x.recordStatus(200);
      x.res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': x.requestId });
      x.res.end(full.slice(0, Math.max(1, Math.floor(full.length / 2))));
      return;
    }
    case 'html': {
      const status = fault.status ?? 502;
      const reason = http.STATUS_CODES[status] ?? 'Error';
      x.recordStatus(status);
      x.res.writeHead(status, { 'content-type': 'text/html' });
      x.res.end(
        `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`,
      );
      return;
    }
    case 'slow':
      // The action runs when the answer is due: a client that gave up before then never changed anything.
      return x.later(fault.delayMs, () => {
        if (x.res.destroyed || x.req.socket.destroyed) return;
        x.finish(x.run());
      });
  }
}
