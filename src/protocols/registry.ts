import { type OperationDefinition, operations } from '../catalog/index.ts'
import { protocols } from './all-protocols.ts'
import type { CredentialDeclaration, WireProtocol } from './protocol.ts'

/**
 * The schemes served, in routing order, and the operations spoken in them: the value every door,
 * reader and writer works from. Shared code learns about a cloud only through one of these; the
 * built-in one holds the four schemes and six operations, and a caller may pass its own.
 */
export type Registry = {
  readonly protocols: readonly WireProtocol[]
  readonly operations: readonly OperationDefinition[]
}

export const builtInRegistry: Registry = { protocols, operations }

/**
 * A registry with more schemes and operations: the added schemes are tried first in routing (each
 * claims only its own requests), and an added operation must name a scheme the registry has.
 */
export function withSchemes(added: Partial<Registry>, base: Registry = builtInRegistry): Registry {
  const registry = {
    protocols: [...(added.protocols ?? []), ...base.protocols],
    operations: [...base.operations, ...(added.operations ?? [])],
  }
  for (const operation of registry.operations) {
    if (!registry.protocols.some((protocol) => protocol.id === operation.protocol))
      throw new TypeError(
        `Failed to register ${operation.id}: no scheme "${operation.protocol}" is registered; add it to protocols`,
      )
  }
  return registry
}

/** Finds a scheme by id. */
export function findProtocol(
  id: string,
  registry: Registry = builtInRegistry,
): WireProtocol | undefined {
  return registry.protocols.find((protocol) => protocol.id === id)
}

/**
 * The scheme an operation is spoken in. A registry without it is the caller's mistake, said
 * loudly: signing or reading with some other scheme would be a quiet wrong answer.
 */
export function protocolOf(
  operation: OperationDefinition,
  registry: Registry = builtInRegistry,
): WireProtocol {
  const protocol = findProtocol(operation.protocol, registry)
  if (!protocol)
    throw new TypeError(
      `Failed to find the scheme of ${operation.id}: no scheme "${operation.protocol}" is registered; pass a registry that has it`,
    )
  return protocol
}

/**
 * The operation a call names: its scheme and action, and its version when one is given (the
 * pipeline's stricter resolve reports a wrong version; readers of recorded traffic do not).
 */
export function operationFor(
  registry: Registry,
  protocol: string,
  action: string | undefined,
  version?: string,
): OperationDefinition | undefined {
  return registry.operations.find(
    (op) =>
      op.protocol === protocol &&
      op.action === action &&
      (version === undefined || op.version === version),
  )
}

/** Every kind of credential the registry's schemes sign with, each once, in routing order. */
export function credentialsOf(registry: Registry): CredentialDeclaration[] {
  const seen = new Map<string, CredentialDeclaration>()
  for (const protocol of registry.protocols)
    for (const credential of protocol.credentials)
      if (!seen.has(credential.kind)) seen.set(credential.kind, credential)
  return [...seen.values()]
}

/**
 * The schemes in the order a user meets them: that of their operations (the catalogue's), then any
 * without one; routing order (`protocols`) is the router's business, not the reader's.
 */
export function schemesInOrder(registry: Registry): WireProtocol[] {
  const ids = [...new Set([...registry.operations.map((op) => op.protocol)])]
  const ordered = ids.flatMap((id) => registry.protocols.filter((protocol) => protocol.id === id))
  return [...ordered, ...registry.protocols.filter((protocol) => !ordered.includes(protocol))]
}
