import type { VendorErrorTable } from './faults.ts'

/**
 * Huawei Cloud ImageSearch error table (protocols.md §7): service errors are HTTP 400
 * `{error_code, error_msg}` with `IS.xxxx` codes; the API gateway answers authentication failures
 * itself with HTTP 401 `APIGW.0301`. Codes for "path not in the library" and "tag key not defined"
 * are undocumented ([I] in protocols.md): IS.0016 and IS.0001 are tapedeck's defaults.
 */
const is = (code: string, message: string) => ({ code, status: 400, message }) as const
// What the API gateway answers itself carries its `server: api-gateway` header (protocols.md §7).
const GATEWAY_HEADERS = { server: 'api-gateway' } as const
const gateway = (message: string) =>
  ({
    code: 'APIGW.0301',
    status: 401,
    message: `Incorrect IAM authentication information: ${message}`,
    headers: GATEWAY_HEADERS,
  }) as const

export const huaweiErrors: VendorErrorTable = {
  MissingParameter: is('IS.0003', 'Arguments of {param} can not be null.'),
  InvalidParameter: is('IS.0002', 'The type of parameter {param} is not supported: {reason}'),
  ValueTooLarge: is('IS.0002', 'The value of parameter {param} is not supported: {reason}'),
  CountExceeded: is('IS.0002', 'Parameter {param} has more than {max} items.'),
  UnknownAction: {
    code: 'APIGW.0101',
    status: 404,
    message: 'The API does not exist or has not been published in the environment. {reason}',
    headers: GATEWAY_HEADERS,
  },
  UnsupportedVersion: {
    code: 'APIGW.0101',
    status: 404,
    message: 'The API does not exist or has not been published in the environment. {reason}',
    headers: GATEWAY_HEADERS,
  },
  MissingCredential: gateway('Authorization not found. {reason}'),
  // The scheme words the reason: `ak <AK> not exist` for an AK, a fixed text for a token (never echoed).
  UnknownCredential: gateway('{reason}'),
  MissingToken: gateway('security token not found'),
  InvalidToken: gateway('verify security token fail'),
  TokenExpired: gateway('security token expired'),
  SignatureMismatch: gateway('verify aksk signature fail'),
  IncompleteSignature: gateway('{reason}'),
  UnsupportedSignatureMethod: gateway('unsupported signature algorithm {value}'),
  NonceUsed: gateway('replayed request'),
  MissingTimestamp: gateway('X-Sdk-Date not found'),
  InvalidTimestamp: gateway('invalid X-Sdk-Date {value}'),
  TimestampExpired: gateway(
    'calc aksk signature fail:signature expired, signature time:{value},server time:{now}',
  ),
  Throttled: {
    code: 'APIGW.0308',
    status: 429,
    message: 'The throttling threshold has been reached.',
    headers: GATEWAY_HEADERS,
  },
  NotFound: is('IS.0016', 'The path {value} is invalid: the image is not in the library.'),
  Forbidden: is('IS.0011', 'The user is not allowed to use the method. {reason}'),
  Duplicate: is('IS.0002', '{reason}'),
  MalformedId: is('IS.0016', 'The path {value} is invalid: {reason}'),
  IncorrectState: is('IS.0014', 'The instance status is abnormal. {reason}'),
  InstanceNotFound: is('IS.0007', 'Invalid instance name: {value}'),
  TagKeyUndefined: is('IS.0001', 'The tag key {value} is not defined on the instance.'),
  MalformedBody: is('IS.0008', 'The JSON format of the input is incorrect: {reason}'),
  BodyTooLarge: is('IS.0006', 'The request body is too big (limit {max} bytes).'),
  MethodNotAllowed: is('IS.0010', 'The request method is not allowed. {reason}'),
  InternalError: is('IS.0009', 'Internal error.'),
  ServiceUnavailable: is('IS.0012', 'The operation timed out.'),
}
