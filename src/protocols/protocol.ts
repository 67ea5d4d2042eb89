import type { Fault, Format, OperationDefinition, Profile, ProtocolId } from '../catalog/index.ts'
import type { Memo } from './create-memo.ts'

/**
 * The interface every wire scheme implements (one file each in this folder). A scheme knows nothing
 * about media assets: it turns bytes into a `Call`, checks who signed it, and turns an outcome back
 * into bytes in the vendor's envelope. The reverse, `sign`, is what the reference client uses.
 */

/** An HTTP request as the pipeline sees it: cheap to build from `node:http` or a Web `Request`. */
export type WireRequest = {
  method: string
  /** The path as sent, without the query. */
  path: string
  /** The raw query string, without `?`. */
  query: string
  /** Lower-case names; a repeated header is joined with `, `. */
  headers: Readonly<Record<string, string>>
  body: Buffer
}

/** A response as a scheme renders it: text, each field once. */
export type TextResponse = {
  status: number
  headers: Record<string, string>
  body: string
}

/** An HTTP response as every door sends it and a tape keeps it. */
export type WireResponse = {
  status: number
  /** Lower-case names; a field sent more than once (`set-cookie`) is a list, in order. */
  headers: Record<string, string | readonly string[]>
  /** Text (sent as UTF-8) or bytes (sent exactly as they are: compressed, binary, Latin-1). */
  body: string | Buffer
}

/** What a scheme reads from a request. */
export type Call = {
  protocol: ProtocolId
  /** Undefined when the request names no action (rendered as `UnknownAction`). */
  action: string | undefined
  version: string | undefined
  /** Business parameters, common and signing parameters removed. */
  params: Record<string, unknown>
  /** The credential the request claims (AccessKeyId, SecretId, AK, or an IAM token). */
  keyId: string | undefined
  /** The store `keyId` belongs to, when not the scheme's `credentialKind` (an IAM token). */
  credentialKind?: CredentialKind
  format: Format
  /** Values bound by the path (Huawei `project_id`, `instance_name`) and the region. */
  scope: Record<string, string>
  /**
   * What `authenticate` verifies, as `parse` read it, so that the two share no hidden state and
   * nothing is read twice: every query and form parameter as received, signing ones (`Signature`,
   * `Nonce`, …) included, for schemes that sign a parameter set (Alibaba RPC, Tencent
   * HmacSHA1/HmacSHA256); the fields of the `Authorization` header for Tencent TC3; `{}` for
   * Huawei APIG (its signature covers headers and raw bytes, read in `authenticate`).
   */
  signed: Readonly<Record<string, string>>
}

/**
 * Each credential store a key id is looked up in, and what its key id is. `secretKeyId` is true when
 * the key id is itself the secret (an IAM token), unlike an AccessKeyId that only names a secret:
 * such a key id is shown masked wherever key ids are shown (`redactKeyId`).
 */
export const CREDENTIAL_KIND_TRAITS = {
  alibaba: { secretKeyId: false },
  tencent: { secretKeyId: false },
  'huawei-aksk': { secretKeyId: false },
  'huawei-token': { secretKeyId: true },
} as const satisfies Record<string, { secretKeyId: boolean }>
export type CredentialKind = keyof typeof CREDENTIAL_KIND_TRAITS
/** Every credential kind, in declaration order. */
export const CREDENTIAL_KINDS = Object.keys(CREDENTIAL_KIND_TRAITS) as readonly CredentialKind[]

/**
 * A known credential: its secret (none for tokens) and the account it acts for; a temporary (STS)
 * key also has the security token its calls must carry and the instant it expires.
 */
export type KeyEntry = {
  secret?: string
  account: string
  project?: string
  securityToken?: string
  expiresAtMs?: number
}

export type KeyRing = (kind: CredentialKind, keyId: string) => KeyEntry | undefined

/** Remembers nonces for replay protection; `claim` is false when the nonce was seen in the window. */
export type NonceStore = { claim(key: string, expiresAtMs: number, nowMs: number): boolean }

export type AuthContext = {
  now: () => number
  keys: KeyRing
  nonces: NonceStore
  /** Allowed clock skew in seconds, per scheme (defaults in `defaultWindows`). */
  windowSeconds: number
  /**
   * What a scheme remembers across requests (derived signing keys, parsed header values), one
   * value per pipeline; everything is computed afresh on every request without it.
   */
  memo?: Memo
}

/** Who made a verified call. */
export type Principal = { keyId: string; account: string; project?: string }

export type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; fault: Fault }

export type RenderContext = {
  requestId: string
  profile: Profile
  format: Format
  /** The Host header as received (Alibaba `HostId`). */
  host: string
  operation: OperationDefinition | undefined
}

/** Credentials for signing outgoing requests (reference client, recorder). */
export type SigningCredentials = {
  keyId: string
  secret?: string
  project?: string
  /** A temporary (STS) key's security token, sent with every call. */
  securityToken?: string
}

export type SignEnv = {
  now: () => number
  nonce: () => string
}

/** A call to send: the operation, its business parameters and the signing variant. */
export type OutgoingCall = {
  operation: OperationDefinition
  params: Record<string, unknown>
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  endpoint: string
  /** One of the scheme's `variants`; the first is the default. */
  variant?: string
  format?: Format
  /** Region, where the scheme sends one. */
  region?: string
  /** Path values for REST operations (Huawei `project_id`, `instance_name`). */
  pathParams?: Record<string, string>
}

/** Parameter and header names (lower-case) that differ on every send of the same call. */
export type Volatile = { params: readonly string[]; headers: readonly string[] }

export type WireProtocol = {
  id: ProtocolId
  /** Signing variants the scheme accepts, e.g. `['GET', 'POST', 'ACS3']`. */
  variants: readonly string[]
  /**
   * Which of `variants` a received request was signed with, judged from the wire alone (the
   * inspector's column, the coverage matrix's axis); undefined when none fits.
   */
  variantOf?(request: WireRequest): string | undefined
  /** Response formats the scheme renders (default JSON only). */
  formats?: readonly Format[]
  /** Whether variants carry a nonce (replay of the same nonce is refused). */
  nonceVariants: readonly string[]
  credentialKind: CredentialKind
  /** Variants that sign with another kind of credential than `credentialKind` (an IAM token). */
  variantCredentialKinds?: Readonly<Record<string, CredentialKind>>
  /** Default allowed clock skew, seconds. */
  windowSeconds: number
  /**
   * What changes between two sends of one call and never bears on what the call is: the
   * timestamps, nonces and signatures, as query or form parameter names and header names. A
   * request's `fingerprint` leaves them out (replay's memo of match keys).
   */
  volatile: Volatile
  /** True when the request belongs to this scheme, judged from method, path, headers and query. */
  claims(request: WireRequest): boolean
  parse(request: WireRequest): Call | Fault
  authenticate(call: Call, request: WireRequest, ctx: AuthContext): Principal | Fault
  render(outcome: Outcome, ctx: RenderContext): TextResponse
  sign(call: OutgoingCall, credentials: SigningCredentials, env: SignEnv): WireRequest
  /** Reads a response back into an outcome (reference client). */
  readResponse(response: WireResponse, operation: OperationDefinition): ParsedResponse
}

/** A response read back by the client: the result fields, or the vendor's error. */
export type ParsedResponse =
  | { ok: true; requestId: string | undefined; result: Record<string, unknown> }
  | { ok: false; requestId: string | undefined; status: number; code: string; message: string }
