// The gateway's signature check, as the real endpoint does it: V3 (ACS3-HMAC-SHA256) and V1 (HMAC-SHA1), the known
// keys and STS tokens, the clock tolerance and used nonces. Throws GatewayError with the real codes and messages.
import type { KnownKey } from './credentials';
import {
  ParamPairs,
  parseAcsDate,
  parseV3Authorization,
  sameSignature,
  sha256Hex,
  v1Signature,
  v1StringToSign,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
} from './signature';
import { GatewayError } from './wire';

export interface Authenticated {
  signatureVersion: 'v3' | 'v1';
  action: string | undefined;
  version: string | undefined;
}

export class SignatureVerifier {
  private readonly usedNonces = new Map<string, number>();

  constructor(
    private readonly keys: Map<string, KnownKey>,
    private readonly now: () => number,
    private readonly toleranceMs: () => number,
    private readonly clockOffsetMs: () => number,
  ) {}

  /** Forgets used nonces (a reset). */
  clear(): void {
    this.usedNonces.clear();
  }

  /**
   * Checks one request's signature (V3 when it has an Authorization header, V1 when it has V1 parameters); returns the
   * action and version it names. `onIdentified` hears them before the check, so a refused request is still logged
   * with its action.
   */
  authenticate(
    request: {
      method: string;
      path: string;
      queryPairs: ParamPairs;
      bodyPairs: ParamPairs;
      params: Map<string, string>;
      headers: Record<string, string>;
      body: Buffer;
    },
    onIdentified: (who: Authenticated) => void,
    onSignedHeaders: (names: string[]) => void,
  ): Authenticated {
    const { method, path, queryPairs, bodyPairs, params, headers, body } = request;
    if (headers['authorization'] !== undefined) {
      const who: Authenticated = {
        signatureVersion: 'v3',
        action: headers['x-acs-action'],
        version: headers['x-acs-version'],
      };
      onIdentified(who);
      this.verifyV3(method, path, queryPairs, headers, body, onSignedHeaders);
      return who;
    }
    if (params.has('Signature') || params.has('SignatureMethod') || params.has('AccessKeyId')) {
      const who: Authenticated = {
        signatureVersion: 'v1',
        action: params.get('Action'),
        version: params.get('Version'),
      };
      onIdentified(who);
      this.verifyV1(method, [...queryPairs, ...bodyPairs], params);
      return who;
    }
    throw new GatewayError(
      400,
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards: the Authorization header is missing.',
    );
  }

  private lookupKey(accessKeyId: string): KnownKey {
    const key = this.keys.get(accessKeyId);
    if (!key) throw new GatewayError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (key.disabled) throw new GatewayError(403, 'Forbidden.AccessKeyDisabled', 'The Access Key is disabled.');
    return key;
  }

