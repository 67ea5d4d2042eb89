import { findOperationFor, isFault } from '../catalog/index.ts'
import { CREDENTIAL_ENV } from '../client/index.ts'
import { TapedeckError } from '../errors.ts'
import {
  type CredentialKind,
  protocols,
  type SigningCredentials,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'

/**
 * Names the real cause when an interaction is refused for a leak after its request went upstream
 * as the client signed it (no credentials of its kind to re-sign with): the upstream refused a
 * signature made for the recorder's host (host-bound schemes) or credentials it does not know, and
 * echoed the key id in its error. The leak is only the symptom; the fix is the environment.
 */
export function explainRefusal(
  error: unknown,
  request: WireRequest,
  response: WireResponse,
  credentials: Partial<Record<CredentialKind, SigningCredentials>>,
): unknown {
  if (!(error instanceof TapedeckError) || error.code !== 'E_TAPE_LEAK') return error
  const protocol = protocols.find((candidate) => candidate.claims(request))
  if (!protocol || credentials[protocol.credentialKind]) return error
  const kind = protocol.credentialKind
  const names =
    kind in CREDENTIAL_ENV ? CREDENTIAL_ENV[kind as keyof typeof CREDENTIAL_ENV] : undefined
  if (!names) return error
  const variables = [names.id[0], names.secret[0], ...(names.project ? [names.project[0]] : [])]
  const call = protocol.parse(request)
  const operation = isFault(call)
    ? undefined
    : findOperationFor(call.protocol, call.action, call.version)
  const read = operation ? protocol.readResponse(response, operation) : undefined
  const code = read && !read.ok ? ` with code ${read.code}` : ''
  return new TapedeckError(
    'E_TAPE_LEAK',
    `Failed to record "${request.method} ${request.path}"${operation ? ` (${operation.id})` : ''}: the upstream answered ${response.status}${code} and its answer carries a credential (a refusal repeating the key id it was sent), so nothing was written. The request went upstream as the client signed it for this recorder, because there are no ${kind} credentials to re-sign it with, and a ${protocol.id} signature made for another host or with test keys is refused upstream: set ${variables.join(', ')} in the recorder's environment (${error.message})`,
    { cause: error },
  )
}
