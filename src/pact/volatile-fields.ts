import type { ProtocolId } from '../catalog/index.ts'

/**
 * What changes on every call, per wire scheme: signing parameters and headers in requests, ids and
 * free-text messages in responses. Contracts match these by type or pattern, so real traffic (fresh
 * timestamps, nonces, signatures, request ids) verifies; everything else is matched exactly.
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
  },
  'tencent-v3': {
    params: { SecretId: '^.+$', Signature: '^.+$', Nonce: '^\\d+$', Timestamp: '^\\d+$' },
    headers: {
      authorization: '^TC3-HMAC-SHA256 Credential=.+, ?SignedHeaders=.+, ?Signature=[0-9a-f]+$',
      'x-tc-timestamp': '^\\d+$',
    },
    body: ['RequestId', 'Message'],
    responseHeaders: [],
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
  },
}
