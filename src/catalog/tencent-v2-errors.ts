import type { VendorErrorTable } from './faults.ts'

/**
 * Tencent Cloud API 2.0 error table (protocols.md §5.4): always HTTP 200 with `{code, message,
 * codeDesc}`; `code` is an integer and 0 means success. `codeDesc` strings for non-zero codes are not
 * documented anywhere: these are tapedeck's readable choices.
 */
const invalid = (codeDesc: string, message: string) =>
  ({ code: '4000', status: 200, codeDesc, message }) as const

export const tencentV2Errors: VendorErrorTable = {
  MissingParameter: invalid('MissingParameter', '({param}) missing required parameter'),
  InvalidParameter: invalid('InvalidParameter', '({param}) invalid parameter: {reason}'),
  ValueTooLarge: invalid('InvalidParameter', '({param}) invalid parameter: {reason}'),
  CountExceeded: invalid('InvalidParameter', '({param}) more than {max} items'),
  UnknownAction: {
    code: '6100',
    status: 200,
    codeDesc: 'UnsupportedAction',
    message: 'the action is not supported on this endpoint: {reason}',
  },
  UnsupportedVersion: invalid('InvalidParameter', '(Version) unsupported version: {reason}'),
  MissingCredential: invalid('MissingParameter', '(SecretId) missing required parameter'),
  UnknownCredential: {
    code: '4104',
    status: 200,
    codeDesc: 'AuthFailure.SecretIdNotFound',
    message: 'the SecretId was not found',
  },
  // 4105 "token error" (protocols.md §5.4), for a temporary credential's Token.
  MissingToken: {
    code: '4105',
    status: 200,
    codeDesc: 'AuthFailure.TokenFailure',
    message: 'the Token is missing',
  },
  InvalidToken: {
    code: '4105',
    status: 200,
    codeDesc: 'AuthFailure.TokenFailure',
    message: 'the Token is invalid',
  },
  TokenExpired: {
    code: '4105',
    status: 200,
    codeDesc: 'AuthFailure.TokenFailure',
    message: 'the Token has expired',
  },
  SignatureMismatch: {
    code: '4100',
    status: 200,
    codeDesc: 'AuthFailure.SignatureFailure',
    message: 'authentication failed: signature mismatch; server string to sign is: {stringToSign}',
  },
  IncompleteSignature: {
    code: '4100',
    status: 200,
    codeDesc: 'AuthFailure.SignatureFailure',
    message: 'authentication failed: {reason}',
  },
  UnsupportedSignatureMethod: invalid('InvalidParameter', '(SignatureMethod) {reason}'),
  NonceUsed: {
    code: '4500',
    status: 200,
    codeDesc: 'RequestReplayed',
    message: 'replayed request: the Nonce was used already',
  },
  MissingTimestamp: invalid('MissingParameter', '(Timestamp) missing required parameter'),
  InvalidTimestamp: invalid('InvalidParameter', '(Timestamp) invalid parameter: {reason}'),
  TimestampExpired: {
    code: '4500',
    status: 200,
    codeDesc: 'RequestReplayed',
    message:
      'replayed request: Timestamp {value} is outside the allowed window (server time {now})',
  },
  Throttled: {
    code: '4400',
    status: 200,
    codeDesc: 'RequestLimitExceeded',
    message: 'request quota exceeded',
  },
  NotFound: {
    code: '5000',
    status: 200,
    codeDesc: 'ResourceNotFound',
    message: 'resource not found: {reason}',
  },
  Forbidden: {
    code: '4102',
    status: 200,
    codeDesc: 'UnauthorizedOperation',
    message: 'not authorized for this resource',
  },
  Duplicate: invalid('InvalidParameter', '({param}) {reason}'),
  MalformedId: invalid('InvalidParameter', '({param}) malformed id: {reason}'),
  IncorrectState: {
    code: '5100',
    status: 200,
    codeDesc: 'ResourceOperationFailed',
    message: 'resource operation failed: {reason}',
  },
  InstanceNotFound: {
    code: '5000',
    status: 200,
    codeDesc: 'ResourceNotFound',
    message: 'resource not found: {reason}',
  },
  TagKeyUndefined: invalid('InvalidParameter', '({param}) {reason}'),
  MalformedBody: invalid('InvalidParameter', '({param}) invalid parameter: {reason}'),
  BodyTooLarge: invalid('InvalidParameter', 'request body exceeds the limit of {max} bytes'),
  MethodNotAllowed: invalid('InvalidParameter', 'only GET and POST are supported: {reason}'),
  InternalError: {
    code: '6000',
    status: 200,
    codeDesc: 'InternalError',
    message: 'internal error',
  },
  ServiceUnavailable: {
    code: '6200',
    status: 200,
    codeDesc: 'ServiceUnderMaintenance',
    message: 'the interface is under maintenance',
  },
}
