import type { ProtocolId } from '../catalog/index.ts'

/**
 * What changes on every call, per wire scheme: signing parameters (query or form) and headers in
 * requests, ids and free-text messages in responses. Contracts match these by type or pattern, so
 * real traffic (fresh timestamps, nonces, signatures, request ids) verifies; everything else is
 * matched exactly. Also what marks the scheme's error envelope, which no success may match.
 */
export type VolatileFields = {
  /** Query or form parameters, with the pattern their values follow. */
  params: Record<string, string>
  /** Request headers (lower-case), with the pattern their values follow. */
  headers: Record<string, string>
  /** Response body fields (by name, at any depth, JSON or XML) matched by type. */
  body: readonly string[]
  /** Response headers matched by type. */
  responseHeaders: readonly string[]
  /**
   * The key whose presence marks the scheme's error envelope in a JSON body, and the object that
   * holds it (`[]` for the root). A success whose object there has only volatile keys matches every
   * key but this one (a Pact `eachKey` rule), so an error answered with a success status cannot pass
   * for it; a success with fields of its own fails on an error envelope, which lacks them, anyway.
   * Absent where the success body already differs in a value matched exactly.
   */
  errorKey?: { parent: readonly string[]; key: string }
}

export const volatileFields: Record<ProtocolId, VolatileFields> = {
  'alibaba-rpc': {
    params: {
      AccessKeyId: '^.+$',
      Signature: '^.+$',
      SignatureNonce: '^.+$',
      Timestamp: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$',
    },
    headers: {},
    body: ['RequestId', 'HostId', 'Recommend', 'Message'],
    responseHeaders: [],
    errorKey: { parent: [], key: 'Code' },
  },
  'tencent-v2': {
    params: {
      SecretId: '^.+$',
      Signature: '^.+$',
      Nonce: '^\\d+$',
      Timestamp: '^\\d+$',
      RequestClient: '^.*$',
    },
    headers: {},
    body: ['message'],
    responseHeaders: [],
    // No errorKey: success and error share {code, message, codeDesc}; `code` (0) is matched exactly.
  },
  'tencent-v3': {
    params: { SecretId: '^.+$', Signature: '^.+$', Nonce: '^\\d+$', Timestamp: '^\\d+$' },
    headers: {
      authorization: '^TC3-HMAC-SHA256 Credential=.+, ?SignedHeaders=.+, ?Signature=[0-9a-f]+$',
      'x-tc-timestamp': '^\\d+$',
    },
    body: ['RequestId', 'Message'],
    responseHeaders: [],
    errorKey: { parent: ['Response'], key: 'Error' },
  },
  'huawei-apig': {
    params: {},
    headers: {
      authorization: '^SDK-HMAC-SHA256 Access=.+, ?SignedHeaders=.+, ?Signature=[0-9a-f]+$',
      'x-sdk-date': '^\\d{8}T\\d{6}Z$',
      'x-auth-token': '^.+$',
    },
    body: ['error_msg', 'request_id'],
    responseHeaders: ['x-request-id'],
    errorKey: { parent: [], key: 'error_code' },
  },
}
