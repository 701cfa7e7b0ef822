// The path of one API request through the emulator: parse and record it, check its signature, find its action,
// then answer with the action or with a queued fault (with the emulator's latency). The request log entry is filled
// in as it goes, so a refused or dropped request is logged too.
import * as http from 'http';
import type { Socket } from 'net';
import { actionHandler } from './actions';
import { answerWithFault } from './faultAnswers';
import type { Fault } from './faults';
import { flattenHeaders, RecordedRequest, redactHeaders, redactParams, sendJson, sourcesOf } from './http';
import type { Language } from './model';
import { parsePairs, parseV3Authorization } from './signature';
import type { EmulatorStore } from './store';
import type { UploadSigner } from './uploads';
import type { SignatureVerifier } from './verifier';
import { GatewayError, gatewayOutcome, newRequestId, Outcome } from './wire';

export const API_VERSION = '2021-06-10';

/** What a request needs from the emulator around it. */
export interface ApiServer {
  store: EmulatorStore;
  /** The tickets the key's account owns: `store` for the demo account's keys, an own store for another account's. */
  storeFor(accessKeyId: string | undefined): EmulatorStore;
  verifier: SignatureVerifier;
  signer: UploadSigner;
  nextSeq(): number;
  connectionIdOf(socket: Socket): number;
  record(request: RecordedRequest): void;
  now(): number;
  latencyMs(): number;
  later(ms: number, fn: () => void): void;
  takeFault(action: string): Fault | undefined;
  defaultLanguage(): Language;
}

export function answerApiRequest(
  server: ApiServer,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
): void {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = flattenHeaders(req.headers);
  const isForm = /application\/x-www-form-urlencoded/i.test(headers['content-type'] ?? '');
  const queryPairs = parsePairs(q < 0 ? '' : rawUrl.slice(q + 1), false);
  const bodyPairs = isForm ? parsePairs(body.toString('utf8'), true) : [];
  const requestId = newRequestId();
  const record: RecordedRequest = {
    seq: server.nextSeq(),
    connectionId: server.connectionIdOf(req.socket),
    method,
    path,
    action: undefined,
    version: undefined,
    signatureVersion: undefined,
    query: redactParams(queryPairs ?? []),
    body: redactParams(bodyPairs ?? []),
    paramSources: sourcesOf(queryPairs ?? [], bodyPairs ?? []),
    headers: redactHeaders(headers),
    status: 0,
    requestId,
    receivedAt: server.now(),
  };
  server.record(record);

  const finish = (outcome: Outcome): void => {
    record.status = outcome.status;
    const b = outcome.body as { Code?: unknown } | undefined;
    if (outcome.status >= 400 && b && typeof b.Code === 'string') record.code = b.Code;
    const latencyMs = server.latencyMs();
    if (latencyMs <= 0) return sendJson(res, outcome.status, outcome.body, outcome.headers);
    server.later(latencyMs, () => sendJson(res, outcome.status, outcome.body, outcome.headers));
  };

  if (!queryPairs || !bodyPairs) {
    return finish(
      gatewayOutcome(
        new GatewayError(400, 'InvalidParameter', 'The request contains a malformed percent-encoding.'),
        requestId,
      ),
    );
  }
  const params = new Map<string, string>();
  for (const [k, v] of queryPairs) params.set(k, v);
  for (const [k, v] of bodyPairs) params.set(k, v);

  let action: string | undefined;
  let version: string | undefined;
  try {
    ({ action, version } = server.verifier.authenticate(
      { method, path, queryPairs, bodyPairs, params, headers, body },
      (who) => Object.assign(record, who),
      (names) => (record.signedHeaders = names),
    ));
  } catch (err) {
    if (err instanceof GatewayError) return finish(gatewayOutcome(err, requestId));
    throw err;
  }
  if (!action) {
    return finish(
      gatewayOutcome(
        new GatewayError(
          400,
          'MissingParameter',
          'The input parameter "Action" that is mandatory for processing this request is not supplied.',
        ),
        requestId,
      ),
    );
  }
  const handler = actionHandler(action);
  if (!handler) {
    return finish(
      gatewayOutcome(
        new GatewayError(
          404,
          'InvalidAction.NotFound',
          `Specified api is not found, please check your url and method. Action: ${action}`,
        ),
        requestId,
      ),
    );
  }
  if (version !== API_VERSION)
    return finish(
      gatewayOutcome(new GatewayError(400, 'InvalidVersion', 'Specified parameter Version is not valid.'), requestId),
    );

  const requested = params.get('Language');
  const language: Language = requested === 'en' || requested === 'zh' ? requested : server.defaultLanguage();
  const run = (): Outcome => {
    const accessKeyId = headers['authorization']
      ? parseV3Authorization(headers['authorization'])?.accessKeyId
      : params.get('AccessKeyId');
    const store = server.storeFor(accessKeyId);
    const outcome = handler({ store, params, requestId, language, uploads: server.signer });
    record.processed = outcome.status < 400;
    return outcome;
  };
  const fault = server.takeFault(action);
  if (!fault) return finish(run());
  record.fault = fault.kind;
  answerWithFault(fault, {
    req,
    res,
    action,
    requestId,
    run,
    finish,
    recordStatus: (status) => (record.status = status),
    later: (ms, fn) => server.later(ms, fn),
  });
}
