/**
 * The neutral vocabulary of everything that can go wrong with a call. Validation, authentication and
 * the simulator speak only these kinds; each wire scheme's error table (data, in this folder) turns a
 * fault into the vendor's code, HTTP status and message. A new cloud adds a table, not a `switch`.
 */
export const FAULT_KINDS = [
  'MissingParameter',
  'InvalidParameter',
  'ValueTooLarge',
  'CountExceeded',
  'UnknownAction',
  'UnsupportedVersion',
  'MissingCredential',
  'UnknownCredential',
  'MissingToken',
  'InvalidToken',
  'TokenExpired',
  'SignatureMismatch',
  'IncompleteSignature',
  'UnsupportedSignatureMethod',
  'NonceUsed',
  'MissingTimestamp',
  'InvalidTimestamp',
  'TimestampExpired',
  'Throttled',
  'NotFound',
  'Forbidden',
  'Duplicate',
  'MalformedId',
  'IncorrectState',
  'InstanceNotFound',
  'TagKeyUndefined',
  'MalformedBody',
  'BodyTooLarge',
  'MethodNotAllowed',
  'InternalError',
  'ServiceUnavailable',
] as const

export type FaultKind = (typeof FAULT_KINDS)[number]

/** Values a message template may name as `{param}`, `{reason}`, `{value}`, `{max}`, `{stringToSign}`, `{now}`. */
export type FaultDetail = {
  param?: string
  reason?: string
  value?: string
  max?: string
  stringToSign?: string
  /** The server's canonical request behind `stringToSign` (shown by the inspector, never in a message). */
  canonicalRequest?: string
  now?: string
}

export type Fault = { kind: FaultKind } & FaultDetail

/** How one vendor renders one fault: its code, HTTP status and a message template. */
export type VendorErrorSpec = {
  code: string
  status: number
  message: string
  /** Tencent API 2.0 also sends a textual `codeDesc`. */
  codeDesc?: string
  /** Response headers the vendor's answer carries besides the scheme's own (Huawei's gateway). */
  headers?: Readonly<Record<string, string>>
}

export type VendorErrorTable = Record<FaultKind, VendorErrorSpec>

/** Builds a fault value. */
export function fault(kind: FaultKind, detail: FaultDetail = {}): Fault {
  return { kind, ...detail }
}

/** True for fault values (every pipeline step returns a value or a fault). */
export function isFault(value: unknown): value is Fault {
  return (
    typeof value === 'object' && value !== null && 'kind' in value && typeof value.kind === 'string'
  )
}

/** Fills `{name}` placeholders from the fault; an absent value renders as an empty string. */
export function renderMessage(template: string, detail: FaultDetail): string {
  return template.replace(
    /\{(\w+)\}/g,
    (_, name: string) => detail[name as keyof FaultDetail] ?? '',
  )
}
