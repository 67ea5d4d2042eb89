import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { Format, OperationDefinition } from '../catalog/index.ts'
import {
  modifyImage,
  modifyImageAttribute,
  modifyImageAttributes,
  updateImageInfos,
  updateMediaInfo,
  updateVideoInfos,
} from '../catalog/index.ts'
import { InvalidOptionError } from '../errors.ts'
import {
  type CredentialKind,
  type ParsedResponse,
  protocolOf,
  type Registry,
  type SigningCredentials,
  type TextResponse,
  type WireRequest,
} from '../protocols/index.ts'

export type ClientOptions = {
  /** Base URL of a tapedeck server or a vendor endpoint, e.g. `http://127.0.0.1:8080`. */
  endpoint: string
  /**
   * Signing credentials by kind; a call uses the kind its scheme declares for its variant (the
   * IAM token for Huawei `TOKEN`, the AK/SK otherwise).
   */
  credentials: Partial<Record<CredentialKind, SigningCredentials>>
  /** The schemes to sign with; the built-in ones by default. */
  registry?: Registry
  now?: () => number
  nonce?: () => string
  fetch?: typeof fetch
}

export type CallOptions = {
  /** The scheme's signing variant (`GET`, `POST`, `ACS3`, `TC3`, `AKSK`, `TOKEN`, …). */
  variant?: string
  format?: Format
  region?: string
  pathParams?: Record<string, string>
  /** Overrides the client's credentials for this call (e.g. an IAM token). */
  credentials?: SigningCredentials
}

/** A parsed response: the result fields, or the vendor's error as a value. */
export type ClientResult = ParsedResponse & { status: number }

/** Builds the signed request for a call without sending it (the conformance runner and tests use it). */
export function signCall(
  options: ClientOptions,
  operation: OperationDefinition,
  params: Record<string, unknown>,
  call: CallOptions = {},
): WireRequest {
  const protocol = protocolOf(operation, options.registry)
  // A variant the scheme does not declare would be signed as some other one without a word.
  if (call.variant !== undefined && !protocol.variants.includes(call.variant))
    throw new InvalidOptionError(
      'variant',
      `"${operation.id}" (${protocol.id}) signs with ${protocol.variants.join(', ')}; got "${call.variant}"`,
    )
  const kind =
    (call.variant === undefined ? undefined : protocol.variantCredentialKinds?.[call.variant]) ??
    protocol.credentialKind
  const credentials = call.credentials ?? options.credentials[kind]
  if (!credentials)
    throw new TypeError(
      `Failed to sign "${operation.id}"${call.variant === undefined ? '' : ` (${call.variant})`}: no ${kind} credentials`,
    )
  return protocol.sign(
    {
      operation,
      params,
      endpoint: options.endpoint,
      ...(call.variant === undefined ? {} : { variant: call.variant }),
      ...(call.format === undefined ? {} : { format: call.format }),
      ...(call.region === undefined ? {} : { region: call.region }),
      ...(call.pathParams === undefined ? {} : { pathParams: call.pathParams }),
    },
    credentials,
    {
      now: options.now ?? Date.now,
      nonce: options.nonce ?? (() => randomUUID().replaceAll('-', '')),
    },
  )
}

/** Sends a wire request with fetch and reads back the raw response. */
export async function sendWire(
  endpoint: string,
  request: WireRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<TextResponse> {
  const url = `${endpoint.replace(/\/$/, '')}${request.path}${request.query ? `?${request.query}` : ''}`
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers))
    if (name !== 'host' && name !== 'content-length') headers[name] = value
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  const response = await fetchImpl(url, {
    method: request.method,
    headers,
    ...(hasBody ? { body: new Uint8Array(request.body) } : {}),
  })
  const out: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    out[name] = value
  })
  return { status: response.status, headers: out, body: await response.text() }
}

type WireInput<Op extends OperationDefinition> = z.input<Op['input']>

/** Business parameters of an operation; `UpdateContent` may be given as items or as its JSON string. */
export type ClientInput<Op extends OperationDefinition> = {
  [K in keyof WireInput<Op>]: K extends 'UpdateContent'
    ? WireInput<Op>[K] | readonly Record<string, unknown>[]
    : WireInput<Op>[K]
}

/**
 * The reference client: typed calls to every catalogue operation, signed with any variant of the
 * operation's scheme, returning the parsed result or the vendor error as a value.
 * @example
 * const client = createClient({ endpoint: server.url, credentials: testCredentials() })
 * const out = await client.call(updateImageInfos, { UpdateContent: [{ ImageId: 'x', Title: 't' }] })
 */
export function createClient(options: ClientOptions) {
  const fetchImpl = options.fetch ?? fetch
  async function call<Op extends OperationDefinition>(
    operation: Op,
    input: ClientInput<Op>,
    callOptions: CallOptions = {},
  ): Promise<ClientResult> {
    const params: Record<string, unknown> = { ...(input as Record<string, unknown>) }
    if (Array.isArray(params['UpdateContent']))
      params['UpdateContent'] = JSON.stringify(params['UpdateContent'])
    const request = signCall(options, operation, params, callOptions)
    const response = await sendWire(options.endpoint, request, fetchImpl)
    const protocol = protocolOf(operation, options.registry)
    return { ...protocol.readResponse(response, operation), status: response.status }
  }
  return {
    call,
    /** VOD UpdateImageInfos. */
    updateImageInfos: (input: ClientInput<typeof updateImageInfos>, o?: CallOptions) =>
      call(updateImageInfos, input, o),
    /** VOD UpdateVideoInfos. */
    updateVideoInfos: (input: ClientInput<typeof updateVideoInfos>, o?: CallOptions) =>
      call(updateVideoInfos, input, o),
    /** IMS UpdateMediaInfo. */
    updateMediaInfo: (input: ClientInput<typeof updateMediaInfo>, o?: CallOptions) =>
      call(updateMediaInfo, input, o),
    /** Tencent API 2.0 ModifyImageAttributes. */
    modifyImageAttributes: (input: ClientInput<typeof modifyImageAttributes>, o?: CallOptions) =>
      call(modifyImageAttributes, input, o),
    /** Tencent API 3.0 ModifyImageAttribute. */
    modifyImageAttribute: (input: ClientInput<typeof modifyImageAttribute>, o?: CallOptions) =>
      call(modifyImageAttribute, input, o),
    /** Huawei ImageSearch modify image. */
    modifyImage: (input: ClientInput<typeof modifyImage>, o?: CallOptions) =>
      call(modifyImage, input, o),
  }
}

export type Client = ReturnType<typeof createClient>
