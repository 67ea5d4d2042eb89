import type {
  Fault,
  Format,
  OperationDefinition,
  Profile,
  ProtocolId,
  VendorErrorTable,
} from '../catalog/index.ts'
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

/** The name of a credential store a key id is looked up in (`WireProtocol.credentials`). */
export type CredentialKind = string

/**
 * A kind of credential a scheme signs with, as the scheme declares it: what its parts are called
 * (banner, help), where tapedeck reads it from (environment, `verify` flags) and whether the key id
 * is itself the secret (an IAM token), unlike an AccessKeyId that only names a secret: such a key id
 * is shown masked wherever key ids are shown (`redactKeyId`).
 */
export type CredentialDeclaration = {
  kind: CredentialKind
  /** Who issues it, as a user knows it (`Alibaba`). */
  label: string
  /** The vendor's names for its parts (`AccessKeyId`, `AccessKeySecret`, a project id). */
  names: { id: string; secret?: string; project?: string }
  secretKeyId: boolean
  /**
   * Environment variables carrying it, tapedeck's own name first, then the vendor SDK's; absent for
   * a kind tapedeck never signs with on its own (a token comes from the request it forwards).
   */
  env?: { id: readonly string[]; secret: readonly string[]; project?: readonly string[] }
  /** `verify`'s options for it, without dashes (`alibaba-key-id`); absent with `env`. */
  flags?: { id: string; secret: string; project?: string }
}

/**
 * What a recording removes from the scheme's traffic (`redacted:<name>` placeholders), and the shapes
 * of its key ids that the leak scan looks for in anything written.
 */
export type SecretFields = {
  /** Query and form parameters. */
  params: readonly string[]
  /** Request headers (lower-case); `authorization` is always handled, field by field. */
  requestHeaders: readonly string[]
  /** Response headers (lower-case). */
  responseHeaders: readonly string[]
  /** Key id shapes (`LTAI…`), named for the report. */
  keyShapes: readonly { name: string; pattern: RegExp }[]
}

/**
 * What the scheme's Pact contracts hold: the signing variants written for each scenario (the first is
 * the scenarios' default), and what changes on every answer: ids and free-text messages, matched by
 * type (the request's own are the scheme's `volatile`); everything else is matched exactly. Also what
 * marks the scheme's error envelope, which no success may match.
 */
export type ContractFields = {
  variants: readonly string[]
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

/** Where a server listens, for the lines a scheme adds to the start-up banner. */
export type BannerEndpoint = {
  /** `http://127.0.0.1:8080` */
  url: string
  /** `127.0.0.1:8080` */
  hostPort: string
  /** `http` or `https` */
  scheme: string
}

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

/** Credentials by kind: what a client, the recorder, `verify` and the conformance runner sign with. */
export type CredentialSet = Partial<Record<CredentialKind, SigningCredentials>>

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

/**
 * What differs on every send of one call and never bears on what the call is (timestamps, nonces,
 * signatures, the key id): query or form parameters and headers (lower-case), each with the pattern
 * its values follow. A request's `fingerprint` leaves them out (replay's memo of match keys), and
 * contracts match them by their pattern, so that real traffic verifies.
 */
export type Volatile = {
  params: Readonly<Record<string, string>>
  headers: Readonly<Record<string, string>>
}

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
  /** Every kind of credential the scheme signs with, `credentialKind` first. */
  credentials: readonly CredentialDeclaration[]
  /** Variants that sign with another kind of credential than `credentialKind` (an IAM token). */
  variantCredentialKinds?: Readonly<Record<string, CredentialKind>>
  /** Default allowed clock skew, seconds. */
  windowSeconds: number
  /** What changes between two sends of one call, with the pattern each value follows. */
  volatile: Volatile
  /** The vendor error for each fault kind (an operation may override some). */
  errors: VendorErrorTable
  /** Where its requests go, for the answer to a request no scheme claims. */
  routes: string
  /** What a recording redacts and the leak scan looks for. */
  secrets: SecretFields
  /** What its contracts hold. */
  contract: ContractFields
  /** How to point its vendor's SDKs at a server, one line each, for the start-up banner. */
  sdkHints?(endpoint: BannerEndpoint): readonly string[]
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
