/**
 * Conformance adapter for the official `@alicloud/pop-core` (Alibaba RPC, HMAC-SHA1, POST).
 * pop-core always asks for JSON and parses only JSON, so XML scenarios are not applicable; other
 * clouds are not its business.
 */
import { pathToFileURL } from 'node:url'
import RPCClient from '@alicloud/pop-core'
import { type ConformClient, serveClient } from '../../src/conformance/index.ts'

export const popCoreClient: ConformClient = async (message) => {
  if (message.protocol !== 'alibaba-rpc')
    return { notApplicable: 'pop-core speaks Alibaba RPC only' }
  if (message.format === 'xml') return { notApplicable: 'pop-core requests and parses JSON only' }
  const client = new RPCClient({
    accessKeyId: message.credentials.keyId,
    accessKeySecret: message.credentials.secret ?? '',
    endpoint: message.endpoint,
    apiVersion: message.version ?? '',
    opts: { timeout: 5000 },
  })
  try {
    const body = await client.request<Record<string, unknown>>(message.action, message.params, {
      method: 'POST',
    })
    return { ok: true, result: flattenLists(body) }
  } catch (error) {
    const { code, message: text } = error as { code?: string; message: string }
    return { ok: false, error: { code: code ?? 'E_SDK', message: text } }
  }
}

/** `{"NonExistImageIds":{"ImageId":["a"]}}` and `["a"]` are the same list. */
function flattenLists(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    const inner =
      value && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : []
    out[key] = inner.length === 1 && Array.isArray(inner[0]) ? inner[0] : value
  }
  return out
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await serveClient(popCoreClient)
