/**
 * Conformance adapter for tapedeck's own reference client (`src/client`): signs with the
 * scenario's variant and reads JSON and XML. In process: `conform(referenceClient)`; as a process:
 * `tapedeck conform --client "node --import tsx examples/clients/reference-client.ts"`.
 */
import { pathToFileURL } from 'node:url'
import { findOperation } from '../../src/catalog/index.ts'
import { createClient } from '../../src/client/index.ts'
import { type ConformClient, serveClient } from '../../src/conformance/index.ts'
import { findProtocol, type SigningCredentials } from '../../src/protocols/index.ts'

export const referenceClient: ConformClient = async (message) => {
  const operation = findOperation(message.operation)
  if (!operation) return { notApplicable: `unknown operation ${message.operation}` }
  const client = createClient({
    endpoint: message.endpoint,
    credentials: {
      [findProtocol(message.protocol)!.credentialKind]: message.credentials as SigningCredentials,
    },
  })
  const out = await client.call(operation, message.params as never, {
    variant: message.variant,
    format: message.format,
    ...(message.pathParams ? { pathParams: message.pathParams } : {}),
  })
  return out.ok
    ? { ok: true, result: out.result }
    : { ok: false, error: { code: out.code, message: out.message } }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await serveClient(referenceClient)
