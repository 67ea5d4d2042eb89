import { isFault, type OperationDefinition } from '../catalog/index.ts'
import {
  builtInRegistry,
  type Call,
  operationFor,
  type Registry,
  type WireProtocol,
  type WireRequest,
} from '../protocols/index.ts'

/** What a request is, for matching: everything but signing fields, nonces, timestamps and ids. */
export type CanonicalRequest = {
  provider: string
  operation: string
  version: string
  method: string
  /** Response format asked for (`json` / `xml`): an XML request never replays a JSON recording. */
  format: string
  /** Business parameters as data: sorted keys, `UpdateContent` and JSON bodies parsed. */
  params: unknown
  /** Path-bound values (Huawei project and instance). */
  scope: Record<string, string>
}

/** A request routed and parsed once: its scheme, its call, and the operation it names (if known). */
export type ReadRequest = {
  protocol: WireProtocol
  call: Call
  operation: OperationDefinition | undefined
}

/** Routes and parses a request; undefined when no scheme claims it or its scheme cannot parse it. */
export function readRequest(
  request: WireRequest,
  registry: Registry = builtInRegistry,
): ReadRequest | undefined {
  const protocol = registry.protocols.find((candidate) => candidate.claims(request))
  if (!protocol) return undefined
  const call = protocol.parse(request)
  if (isFault(call)) return undefined
  return { protocol, call, operation: operationFor(registry, call.protocol, call.action) }
}

/**
 * Reads a request into its canonical form, or undefined when no scheme or operation claims it.
 * Key order and whitespace inside `UpdateContent` or a JSON body do not matter; values and array
 * order do. Pass `read` when the request was already read, to parse it once.
 */
export function canonicalRequest(
  request: WireRequest,
  read = readRequest(request),
): CanonicalRequest | undefined {
  if (!read?.operation) return undefined
  const { call, operation } = read
  const params: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(call.params))
    params[name] = name === 'UpdateContent' ? parseJson(value) : value
  const { region: _region, ...scope } = call.scope
  return {
    provider: operation.provider,
    operation: operation.id,
    version: call.version ?? '',
    method: request.method,
    format: call.format,
    params: sortKeys(params),
    scope,
  }
}

/** The match key: the canonical request as one stable string (an index key, not a scan). */
export function canonicalKey(
  request: WireRequest,
  read = readRequest(request),
): string | undefined {
  const canonical = canonicalRequest(request, read)
  return canonical === undefined ? undefined : JSON.stringify(canonical)
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/** Deep copy with object keys sorted (arrays keep their order). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  )
}