  private checkSecurityToken(key: KnownKey, accessKeyId: string, token: string | undefined): void {
    if (!accessKeyId.startsWith('STS.') && key.securityToken === undefined) return;
    if (!token) throw new GatewayError(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.');
    if (token !== key.securityToken) {
      throw new GatewayError(
        400,
        'InvalidSecurityToken.MismatchWithAccessKey',
        'Specified SecurityToken mismatch with the AccessKey.',
      );
    }
    if (key.tokenExpired)
      throw new GatewayError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
  }

  private checkTimestamp(value: string | undefined): void {
    const time = parseAcsDate(value);
    if (time === undefined) {
      throw new GatewayError(
        400,
        'InvalidTimeStamp.Format',
        'Specified time stamp or date value is not well formatted.',
      );
    }
    if (Math.abs(this.now() + this.clockOffsetMs() - time) > this.toleranceMs()) {
      throw new GatewayError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
  }

  private useNonce(accessKeyId: string, nonce: string): void {
    const now = this.now();
    if (this.usedNonces.size > 10_000) {
      for (const [k, expires] of this.usedNonces) if (expires < now) this.usedNonces.delete(k);
    }
    const key = `${accessKeyId}\n${nonce}`;
    if (this.usedNonces.has(key))
      throw new GatewayError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    // A nonce only needs remembering while its timestamp could still pass the clock check.
    this.usedNonces.set(key, now + 2 * this.toleranceMs());
  }

  private verifyV3(
    method: string,
    path: string,
    query: ParamPairs,
    headers: Record<string, string>,
    body: Buffer,
    onSignedHeaders: (names: string[]) => void,
  ): void {
    const auth = parseV3Authorization(headers['authorization']);
    if (!auth) {
      throw new GatewayError(
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards: malformed Authorization header.',
      );
    }
    onSignedHeaders(auth.signedHeaders);
    const mustSign = Object.keys(headers).filter((n) => n === 'host' || n === 'content-type' || n.startsWith('x-acs-'));
    const unsigned = mustSign.filter((n) => !auth.signedHeaders.includes(n));
    if (!auth.signedHeaders.includes('host')) unsigned.push('host');
    if (unsigned.length > 0) {
      throw new GatewayError(
        400,
        'IncompleteSignature',
        `The request signature does not conform to Aliyun standards: header(s) ${[...new Set(unsigned)].join(', ')} must be signed.`,
      );
    }
    const key = this.lookupKey(auth.accessKeyId);
    this.checkSecurityToken(key, auth.accessKeyId, headers['x-acs-security-token']);
    if (headers['x-acs-accesskey-id'] !== undefined && headers['x-acs-accesskey-id'] !== auth.accessKeyId) {
      throw new GatewayError(
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards: x-acs-accesskey-id differs from the Credential.',
      );
    }
    this.checkTimestamp(headers['x-acs-date']);
    const nonce = headers['x-acs-signature-nonce'];
    if (!nonce)
      throw new GatewayError(
        400,
        'MissingParameter',
        'The input parameter "x-acs-signature-nonce" that is mandatory for processing this request is not supplied.',
      );

    const bodyHash = sha256Hex(body);
    const declared = headers['x-acs-content-sha256'];
    if (declared === undefined) {
      throw new GatewayError(
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards: the x-acs-content-sha256 header is missing.',
      );
    }
    const canonical = v3CanonicalRequest({
      method,
      path,
      query,
      headers,
      signedHeaders: auth.signedHeaders,
      // The canonical request ends with the hash of the bytes that arrived, not of what the client claims.
      contentSha256: bodyHash,
    });
    const stringToSign = v3StringToSign(canonical);
    if (declared !== bodyHash) {
      throw new GatewayError(
        400,
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation: x-acs-content-sha256 is not the SHA-256 of the request body. server string to sign is:${stringToSign}`,
      );
    }
    if (!sameSignature(v3Signature(stringToSign, key.accessKeySecret), auth.signature)) {
      throw new GatewayError(
        400,
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
      );
    }
    this.useNonce(auth.accessKeyId, nonce);
  }

  private verifyV1(method: string, all: ParamPairs, params: Map<string, string>): void {
    const signature = params.get('Signature');
    const accessKeyId = params.get('AccessKeyId');
    if (!signature || !accessKeyId) {
      throw new GatewayError(
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards: Signature and AccessKeyId are required.',
      );
    }
    if (params.get('SignatureMethod') !== 'HMAC-SHA1' || params.get('SignatureVersion') !== '1.0') {
      throw new GatewayError(
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards: SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.',
      );
    }
    const key = this.lookupKey(accessKeyId);
    this.checkSecurityToken(key, accessKeyId, params.get('SecurityToken'));
    this.checkTimestamp(params.get('Timestamp'));
    const nonce = params.get('SignatureNonce');
    if (!nonce)
      throw new GatewayError(
        400,
        'MissingParameter',
        'The input parameter "SignatureNonce" that is mandatory for processing this request is not supplied.',
      );
    const stringToSign = v1StringToSign(method, all);
    if (!sameSignature(v1Signature(stringToSign, key.accessKeySecret), signature)) {
      throw new GatewayError(
        400,
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
      );
    }
    this.useNonce(accessKeyId, nonce);
  }
}
