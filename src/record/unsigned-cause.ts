import { isFault } from '../catalog/index.ts'
import type { CredentialSet } from '../client/index.ts'
import {
  builtInRegistry,
  operationFor,
  type Registry,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'

/**
 * Why an upstream error answer may not be the client's fault: the request went upstream as the
 * client signed it for this recorder, because there are no credentials of its kind to re-sign it
 * with, and a signature made for another host (host-bound schemes) or with test keys is refused
 * upstream. Undefined when the request was re-signed, is no known call, or the answer is a success.
 */
export function unsignedCause(
  request: WireRequest,
  response: WireResponse,
  credentials: CredentialSet,
  registry: Registry = builtInRegistry,
): { what: string; cause: string } | undefined {
  const protocol = registry.protocols.find((candidate) => candidate.claims(request))
  if (!protocol || credentials[protocol.credentialKind]) return undefined
  const kind = protocol.credentialKind
  const names = protocol.credentials.find((credential) => credential.kind === kind)?.env
  if (!names) return undefined
  const call = protocol.parse(request)
  const operation = isFault(call)
    ? undefined
    : operationFor(registry, call.protocol, call.action, call.version)
  const read = operation ? protocol.readResponse(response, operation) : undefined
  if (read?.ok) return undefined
  const variables = [names.id[0], names.secret[0], ...(names.project ? [names.project[0]] : [])]
  return {
    what: `"${request.method} ${request.path}"${operation ? ` (${operation.id})` : ''}: the upstream answered ${response.status}${read ? ` with code ${read.code}` : ''}`,
    cause: `The request went upstream as the client signed it for this recorder, because there are no ${kind} credentials to re-sign it with, and a ${protocol.id} signature made for another host or with test keys is refused upstream: set ${variables.join(', ')} in the recorder's environment`,
  }
}
