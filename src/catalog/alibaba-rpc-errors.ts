import type { VendorErrorTable } from './faults.ts'

/**
 * Alibaba Cloud POP (RPC) error table: codes, statuses and messages as live traffic and the docs show
 * them (protocols.md §1.6). Errors are always non-2xx and carry `Code`: pop-core keys on `Code`, the
 * Tea clients on the status. Rows marked [I] in protocols.md are inferred defaults.
 */
export const alibabaRpcErrors: VendorErrorTable = {
  MissingParameter: {
    code: 'MissingParameter',
    status: 400,
    message:
      'The input parameter "{param}" that is mandatory for processing this request is not supplied.',
  },
  InvalidParameter: {
    code: 'InvalidParameter',
    status: 400,
    message: 'The specified parameter "{param}" is not valid. {reason}',
  },
  ValueTooLarge: {
    code: 'InvalidParameter',
    status: 400,
    message: 'The specified parameter "{param}" is not valid. {reason}',
  },
  CountExceeded: {
    code: 'CountExceededMax',
    status: 400,
    message: 'The number of items in "{param}" exceeds the maximum of {max}.',
  },
  UnknownAction: {
    code: 'UnsupportedOperation',
    status: 400,
    message: 'The specified action is not supported. {reason}',
  },
  UnsupportedVersion: {
    code: 'InvalidVersion',
    status: 400,
    message: 'Specified parameter Version is not valid. {reason}',
  },
  MissingCredential: {
    code: 'MissingAccessKeyId',
    status: 400,
    message: 'AccessKeyId is mandatory for this action.',
  },
  UnknownCredential: {
    code: 'InvalidAccessKeyId.NotFound',
    status: 404,
    message: 'Specified access key is not found.',
  },
  // STS: the codes POP answers for a temporary AccessKey's SecurityToken (inferred: protocols.md
  // §1.2 lists the parameter, no source its errors; README Decisions).
  MissingToken: {
    code: 'MissingSecurityToken',
    status: 400,
    message: 'SecurityToken is mandatory for this action.',
  },
  InvalidToken: {
    code: 'InvalidSecurityToken.MismatchWithAccessKey',
    status: 400,
    message: 'Specified SecurityToken mismatch with the AccessKey.',
  },
  TokenExpired: {
    code: 'InvalidSecurityToken.Expired',
    status: 400,
    message: 'Specified SecurityToken is expired.',
  },
  SignatureMismatch: {
    code: 'SignatureDoesNotMatch',
    status: 400,
    message:
      'Specified signature is not matched with our calculation. server string to sign is:{stringToSign}',
  },
  IncompleteSignature: {
    code: 'IncompleteSignature',
    status: 400,
    message: 'The request signature does not conform to Aliyun standards. {reason}',
  },
  UnsupportedSignatureMethod: {
    code: 'InvalidParameter',
    status: 400,
    message: 'The specified parameter "{param}" is not valid. {reason}',
  },
  NonceUsed: {
    code: 'SignatureNonceUsed',
    status: 400,
    message: 'Specified signature nonce was used already.',
  },
  MissingTimestamp: {
    code: 'MissingTimestamp',
    status: 400,
    message: 'Timestamp is mandatory for this action.',
  },
  InvalidTimestamp: {
    code: 'InvalidTimeStamp.Format',
    status: 400,
    message: 'Specified time stamp or date value is not well formatted.',
  },
  TimestampExpired: {
    code: 'InvalidTimeStamp.Expired',
    status: 400,
    message: 'Specified time stamp or date value is expired.',
  },
  Throttled: {
    code: 'Throttling.User',
    status: 400,
    message: 'Request was denied due to user flow control.',
  },
  NotFound: { code: 'ResourceNotFound', status: 404, message: 'Resource not found. {reason}' },
  Forbidden: {
    code: 'Forbidden',
    status: 403,
    message: 'User not authorized to operate on the specified resource.',
  },
  Duplicate: {
    code: 'InvalidParameter',
    status: 400,
    message: 'The specified parameter "{param}" is not valid. {reason}',
  },
  MalformedId: {
    code: 'InvalidParameter',
    status: 400,
    message: 'The specified parameter "{param}" is not valid. {reason}',
  },
  IncorrectState: {
    code: 'Forbidden.IllegalStatus',
    status: 400,
    message: 'Status of the resource is illegal. {reason}',
  },
  InstanceNotFound: { code: 'ResourceNotFound', status: 404, message: 'Resource not found.' },
  TagKeyUndefined: {
    code: 'InvalidParameter',
    status: 400,
    message: 'The specified parameter "{param}" is not valid. {reason}',
  },
  MalformedBody: {
    code: 'InvalidParameter',
    status: 400,
    message: 'The specified parameter "{param}" is not valid. {reason}',
  },
  BodyTooLarge: {
    code: 'RequestEntityTooLarge',
    status: 413,
    message: 'The request body exceeds the limit of {max} bytes.',
  },
  MethodNotAllowed: {
    code: 'UnsupportedHTTPMethod',
    status: 405,
    message: 'This http method is not supported. {reason}',
  },
  InternalError: {
    code: 'InternalError',
    status: 500,
    message: 'The request processing has failed due to some unknown error.',
  },
  ServiceUnavailable: {
    code: 'ServiceUnAvailable',
    status: 503,
    message: 'The request has failed due to a temporary failure of the server.',
  },
}
