import type { VendorErrorTable } from './faults.ts'

/**
 * Tencent Cloud API 3.0 error table (protocols.md §6): HTTP 200 with
 * `{"Response":{"Error":{"Code","Message"},"RequestId"}}`; the SDKs read errors only from 200 bodies.
 */
export const tencentV3Errors: VendorErrorTable = {
  MissingParameter: {
    code: 'MissingParameter',
    status: 200,
    message: 'The request is missing a required parameter `{param}`.',
  },
  InvalidParameter: {
    code: 'InvalidParameterValue',
    status: 200,
    message: 'The value of parameter `{param}` is invalid: {reason}',
  },
  ValueTooLarge: {
    code: 'InvalidParameterValue.TooLarge',
    status: 200,
    message: 'The value of parameter `{param}` is too large: {reason}',
  },
  CountExceeded: {
    code: 'InvalidParameterValue.LimitExceeded',
    status: 200,
    message: 'The number of items in `{param}` exceeds {max}.',
  },
  UnknownAction: {
    code: 'InvalidAction',
    status: 200,
    message: 'The requested action `{reason}` does not exist.',
  },
  UnsupportedVersion: {
    code: 'NoSuchVersion',
    status: 200,
    message: 'The requested version `{reason}` does not exist for this action.',
  },
  MissingCredential: {
    code: 'AuthFailure.InvalidAuthorization',
    status: 200,
    message: 'The Authorization header is missing or malformed. {reason}',
  },
  UnknownCredential: {
    code: 'AuthFailure.SecretIdNotFound',
    status: 200,
    message: 'The SecretId is not found, please ensure that your SecretId is correct.',
  },
  // AuthFailure.TokenFailure (protocols.md §6 common codes), for a temporary credential's token.
  MissingToken: {
    code: 'AuthFailure.TokenFailure',
    status: 200,
    message: 'Token verification failed: the token is missing.',
  },
  InvalidToken: {
    code: 'AuthFailure.TokenFailure',
    status: 200,
    message: 'Token verification failed: the token is invalid.',
  },
  TokenExpired: {
    code: 'AuthFailure.TokenFailure',
    status: 200,
    message: 'Token verification failed: the token has expired.',
  },
  SignatureMismatch: {
    code: 'AuthFailure.SignatureFailure',
    status: 200,
    message:
      'The provided credentials could not be validated. Please check your signature is correct.',
  },
  IncompleteSignature: {
    code: 'AuthFailure.InvalidAuthorization',
    status: 200,
    message: 'The Authorization header is missing or malformed. {reason}',
  },
  UnsupportedSignatureMethod: {
    code: 'AuthFailure.InvalidAuthorization',
    status: 200,
    message: 'The signature method is not supported. {reason}',
  },
  NonceUsed: {
    code: 'AuthFailure.SignatureFailure',
    status: 200,
    message: 'The request was replayed: the Nonce was used already.',
  },
  MissingTimestamp: {
    code: 'MissingParameter',
    status: 200,
    message: 'The request is missing a required parameter `Timestamp`.',
  },
  InvalidTimestamp: {
    code: 'InvalidParameter',
    status: 200,
    message: 'The value of parameter `Timestamp` is invalid: {reason}',
  },
  TimestampExpired: {
    code: 'AuthFailure.SignatureExpire',
    status: 200,
    message:
      'Signature expired. Timestamp {value} is outside the allowed window (server time {now}).',
  },
  Throttled: {
    code: 'RequestLimitExceeded',
    status: 200,
    message: 'Your current request times exceeds the limit, please try again later.',
  },
  NotFound: {
    code: 'InvalidImageId.NotFound',
    status: 200,
    message: 'The image `{value}` does not exist.',
  },
  Forbidden: {
    code: 'AuthFailure.UnauthorizedOperation',
    status: 200,
    message: 'The request is not authorized for this resource.',
  },
  Duplicate: {
    code: 'InvalidImageName.Duplicate',
    status: 200,
    message: 'The image name `{value}` is already used by another image.',
  },
  MalformedId: {
    code: 'InvalidImageId.Malformed',
    status: 200,
    message: 'The image id `{value}` is malformed: {reason}',
  },
  IncorrectState: {
    code: 'InvalidImageId.IncorrectState',
    status: 200,
    message: 'The image `{value}` cannot be modified in its current state: {reason}',
  },
  InstanceNotFound: {
    code: 'ResourceNotFound',
    status: 200,
    message: 'The resource does not exist. {reason}',
  },
  TagKeyUndefined: {
    code: 'InvalidParameterValue',
    status: 200,
    message: 'The value of parameter `{param}` is invalid: {reason}',
  },
  MalformedBody: {
    code: 'InvalidParameter',
    status: 200,
    message: 'The request body is not valid: {reason}',
  },
  BodyTooLarge: {
    code: 'RequestSizeLimitExceeded',
    status: 200,
    message: 'The request body exceeds the limit of {max} bytes.',
  },
  MethodNotAllowed: {
    code: 'UnsupportedProtocol',
    status: 200,
    message: 'Only GET and POST requests are supported. {reason}',
  },
  InternalError: { code: 'InternalError', status: 200, message: 'An internal error occurred.' },
  ServiceUnavailable: {
    code: 'ResourceUnavailable',
    status: 200,
    message: 'The service is temporarily unavailable.',
  },
}
