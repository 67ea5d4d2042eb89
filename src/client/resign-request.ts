import { randomUUID } from 'node:crypto'
import { isFault } from '../catalog/index.ts'
import {
  builtInRegistry,
  type CredentialKind,
  operationFor,
  type Registry,
  type SigningCredentials,
  type WireRequest,
} from '../protocols/index.ts'

export type ResignOptions = {
  /** Base URL the request is sent to (its host is what host-bound signatures cover). */
  endpoint: string
  credentials: Partial<Record<CredentialKind, SigningCredentials>>
  /** The schemes that may have signed it; the built-in ones by default. */
  registry?: Registry
  /** The signing variant by scheme id; the request's own variant when absent. */
  variants?: Partial<Record<string, string>>
  now?: () => number
  nonce?: () => string
}

/**
 * Signs a request again with other credentials, a fresh timestamp and a fresh nonce, keeping its
 * operation, business parameters, format, region and path values. Undefined when the request is not
 * a call tapedeck knows, or carries a credential of another kind than its scheme signs with (an IAM
 * token: a bearer credential, bound to no host, that re-signing would swap for another kind of
 * caller); it is then sent as it is.
 */
export function resignRequest(
  request: WireRequest,
  options: ResignOptions,
): WireRequest | undefined {
  const registry = options.registry ?? builtInRegistry
  const protocol = registry.protocols.find((candidate) => candidate.claims(request))
  if (!protocol) return undefined
  const call = protocol.parse(request)
  if (isFault(call)) return undefined
  if (call.credentialKind !== undefined && call.credentialKind !== protocol.credentialKind)
    return undefined
  const operation = operationFor(registry, call.protocol, call.action, call.version)
  const credentials = options.credentials[protocol.credentialKind]
  if (!operation || !credentials) return undefined
  const { project_id, instance_name, region } = call.scope
  // The request's own variant unless told otherwise: a POST stays a POST, ACS3 stays ACS3.
  const own = protocol.variantOf?.(request)
  const variant =
    options.variants?.[protocol.id] ??
    (own !== undefined && protocol.variants.includes(own) ? own : undefined)
  return protocol.sign(
    {
      operation,
      params: call.params,
      endpoint: options.endpoint,
      format: call.format,
      ...(variant ? { variant } : {}),
      ...(region ? { region } : {}),
      ...(project_id && instance_name ? { pathParams: { project_id, instance_name } } : {}),
    },
    credentials,
    {
      now: options.now ?? Date.now,
      nonce: options.nonce ?? (() => randomUUID().replaceAll('-', '')),
    },
  )
}
